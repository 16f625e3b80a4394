package org.puaagent.agent.notify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.undertow.server.HttpServerExchange;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * One {@code GET /events} connection: a cursor into the {@link NotificationHub}, a filter, and one output
 * buffer. It formats what it reads into the buffer (at most about {@value #BATCH_BYTES} bytes at a time) and
 * writes it to the response channel without blocking; while the client does not take the bytes it waits for
 * the channel's write listener and reads nothing more, so its queue is its window on the hub's ring. When the
 * ring overwrites what it has not read, the loss is counted at once ({@code sse.dropped}) and the client is
 * told with a {@code gap} event before the next notification.
 *
 * <p>Threading: the exchange's IO thread only (Undertow IO threads never block: every write is non-blocking).
 */
final class SseClient implements HubVisitor
{
    /** Bytes formatted per fill before writing them out. */
    static final int BATCH_BYTES = 16 * 1024;
    /** Notifications scanned per fill at most (fairness between clients of one IO thread). */
    static final int SCAN_LIMIT = 1024;
    /** Fill-and-write rounds per pump before yielding the IO thread to other connections. */
    private static final int ROUNDS_PER_PUMP = 8;
    /** A buffer grown for one large notification is dropped again when it is larger than this. */
    private static final int KEEP_BUFFER_BYTES = 64 * 1024;
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServerExchange exchange;
    private final StreamSinkChannel channel;
    private final NotificationHub hub;
    private final SseIoGroup group;
    private final NotificationFilter filter;
    private final EventStream.Counters counters;
    private long cursor;
    private byte[] buf = new byte[BATCH_BYTES];
    private int fill;
    private ByteBuffer out;
    /** Waiting for the write listener (the client is not taking bytes, or we yielded). */
    private boolean awaitingWritable;
    /** Since when the output has not moved while awaitingWritable. */
    private long stuckSinceNanos;
    private boolean closed;
    /** A gap to announce before the next notification: first..last missed (count 0 for a bare reset). */
    private GapReason gapReason;
    private long gapFirst;
    private long gapLast;
    private long gapId;
    private long gapLastEventId = -1;

    SseClient(final HttpServerExchange exchange, final StreamSinkChannel channel, final NotificationHub hub,
        final SseIoGroup group, final NotificationFilter filter, final EventStream.Counters counters)
    {
        this.exchange = exchange;
        this.channel = channel;
        this.hub = hub;
        this.group = group;
        this.filter = filter;
        this.counters = counters;
    }

    /**
     * Positions the cursor: after {@code lastEventId} when resuming (announcing what is no longer kept, or
     * that the id is from before a restart), else after the newest notification; queues the greeting comment.
     *
     * @param lastEventId the id the client resumes from, or negative for a new client
     */
    void open(final long lastEventId)
    {
        final long newest = hub.lastSequence();
        final long oldest = hub.oldestKept();
        if (lastEventId < 0)
        {
            cursor = newest;
        }
        else if (lastEventId > newest)
        {
            // Not an id of this run (the agent restarted): announce it, then replay all that is kept.
            cursor = oldest - 1;
            announce(GapReason.RESET, 1, oldest - 1, oldest - 1, lastEventId);
            counters.resumeMissed.add(oldest - 1);
        }
        else if (lastEventId < oldest - 1)
        {
            cursor = oldest - 1;
            announce(GapReason.EXPIRED, lastEventId + 1, oldest - 1, oldest - 1, lastEventId);
            counters.resumeMissed.add(oldest - 1 - lastEventId);
        }
        else
        {
            cursor = lastEventId;
        }
        append((": pua-agent notifications; last sequence " + newest + ", oldest kept " + oldest + "\n\n")
            .getBytes(StandardCharsets.US_ASCII));
        channel.getWriteSetter().set(ch -> onWritable());
        pump();
    }

    /** The hub has news (or another client of this IO thread had): read and write what fits. */
    void onWake()
    {
        if (closed)
        {
            return;
        }
        if (awaitingWritable)
        {
            // Not taking bytes: read nothing, but count at once what the ring has overwritten meanwhile.
            final long oldest = hub.oldestKept();
            if (cursor < oldest - 1)
            {
                onGap(cursor + 1, oldest - 1);
                cursor = oldest - 1;
            }
            return;
        }
        pump();
    }

    /**
     * Heartbeat tick: an idle client gets a comment line (keeps proxies from closing the connection); a client
     * whose output has not moved for {@code stallNanos} is disconnected.
     */
    void onHeartbeat(final long nowNanos, final long stallNanos)
    {
        if (closed)
        {
            return;
        }
        if (awaitingWritable)
        {
            if (nowNanos - stuckSinceNanos > stallNanos)
            {
                counters.stalledClosed.increment();
                close();
            }
            return;
        }
        if (null == out && 0 == fill)
        {
            append(HEARTBEAT);
            counters.heartbeats.increment();
            pump();
        }
    }

    private void onWritable()
    {
        if (closed)
        {
            return;
        }
        awaitingWritable = false;
        pump();
    }

    private void pump()
    {
        if (closed)
        {
            return;
        }
        try
        {
            for (int round = 0; round < ROUNDS_PER_PUMP; round++)
            {
                if (null == out)
                {
                    fillFromHub();
                    if (0 == fill)
                    {
                        if (channel.flush())
                        {
                            channel.suspendWrites();
                        }
                        else
                        {
                            await();
                        }
                        return;
                    }
                    out = ByteBuffer.wrap(buf, 0, fill);
                }
                while (out.hasRemaining())
                {
                    if (0 == channel.write(out))
                    {
                        await();
                        return;
                    }
                    stuckSinceNanos = System.nanoTime();
                }
                out = null;
                fill = 0;
                if (buf.length > KEEP_BUFFER_BYTES)
                {
                    buf = new byte[BATCH_BYTES];
                }
            }
            // More to send: let the IO thread serve its other connections first; the listener comes back.
            await();
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.writeErrors.increment();
            close();
        }
    }

    private void await()
    {
        if (!awaitingWritable)
        {
            awaitingWritable = true;
            stuckSinceNanos = System.nanoTime();
        }
        channel.resumeWrites();
    }

    /** Formats into the buffer (after what is already there) the gap to announce and the matching events. */
    private void fillFromHub()
    {
        cursor = hub.readAfter(cursor, SCAN_LIMIT, this);
        flushGap();
    }

    @Override
    public boolean onEvent(final HubEvent event)
    {
        if (!filter.matches(event.notification()))
        {
            return true;
        }
        flushGap();
        append(event.sseFrame());
        counters.eventsSent.increment();
        return fill < BATCH_BYTES;
    }

    @Override
    public void onGap(final long first, final long last)
    {
        counters.dropped.add(last - first + 1);
        if (null == gapReason)
        {
            announce(GapReason.OVERFLOW, first, last, last, -1);
        }
        else
        {
            gapFirst = Math.min(gapFirst, first);
            gapLast = Math.max(gapLast, last);
            gapId = Math.max(gapId, last);
        }
    }

    private void announce(final GapReason reason, final long first, final long last, final long id,
        final long lastEventId)
    {
        gapReason = reason;
        gapFirst = first;
        gapLast = last;
        gapId = id;
        gapLastEventId = lastEventId;
    }

    private void flushGap()
    {
        if (null == gapReason)
        {
            return;
        }
        final String frame = "id: " + gapId + "\nevent: gap\ndata: "
            + NotificationJson.gap(gapReason, gapFirst, gapLast, gapLastEventId) + "\n\n";
        append(frame.getBytes(StandardCharsets.UTF_8));
        counters.gaps.increment();
        gapReason = null;
    }

    private void append(final byte[] bytes)
    {
        if (fill + bytes.length > buf.length)
        {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, fill + bytes.length));
        }
        System.arraycopy(bytes, 0, buf, fill, bytes.length);
        fill += bytes.length;
    }

    /** Ends the connection (idempotent). IO thread only. */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        group.remove(this);
        counters.clients.decrement();
        IoUtils.safeClose(exchange.getConnection());
    }

    boolean isClosed()
    {
        return closed;
    }
}
