package org.puaagent.agent.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The phases of a run in time, and the ticket counter that bounds the measured requests: before
 * {@code measureStart} requests are warm-up; from then on each request takes a ticket; a request may start only
 * before {@code measureEnd} and while tickets remain, and never after {@link #stop()}. Any thread.
 */
final class BenchSchedule
{
    /** What a worker may do next. */
    enum Phase
    {
        WARMUP,
        MEASURED,
        STOP
    }

    private final long measureStartNanos;
    private final long measureEndNanos;
    private final long maxRequests;
    private final AtomicLong tickets = new AtomicLong();
    private volatile boolean stopped;

    BenchSchedule(final long startNanos, final long warmupNanos, final long durationNanos, final long maxRequests)
    {
        this.measureStartNanos = startNanos + warmupNanos;
        this.measureEndNanos = measureStartNanos + durationNanos;
        this.maxRequests = maxRequests;
    }

    /** The phase of a request about to start; MEASURED has taken a ticket. */
    Phase next()
    {
        if (stopped)
        {
            return Phase.STOP;
        }
        final long now = System.nanoTime();
        if (now - measureStartNanos < 0)
        {
            return Phase.WARMUP;
        }
        if (now - measureEndNanos >= 0 || tickets.incrementAndGet() > maxRequests)
        {
            return Phase.STOP;
        }
        return Phase.MEASURED;
    }

    /** Whether a worker should stop waiting (e.g. a connect back-off). */
    boolean stopped()
    {
        return stopped || System.nanoTime() - measureEndNanos >= 0;
    }

    /** No request starts after this. */
    void stop()
    {
        stopped = true;
    }

    long measureStartNanos()
    {
        return measureStartNanos;
    }

    long measureEndNanos()
    {
        return measureEndNanos;
    }

    /** Whether we are still in the warm-up. */
    boolean warmingUp(final long nowNanos)
    {
        return nowNanos - measureStartNanos < 0;
    }
}
