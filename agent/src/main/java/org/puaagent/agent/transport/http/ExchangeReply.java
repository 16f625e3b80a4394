package org.puaagent.agent.transport.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

import io.undertow.server.HttpServerExchange;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.IoUtils;

/**
 * The answer slot of one JSON-RPC request over HTTP. The answer may come from any thread (the pipeline owner
 * completes {@code pua.publish}); the exchange is touched only on its I/O thread, so an answer from elsewhere hops
 * there with one task (writing from the answering thread was measured slower: it cannot save the I/O thread's
 * wake-up). The first answer is written, later ones are counted and dropped; an answer for a client that has
 * left is counted and dropped.
 *
 * <p>Threading: {@link #send} from any thread; {@link #run} on the exchange's I/O thread.
 */
final class ExchangeReply implements HttpReply, Runnable
{
    private static final AtomicIntegerFieldUpdater<ExchangeReply> SENT =
        AtomicIntegerFieldUpdater.newUpdater(ExchangeReply.class, "sent");

    /** The counters an answer may touch (one instance per listener). */
    record Counters(LongAdder duplicates, LongAdder clientGone, LongAdder internal)
    {
    }

    private final HttpServerExchange exchange;
    private final ConnectionState connection;
    private final Counters counters;
    @SuppressWarnings("unused") // through SENT
    private volatile int sent;
    private int status;
    private String reason;
    private String contentType;
    private byte[] body;

    ExchangeReply(final HttpServerExchange exchange, final ConnectionState connection, final Counters counters)
    {
        this.exchange = exchange;
        this.connection = connection;
        this.counters = counters;
    }

    @Override
    public void send(final int status, final String reason, final String contentType, final byte[] body)
    {
        if (!SENT.compareAndSet(this, 0, 1))
        {
            counters.duplicates().increment();
            return;
        }
        this.status = status;
        this.reason = reason;
        this.contentType = contentType;
        this.body = body;
        if (Thread.currentThread() == exchange.getIoThread())
        {
            run();
            return;
        }
        try
        {
            exchange.getIoThread().execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            counters.clientGone().increment();
        }
    }

    @Override
    public void run()
    {
        try
        {
            if (!exchange.getConnection().isOpen() || exchange.isResponseStarted())
            {
                counters.clientGone().increment();
                return;
            }
            HttpAnswers.send(exchange, connection, status, reason, contentType, body, false);
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            counters.internal().increment();
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
