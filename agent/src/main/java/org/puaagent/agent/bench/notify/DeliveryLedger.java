package org.puaagent.agent.bench.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;

/**
 * What was published when and what each watcher received when, for changes {@code 1..changes} and watchers
 * {@code 0..watchers-1}; watcher {@code w} watches presentity {@code w % presentities}. Changes
 * {@code 1..warmup} warm the path up and are not measured. Times are {@link System#nanoTime()} of this JVM.
 * From it, {@link #report()} computes for every measured (change, watcher) pair whose publish was answered
 * with success: delivered (the latency from sending the publish to receiving the first event carrying the
 * change's marker), superseded (never received, but a later change was: the server folded it into a later
 * NOTIFY) or missing.
 *
 * <p>Threading: {@link #sent}/{@link #answered} from the publishing and binrpc threads, {@link #seen} and
 * {@link #active} from the stream reader thread, counters from any thread; {@link #report()} after those
 * threads have stopped (their joins order the writes before it).
 */
final class DeliveryLedger
{
    /** Pairs listed by name in the report at most. */
    static final int LISTED_MISSING = 10;
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final int watchers;
    private final int presentities;
    private final int changes;
    private final int warmup;
    /** [change * presentities + presentity]: send time, 0 = not sent. */
    private final AtomicLongArray sentAt;
    /** [change * presentities + presentity]: reply round trip in ns; 0 = no reply yet; -1 = failed. */
    private final AtomicLongArray replyNanos;
    /** [change * watchers + watcher]: first receive time, 0 = not received. */
    private final AtomicLongArray receivedAt;
    private final AtomicIntegerArray activeSeen;
    private final AtomicLong activeWatchers = new AtomicLong();
    private final AtomicLong deliveredPairs = new AtomicLong();

    /**
     * @param changes all changes published after change 0, warm-up included
     * @param warmup  how many of them (the first) are not measured
     */
    DeliveryLedger(final int watchers, final int presentities, final int changes, final int warmup)
    {
        this.watchers = watchers;
        this.presentities = presentities;
        this.changes = changes;
        this.warmup = warmup;
        this.sentAt = new AtomicLongArray((changes + 1) * presentities);
        this.replyNanos = new AtomicLongArray((changes + 1) * presentities);
        this.receivedAt = new AtomicLongArray((changes + 1) * watchers);
        this.activeSeen = new AtomicIntegerArray(watchers);
    }

    int watchers()
    {
        return watchers;
    }

    int presentities()
    {
        return presentities;
    }

    /** All changes after change 0, warm-up included. */
    int changes()
    {
        return changes;
    }

    /** The presentity index watcher {@code w} watches. */
    int presentityOf(final int watcher)
    {
        return watcher % presentities;
    }

    /** Change {@code change} of presentity {@code presentity} was written to the agent at {@code nanos}. */
    void sent(final int change, final int presentity, final long nanos)
    {
        sentAt.set(change * presentities + presentity, Math.max(1, nanos));
    }

    /** Its reply came after {@code roundTripNanos}; {@code ok}: a success reply (else fault or broken link). */
    void answered(final int change, final int presentity, final long roundTripNanos, final boolean ok)
    {
        replyNanos.set(change * presentities + presentity, ok ? Math.max(1, roundTripNanos) : -1);
    }

    /** Watcher {@code watcher} received an event carrying change {@code change} at {@code nanos}. */
    void seen(final int watcher, final int change, final long nanos)
    {
        if (change < 0 || change > changes)
        {
            return;
        }
        if (receivedAt.compareAndSet(change * watchers + watcher, 0, Math.max(1, nanos)) && change > 0)
        {
            deliveredPairs.incrementAndGet();
        }
    }

    /** Watcher {@code watcher} received a notification with an active subscription state. */
    void active(final int watcher)
    {
        if (activeSeen.compareAndSet(watcher, 0, 1))
        {
            activeWatchers.incrementAndGet();
        }
    }

    /** Watchers that have received an active notification. Any thread. */
    long activeCount()
    {
        return activeWatchers.get();
    }

    /** Pairs (change >= 1, watcher) received so far, warm-up included. Any thread. */
    long deliveredCount()
    {
        return deliveredPairs.get();
    }

    /** Whether every watcher has received change {@code change}. Any thread. */
    boolean lastChangeEverywhere(final int change)
    {
        for (int w = 0; w < watchers; w++)
        {
            if (0 == receivedAt.get(change * watchers + w))
            {
                return false;
            }
        }
        return true;
    }

    /** The watchers that have not received an active notification yet. */
    List<Integer> inactiveWatchers()
    {
        final List<Integer> list = new ArrayList<>();
        for (int w = 0; w < watchers; w++)
        {
            if (0 == activeSeen.get(w))
            {
                list.add(w);
            }
        }
        return list;
    }

    /** Measured pairs whose publish was answered with success: the ones a complete delivery must reach. */
    long expectedPairs()
    {
        long n = 0;
        for (int w = 0; w < watchers; w++)
        {
            for (int c = warmup + 1; c <= changes; c++)
            {
                if (replyNanos.get(c * presentities + presentityOf(w)) > 0)
                {
                    n++;
                }
            }
        }
        return n;
    }

    /** The figures. */
    LatencyReport report()
    {
        final Histogram latency = histogram();
        final Histogram spread = histogram();
        final Histogram roundTrip = histogram();
        long delivered = 0;
        long superseded = 0;
        long missing = 0;
        long failedPublishes = 0;
        long unansweredPublishes = 0;
        final List<String> missingPairs = new ArrayList<>();
        for (int c = warmup + 1; c <= changes; c++)
        {
            for (int p = 0; p < presentities; p++)
            {
                final long rtt = replyNanos.get(c * presentities + p);
                if (rtt > 0)
                {
                    roundTrip.recordValue(micros(rtt));
                }
                else if (rtt < 0)
                {
                    failedPublishes++;
                }
                else if (sentAt.get(c * presentities + p) != 0)
                {
                    unansweredPublishes++;
                }
            }
        }
        final long[] lastDelivery = new long[(changes + 1) * presentities];
        for (int w = 0; w < watchers; w++)
        {
            final int p = presentityOf(w);
            int newest = 0;
            for (int c = changes; c > warmup; c--)
            {
                final int slot = c * presentities + p;
                final long sent = sentAt.get(slot);
                final long received = receivedAt.get(c * watchers + w);
                if (received != 0)
                {
                    newest = Math.max(newest, c);
                }
                if (0 == sent || replyNanos.get(slot) <= 0)
                {
                    continue;
                }
                if (received != 0)
                {
                    delivered++;
                    final long nanos = Math.max(0, received - sent);
                    latency.recordValue(micros(nanos));
                    lastDelivery[slot] = Math.max(lastDelivery[slot], nanos);
                }
                else if (newest > c)
                {
                    superseded++;
                }
                else
                {
                    missing++;
                    if (missingPairs.size() < LISTED_MISSING)
                    {
                        missingPairs.add("change " + c + " to watcher " + w);
                    }
                }
            }
        }
        for (int c = warmup + 1; c <= changes; c++)
        {
            for (int p = 0; p < presentities; p++)
            {
                if (lastDelivery[c * presentities + p] > 0)
                {
                    spread.recordValue(micros(lastDelivery[c * presentities + p]));
                }
            }
        }
        return new LatencyReport(watchers, presentities, changes - warmup, delivered, superseded, missing,
            failedPublishes, unansweredPublishes, List.copyOf(missingPairs), latency, spread, roundTrip);
    }

    private static Histogram histogram()
    {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private static long micros(final long nanos)
    {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }
}
