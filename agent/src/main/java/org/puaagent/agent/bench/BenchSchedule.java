package org.puaagent.agent.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed loop's pace: a worker sends as soon as its previous request is answered. Before
 * {@code measureStart} requests are warm-up; from then on each request takes a ticket; a request may start only
 * before {@code measureEnd} and while tickets remain, and never after {@link #stop()}. Any thread.
 */
final class BenchSchedule implements Pace
{

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

    /** The request about to start, at once; a measured one has taken a ticket. Null: stop. */
    @Override
    public Ticket next()
    {
        if (stopped)
        {
            return null;
        }
        final long now = System.nanoTime();
        if (now - measureStartNanos < 0)
        {
            return Ticket.WARMUP_NOW;
        }
        if (now - measureEndNanos >= 0 || tickets.incrementAndGet() > maxRequests)
        {
            return null;
        }
        return Ticket.MEASURED_NOW;
    }

    @Override
    public boolean stopped()
    {
        return stopped || System.nanoTime() - measureEndNanos >= 0;
    }

    @Override
    public void stop()
    {
        stopped = true;
    }

    @Override
    public long measureStartNanos()
    {
        return measureStartNanos;
    }

    @Override
    public long measureEndNanos()
    {
        return measureEndNanos;
    }
}
