package org.puaagent.agent.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which presentity each request publishes: the next one in turn, {@code 0, 1, ..., presentities - 1, 0, ...},
 * skipping those that a request in flight is publishing. So no presentity is published by two requests at
 * once (a duplicate series) as long as there are more presentities than requests in flight; when there are
 * not, the request goes ahead on a presentity already in flight and that is counted
 * ({@link #duplicates()}).
 *
 * <p>Threading: any thread; each {@link #acquire()} is followed by one {@link #release(int)} of its result.
 */
final class PresentityLeases
{
    /** Extra tries beyond the requests in flight before giving up on finding a free presentity. */
    private static final int SLACK_TRIES = 16;

    private final int presentities;
    private final int maxTries;
    private final AtomicLong cursor = new AtomicLong();
    /** Presentity index to the number of requests in flight on it. */
    private final Map<Integer, Integer> inFlight = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();

    /**
     * @param presentities how many presentities there are (1 or more)
     * @param maxInFlight  how many requests can be in flight at once
     */
    PresentityLeases(final int presentities, final int maxInFlight)
    {
        this.presentities = presentities;
        this.maxTries = (int) Math.min(presentities, (long) maxInFlight + SLACK_TRIES);
    }

    /** The presentity index for a request about to be sent. */
    int acquire()
    {
        for (int i = 0; i < maxTries; i++)
        {
            final int p = next();
            if (null == inFlight.putIfAbsent(p, 1))
            {
                return p;
            }
        }
        final int p = next();
        if (inFlight.merge(p, 1, Integer::sum) > 1)
        {
            duplicates.increment();
        }
        return p;
    }

    /** The request on presentity {@code p} has its answer (or gave up). */
    void release(final int p)
    {
        inFlight.computeIfPresent(p, (key, n) -> n == 1 ? null : n - 1);
    }

    /** Requests sent while another request on the same presentity was in flight. */
    long duplicates()
    {
        return duplicates.sum();
    }

    private int next()
    {
        return (int) Long.remainderUnsigned(cursor.getAndIncrement(), presentities);
    }
}
