package org.puaagent.agent.bench.notify;

/**
 * One Server-Sent Events frame that is not only comments: its {@code id} and {@code event} fields (null when
 * absent) and its data lines joined with LF (null when it had none). Immutable.
 */
record SseFrame(String id, String event, String data)
{
}
