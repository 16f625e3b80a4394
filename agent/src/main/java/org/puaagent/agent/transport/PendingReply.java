package org.puaagent.agent.transport;

/**
 * One reply on its way into a reply FIFO: where, what, until when, and how far it got. Created on any thread,
 * then handed to the writer thread and changed only there ({@link ReplyWriter}).
 */
final class PendingReply
{
    final ReplyPath path;
    final byte[] body;
    /** System-nanoTime-based instant after which the client loses the reply. */
    final long deadline;
    /** The open reply FIFO, or -1. */
    int fd = -1;
    /** Bytes of the body already written. */
    int written;
    /** When the writer tries again. */
    long nextAttempt;
    /** The wait before the next retry of the same kind (doubled each time, reset on progress). */
    long backoff;
    /** Whether this reply holds its path (replies to one FIFO go one after the other). */
    boolean holdsPath;
    /** Whether an open found no reader (ENXIO) at least once. */
    boolean noReaderSeen;

    PendingReply(final ReplyPath path, final byte[] body, final long deadline)
    {
        this.path = path;
        this.body = body;
        this.deadline = deadline;
    }
}
