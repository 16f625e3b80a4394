package org.puaagent.agent.transport.http;

import io.undertow.server.HttpServerExchange;

/**
 * A path of the HTTP listener served by something other than JSON-RPC (the event stream {@code GET /events}). It
 * gets the exchange after the access checks and answers every method itself (with {@link HttpAnswers} for errors).
 *
 * <p>Threading: {@link #handle} runs on the exchange's I/O thread inside Undertow's handler call; it must not block.
 */
@FunctionalInterface
public interface HttpRoute
{
    /** @param connection the connection's state ({@link ConnectionState#streaming} for a stream), or null */
    void handle(HttpServerExchange exchange, ConnectionState connection);
}
