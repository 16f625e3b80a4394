package org.puaagent.agent.transport.http;

/** The answer slot of one HTTP request. Any thread may call {@link #send}, once; later calls are ignored (counted). */
@FunctionalInterface
public interface HttpReply
{
    void send(int status, String reason, String contentType, byte[] body);
}
