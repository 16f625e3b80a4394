package org.puaagent.agent.transport;

/**
 * Where the FIFO transports hand their replies: {@link FifoReplies}, or a test's recorder. Any thread; never
 * blocks.
 */
interface ReplySink
{
    /** Queues {@code body} for the reply FIFO at {@code path}; false (counted by the sink) when refused. */
    boolean submit(ReplyPath path, byte[] body);
}
