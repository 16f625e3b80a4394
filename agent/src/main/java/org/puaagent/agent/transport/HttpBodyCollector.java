package org.puaagent.agent.transport;

import java.util.Arrays;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;

/**
 * Gathers one request body from Undertow's {@link Receiver#receivePartialBytes} chunks with bulk copies (Undertow
 * 2.3's {@code receiveFullBytes} copies byte by byte into a synchronized stream). The common case, a body that
 * arrived whole with its headers, is one chunk, kept as it is: no copy at all. Later chunks are appended into an
 * array sized from {@code Content-Length} when the request has one, doubled otherwise (chunked encoding).
 *
 * <p>Size: Undertow refuses a declared {@code Content-Length} above the server's {@code MAX_ENTITY_SIZE}, and a
 * chunked body that grows past it, through the error callback; this class checks the cap too and reports
 * {@link Outcome#TOO_LARGE} once (the receiver of that outcome pauses the request receiver), ignoring what follows,
 * so it never holds more than {@code maxBody} bytes.
 *
 * <p>Threading: not thread-safe; the exchange's IO thread only (where Undertow calls the receiver's callbacks).
 */
final class HttpBodyCollector implements Receiver.PartialBytesCallback
{
    /** What became of the body. */
    enum Outcome
    {
        COMPLETE,
        TOO_LARGE
    }

    /** Told once, on the IO thread, when the body is complete or too large; the exchange is passed through. */
    @FunctionalInterface
    interface Done
    {
        /** {@code body} is the whole body for {@link Outcome#COMPLETE}, empty for {@link Outcome#TOO_LARGE}. */
        void done(HttpServerExchange exchange, Outcome outcome, byte[] body);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_GROWTH = 1024;

    private final int maxBody;
    private final long declaredLength;
    private final Done done;
    private byte[] body;
    private int length;
    private boolean finished;

    /**
     * @param maxBody        largest body accepted, in bytes
     * @param declaredLength the request's {@code Content-Length}, or -1 when it has none
     * @param done           told the outcome once
     */
    HttpBodyCollector(final int maxBody, final long declaredLength, final Done done)
    {
        this.maxBody = maxBody;
        this.declaredLength = declaredLength;
        this.done = done;
    }

    @Override
    public void handle(final HttpServerExchange exchange, final byte[] chunk, final boolean last)
    {
        if (finished)
        {
            return;
        }
        if (chunk.length > maxBody - length)
        {
            finished = true;
            done.done(exchange, Outcome.TOO_LARGE, EMPTY);
            return;
        }
        append(chunk);
        if (last)
        {
            finished = true;
            done.done(exchange, Outcome.COMPLETE, whole());
        }
    }

    private void append(final byte[] chunk)
    {
        if (chunk.length == 0)
        {
            return;
        }
        if (null == body)
        {
            body = chunk;
            length = chunk.length;
            return;
        }
        final int needed = length + chunk.length;
        if (needed > body.length)
        {
            body = Arrays.copyOf(body, capacityFor(needed));
        }
        System.arraycopy(chunk, 0, body, length, chunk.length);
        length = needed;
    }

    /** Room for at least {@code needed} bytes: the declared length when it covers them, else twice as much. */
    private int capacityFor(final int needed)
    {
        if (declaredLength >= needed && declaredLength <= maxBody)
        {
            return (int) declaredLength;
        }
        final long doubled = Math.max((long) needed * 2, MIN_GROWTH);
        return (int) Math.min(doubled, Math.max(needed, maxBody));
    }

    private byte[] whole()
    {
        if (null == body)
        {
            return EMPTY;
        }
        return length == body.length ? body : Arrays.copyOf(body, length);
    }
}
