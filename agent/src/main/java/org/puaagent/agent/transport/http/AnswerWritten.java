package org.puaagent.agent.transport.http;

import java.io.IOException;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import org.xnio.IoUtils;

/**
 * The end of an answer's write on one connection: the exchange ends and the connection waits for its next request
 * ({@code IDLE}); a write that fails closes the connection. One per connection (answers on a connection are
 * written one after the other).
 *
 * <p>Threading: the connection's I/O thread.
 */
final class AnswerWritten implements IoCallback
{
    private final ConnectionState connection;

    AnswerWritten(final ConnectionState connection)
    {
        this.connection = connection;
    }

    @Override
    public void onComplete(final HttpServerExchange exchange, final Sender sender)
    {
        connection.enter(ConnectionPhase.IDLE);
        IoCallback.END_EXCHANGE.onComplete(exchange, sender);
    }

    @Override
    public void onException(final HttpServerExchange exchange, final Sender sender, final IOException exception)
    {
        IoUtils.safeClose(exchange.getConnection());
        IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
    }
}
