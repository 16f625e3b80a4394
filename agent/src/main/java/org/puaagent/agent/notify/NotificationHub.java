package org.puaagent.agent.notify;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

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
 * <p>Threading: {@link #onNotification} on the pipeline owner thread only (single writer: it stores the slot,
 * then publishes the sequence with a volatile write, then wakes each reader, which costs a flag check when the
 * reader is already awake). {@link #readAfter}, {@link #lastSequence}, {@link #oldestKept}, {@link #attach},
 * {@link #detach} and {@link #counters}: any thread. Never blocks, never throws on the owner thread.
 */
public final class NotificationHub implements NotificationSink
{
    /** Default number of notifications kept for readers and resuming clients. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final HubReader[] NO_READERS = new HubReader[0];

    private final int capacity;
    private final AtomicReferenceArray<HubEvent> slots;
    private final Object readersLock = new Object();
    private final LongAdder readerErrors = new LongAdder();
    private volatile HubReader[] readers = NO_READERS;
    /** The last sequence handed out and stored; written by the owner only. */
    private volatile long published;

    /** @param capacity how many notifications the ring keeps (at least 1) */
    public NotificationHub(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("hub capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
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
        slots.lazySet(index(sequence), new HubEvent(sequence, notification));
        published = sequence;
        for (final HubReader reader : readers)
        {
            try
            {
                reader.wake();
            }
            catch (final RuntimeException ex)
            {
                readerErrors.increment();
            }
        }
    }

    /** The last sequence number handed out (0 before the first notification). Any thread. */
    public long lastSequence()
    {
        return published;
    }

    /** The oldest sequence still in the ring (1 until the ring has wrapped; lastSequence()+1 when empty). */
    public long oldestKept()
    {
        return Math.max(1, published - capacity + 1);
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
        final long oldest = Math.max(1, last - capacity + 1);
        if (next < oldest)
        {
            visitor.onGap(next, oldest - 1);
            next = oldest;
        }
        int read = 0;
        while (next <= last && read < limit)
        {
            final HubEvent event = slots.get(index(next));
            if (null == event || event.sequence() < next)
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

    /** {@code hub.sequence}, {@code hub.capacity}, {@code hub.readers}, {@code hub.reader_errors}. Any thread. */
    public Map<String, Long> counters()
    {
        final Map<String, Long> c = new TreeMap<>();
        c.put("hub.sequence", published);
        c.put("hub.capacity", (long) capacity);
        c.put("hub.readers", (long) readers.length);
        c.put("hub.reader_errors", readerErrors.sum());
        return c;
    }

    private int index(final long sequence)
    {
        return (int) (sequence % capacity);
    }
}
