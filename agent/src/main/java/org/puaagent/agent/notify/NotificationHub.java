package org.puaagent.agent.notify;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.runtime.Fatal;

/**
 * Where every NOTIFY goes first: gives it the next global sequence number (1, 2, 3, ... for the life of the
 * agent), keeps the last {@code capacity} of them in a ring for readers and for clients that resume, and wakes
 * the readers (the SSE IO-thread groups, the webhook thread).
 *
 * <p>The ring is the per-reader queue: every reader keeps its own cursor (the last sequence it consumed) and
 * reads at its own pace with {@link #readAfter}; the owner never waits for a reader and never copies per
 * reader. A reader that falls more than {@code capacity} behind has lost the oldest notifications: {@code
 * readAfter} reports them as a gap ({@link HubVisitor#onGap}), and the reader counts and reports it.
 *
 * <p>The ring is bounded in bytes too: each notification counts {@link #sizeOf} (its strings and the JSON and
 * SSE forms readers build from it); when the notifications kept take more than {@code maxBytes}, the owner
 * releases the oldest early (counted, {@code hub.released_early}) and readers see them as a gap, exactly as if
 * the ring had overwritten them. It publishes the new floor (the oldest sequence kept) with a volatile write
 * before it clears the slot, so a reader that finds a cleared slot reads a floor past it.
 *
 * <p>Threading: {@link #onNotification} on the pipeline owner thread only (single writer: it stores the slot,
 * then publishes the sequence with a volatile write, then wakes each reader, which costs a flag check when the
 * reader is already awake). {@link #readAfter}, {@link #lastSequence}, {@link #oldestKept}, {@link #attach},
 * {@link #detach} and {@link #counters}: any thread. Never blocks, never throws on the owner thread.
 */
public final class NotificationHub implements NotificationSink
{
    /** Default number of notifications kept for readers and resuming clients. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /**
     * A kept notification without its characters: the {@code HubEvent} (32 B), the {@code Notification} (40),
     * the headers of its strings and of the two byte arrays readers build (JSON, SSE frame) and the JSON's own
     * text (field names, sequence, times: about 200).
     */
    public static final int EVENT_BYTES = 512;
    /**
     * Copies of the characters a kept notification holds: the strings, the JSON bytes, the SSE frame bytes (one
     * byte per character of ASCII; escaped control characters and other text take more).
     */
    public static final int TEXT_COPIES = 3;

    private static final HubReader[] NO_READERS = new HubReader[0];

    private final int capacity;
    private final long maxBytes;
    private final AtomicReferenceArray<HubEvent> slots;
    private final Object readersLock = new Object();
    private final LongAdder readerErrors = new LongAdder();
    private final LongAdder releasedEarly = new LongAdder();
    private volatile HubReader[] readers = NO_READERS;
    /** The last sequence handed out and stored; written by the owner only. */
    private volatile long published;
    /** No sequence below it is kept (released early for bytes); written by the owner only. */
    private volatile long floor = 1;
    /** The bytes of the notifications kept; written by the owner only. */
    private volatile long keptBytes;

    /** @param capacity how many notifications the ring keeps (at least 1), without a limit in bytes */
    public NotificationHub(final int capacity)
    {
        this(capacity, Long.MAX_VALUE);
    }

