package org.puaagent.agent.transport.http;

import java.io.IOException;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.IoUtils;

/**
 * The end of an answer's write on one connection: the exchange ends and the connection waits for its next request
 * ({@code IDLE}), or, when it is not kept alive, has a moment to be closed by the client ({@code CLOSING}); a write
 * that fails closes the connection. One per connection (answers on a connection are
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
        try
        {
            // Undertow ends a connection that is not kept alive by shutting down its output and waiting for the
            // client to close: the client gets a moment for that, then the connection is closed (CLOSING)
            connection.enter(exchange.isPersistent() ? ConnectionPhase.IDLE : ConnectionPhase.CLOSING);
            IoCallback.END_EXCHANGE.onComplete(exchange, sender);
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    @Override
    public void onException(final HttpServerExchange exchange, final Sender sender, final IOException exception)
    {
        try
        {
            IoUtils.safeClose(exchange.getConnection());
            IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
        }
    }
}
