package org.puaagent.agent.transport.http;

/**
 * What the HTTP listener does with a complete JSON-RPC request body. Called on an I/O thread: it must not block; it
 * answers through {@code reply} now or later from any thread.
 */
@FunctionalInterface
public interface HttpBodyHandler
{
    void handle(byte[] body, HttpReply reply);
}