    /**
     * @param capacity how many notifications the ring keeps (at least 1)
     * @param maxBytes how many bytes they may take ({@link #sizeOf}); the newest is kept whatever its size
     */
    public NotificationHub(final int capacity, final long maxBytes)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("hub capacity must be at least 1, not " + capacity);
        }
        if (maxBytes < 1)
        {
            throw new IllegalArgumentException("hub byte limit must be positive, not " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** The bytes a kept notification counts: {@link #EVENT_BYTES} plus {@link #TEXT_COPIES} per character. */
    public static long sizeOf(final Notification n)
    {
        return EVENT_BYTES + TEXT_COPIES * (length(n.subscriptionId()) + length(n.presentity()) + length(n.watcher())
            + length(n.event()) + length(n.subscriptionState()) + length(n.contentType()) + length(n.body()));
    }

    private static long length(final String text)
    {
        return null == text ? 0 : text.length();
    }

    /** How many notifications the ring keeps. Any thread. */
    public int capacity()
    {
        return capacity;
    }

    /** Owner thread only: append, publish, wake. Never blocks, never throws. */
    @Override
    public void onNotification(final Notification notification)
    {
        if (null == notification)
        {
            return;
        }
        final long sequence = published + 1;
        final int index = index(sequence);
        final HubEvent overwritten = slots.get(index);
        final HubEvent event = new HubEvent(sequence, notification, sizeOf(notification));
        long kept = keptBytes + event.bytes() - (null == overwritten ? 0 : overwritten.bytes());
        slots.lazySet(index, event);
        published = sequence;
        if (kept > maxBytes)
        {
            kept = releaseOldest(sequence, kept);
        }
        keptBytes = kept;
        for (final HubReader reader : readers)
        {
            try
            {
                reader.wake();
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                readerErrors.increment();
            }
        }
    }

    /**
     * Owner: releases the oldest notifications until the kept ones fit in {@code maxBytes} again (the newest,
     * {@code newest}, always stays). Each step raises the floor first, then clears the slot.
     *
     * @return the bytes still kept
     */
    private long releaseOldest(final long newest, final long keptNow)
    {
        long kept = keptNow;
        long oldest = Math.max(floor, newest - capacity + 1);
        while (kept > maxBytes && oldest < newest)
        {
            final int index = index(oldest);
            final HubEvent old = slots.get(index);
            floor = oldest + 1;
            if (null != old && old.sequence() == oldest)
            {
                kept -= old.bytes();
                slots.lazySet(index, null);
            }
            releasedEarly.increment();
            oldest++;
        }
        return kept;
    }

    /** The last sequence number handed out (0 before the first notification). Any thread. */
    public long lastSequence()
    {
        return published;
    }

    /**
     * The oldest sequence still in the ring (1 until the ring has wrapped or released notifications for bytes;
     * lastSequence()+1 when empty).
     */
    public long oldestKept()
    {
        return oldestKept(published);
    }

    private long oldestKept(final long last)
    {
        return Math.max(floor, Math.max(1, last - capacity + 1));
    }

    /**
     * Reads the notifications after {@code after}, at most {@code limit} of them, in order. What fell out of
     * the ring (also while this call runs, if the owner laps the reader) is reported to {@link
     * HubVisitor#onGap} before the next event. Any thread; never blocks.
     *
     * @param after the reader's cursor: the last sequence it consumed (0: from the start)
     * @return the new cursor: the last sequence consumed or skipped as a gap
     */
    public long readAfter(final long after, final int limit, final HubVisitor visitor)
    {
        final long last = published;
        long next = after + 1;
        if (next > last)
        {
            return after;
        }
        final long oldest = oldestKept(last);
        if (next < oldest)
        {
            visitor.onGap(next, oldest - 1);
            next = oldest;
        }
        int read = 0;
        while (next <= last && read < limit)
        {
            final HubEvent event = slots.get(index(next));
            if (null == event)
            {
                // Released early for bytes during the call: the owner raised the floor past it before clearing.
                final long floorNow = floor;
                if (floorNow <= next)
                {
                    break;
                }
                visitor.onGap(next, floorNow - 1);
                next = floorNow;
                continue;
            }
            if (event.sequence() < next)
            {
                // cannot happen for next <= published (the slot is stored before publishing); stop safely
                break;
            }
            if (event.sequence() > next)
            {
                // The owner lapped this reader during the call: it stored event.sequence(), so everything up
                // to event.sequence() - capacity has been overwritten (it writes in order).
                final long lost = event.sequence() - capacity;
                visitor.onGap(next, lost);
                next = lost + 1;
                continue;
            }
            read++;
            next++;
            if (!visitor.onEvent(event))
            {
                break;
            }
        }
        return next - 1;
    }

    /** Adds a reader; it is woken after every later notification. Any thread. */
    public void attach(final HubReader reader)
    {
        synchronized (readersLock)
        {
            final HubReader[] now = readers;
            final HubReader[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = reader;
            readers = more;
        }
    }

    /** Removes a reader (no-op when it is not attached). Any thread. */
    public void detach(final HubReader reader)
    {
        synchronized (readersLock)
        {
            final HubReader[] now = readers;
            for (int i = 0; i < now.length; i++)
            {
                if (now[i] == reader)
                {
                    final HubReader[] fewer = new HubReader[now.length - 1];
                    System.arraycopy(now, 0, fewer, 0, i);
                    System.arraycopy(now, i + 1, fewer, i, now.length - i - 1);
                    readers = fewer;
                    return;
                }
            }
        }
    }

    /** The bytes of the notifications kept now ({@link #sizeOf} each). Any thread. */
    public long keptBytes()
    {
        return keptBytes;
    }

    /**
     * {@code hub.sequence}, {@code hub.capacity}, {@code hub.readers}, {@code hub.reader_errors}, {@code
     * hub.bytes} (kept now), {@code hub.kept} (notifications kept now), {@code hub.bytes_limit}, {@code
     * hub.released_early} (notifications released before the ring overwrote them, to stay within the bytes). Any
     * thread.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> c = new TreeMap<>();
        c.put("hub.sequence", published);
        c.put("hub.capacity", (long) capacity);
        c.put("hub.readers", (long) readers.length);
        c.put("hub.reader_errors", readerErrors.sum());
        c.put("hub.bytes", keptBytes);
        c.put("hub.bytes_limit", maxBytes);
        c.put("hub.released_early", releasedEarly.sum());
        final long last = published;
        c.put("hub.kept", last - oldestKept(last) + 1);
        return c;
    }

    private int index(final long sequence)
    {
        return (int) (sequence % capacity);
    }
}
