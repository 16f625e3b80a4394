package org.puaagent.agent.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;

/**
 * Receives one request body without blocking, into an array that grows with what really arrives: it is never
 * sized from the request's {@code Content-Length}, so a head that announces a megabyte and sends nothing costs
 * nothing. The common body, which comes with its head in one read, is one array of exactly its size (no copy
 * after the read). Every byte held is charged to the listener's {@link BodyBudget}; a body that would exceed it
 * is refused with 503, one larger than the body limit with 413 (also when Undertow's own entity limit trips first
 * on a chunked body), an unreadable one with 400. The connection's phase is {@code READING_BODY} while bytes are
 * awaited, so a body that stops coming is cut off at the request timeout (and its charge released).
 *
 * <p>Threading: the exchange's I/O thread only (started from the handler, then driven by the channel's read
 * listener).
 */
final class RequestBodyReader implements ChannelListener<StreamSourceChannel>
{
    /** Where a body goes. Called once, on the I/O thread. */
    interface Receiver
    {
        /** @param connection the connection's state, or null when it is not tracked */
        void onBody(HttpServerExchange exchange, ConnectionState connection, byte[] body);

        /** The body is refused; the connection closes after the answer. */
        void onRefused(HttpServerExchange exchange, ConnectionState connection, int status, String reason,
            String text);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_GROWTH = 4096;

    private final HttpServerExchange exchange;
    private final ConnectionState state;
    private final int maxBody;
    private final BodyBudget budget;
    private final Receiver receiver;
    private final StreamSourceChannel channel;
    private byte[] data = EMPTY;
    private int length;
    private boolean done;
    private boolean waiting;

    private RequestBodyReader(final HttpServerExchange exchange, final ConnectionState state, final int maxBody,
        final BodyBudget budget, final Receiver receiver)
    {
        this.exchange = exchange;
        this.state = state;
        this.maxBody = maxBody;
        this.budget = budget;
        this.receiver = receiver;
        this.channel = exchange.getRequestChannel();
    }

    /**
     * Reads the body of {@code exchange} (outside Undertow's handler call: the exchange is dispatched) and hands it
     * to {@code receiver}, now or when the rest arrives.
     *
     * @param state the connection's state, or null when it is not tracked
     */
    static void read(final HttpServerExchange exchange, final ConnectionState state, final int maxBody,
        final BodyBudget budget, final Receiver receiver)
    {
        if (exchange.isRequestComplete())
        {
            receiver.onBody(exchange, state, EMPTY);
            return;
        }
        final RequestBodyReader reader = new RequestBodyReader(exchange, state, maxBody, budget, receiver);
        if (null == reader.channel)
        {
            receiver.onRefused(exchange, state, 400, "Bad Request", "request body already read");
            return;
        }
        reader.readAvailable();
    }

    @Override
    public void handleEvent(final StreamSourceChannel ignored)
    {
        try
        {
            readAvailable();
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            refuse(500, "Internal Server Error", "request body could not be read");
        }
    }

    private void readAvailable()
    {
        if (done)
        {
            return;
        }
        final PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate();
        try
        {
            final ByteBuffer buffer = pooled.getBuffer();
            while (true)
            {
                buffer.clear();
                final int n = channel.read(buffer);
                if (n < 0)
                {
                    finish();
                    return;
                }
                if (0 == n)
                {
                    await();
                    return;
                }
                buffer.flip();
                if (!append(buffer))
                {
                    return;
                }
                if (exchange.isRequestComplete())
                {
                    finish();
                    return;
                }
            }
        }
        catch (final RequestTooBigException ex)
        {
            refuse(413, "Request Entity Too Large", "request body larger than " + maxBody + " bytes");
        }
        catch (final IOException ex)
        {
            refuse(400, "Bad Request", "request body unreadable");
        }
        finally
        {
            pooled.close();
        }
    }

    /** Appends what {@code chunk} holds; false (and refused) when it does not fit a limit. */
    private boolean append(final ByteBuffer chunk)
    {
        final int n = chunk.remaining();
        if (n > maxBody - length)
        {
            refuse(413, "Request Entity Too Large", "request body larger than " + maxBody + " bytes");
            return false;
        }
        final int need = length + n;
        if (need > data.length)
        {
            final int capacity = 0 == length && exchange.getRequestContentLength() == n
                ? n
                : (int) Math.min(maxBody, Math.max(need, Math.max(MIN_GROWTH, 2L * data.length)));
            if (!budget.charge(capacity - data.length))
            {
                refuse(503, "Service Unavailable", "too many request bodies being received; try again");
                return false;
            }
            data = Arrays.copyOf(data, capacity);
        }
        chunk.get(data, length, n);
        length = need;
        return true;
    }

    private void await()
    {
        if (!waiting)
        {
            waiting = true;
            if (null != state)
            {
                state.enter(ConnectionPhase.READING_BODY);
                state.onClose(this::release);
            }
            channel.getReadSetter().set(this);
        }
        channel.resumeReads();
    }

    private void finish()
    {
        done = true;
        stopReading();
        final byte[] body = length == data.length ? data : Arrays.copyOf(data, length);
        release();
        receiver.onBody(exchange, state, body);
    }

    private void refuse(final int status, final String reason, final String text)
    {
        if (done)
        {
            return;
        }
        done = true;
        stopReading();
        release();
        exchange.setPersistent(false);
        receiver.onRefused(exchange, state, status, reason, text);
    }

    private void stopReading()
    {
        if (waiting)
        {
            channel.suspendReads();
            channel.getReadSetter().set(null);
            if (null != state)
            {
                state.clearOnClose();
                state.enter(ConnectionPhase.WAITING);
            }
        }
    }

    /** Gives the charged bytes back (once: the array is dropped). */
    private void release()
    {
        final long charged = data.length;
        if (charged > 0 && data != EMPTY)
        {
            budget.release(charged);
        }
        data = EMPTY;
    }
}
