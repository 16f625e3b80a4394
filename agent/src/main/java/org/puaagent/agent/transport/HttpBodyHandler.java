package org.puaagent.agent.transport;

/**
 * What the HTTP server does with a complete request body. Called on the HTTP server's selector thread: it must
 * not block; it answers through {@code reply} now or later from any thread.
 */
@FunctionalInterface
public interface HttpBodyHandler
{
    void handle(byte[] body, HttpReply reply);
}
