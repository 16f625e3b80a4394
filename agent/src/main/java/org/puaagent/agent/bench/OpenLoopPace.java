package org.puaagent.agent.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The open loop's pace: request k of the run is due at {@code start + schedule.nanosOf(k)}, whatever happens to
 * the others. A free worker claims the next request (in order), waits until it is due and sends it; so at most
 * as many requests are in flight as there are workers ({@code --max-in-flight}). When every worker is busy
 * the due requests wait in order for the next free worker and are sent late; their latency is still measured
 * from the time they were due (no coordinated omission), and how late they went out is the schedule lag.
 *
 * <p>Requests {@code [firstMeasured, end)} form the measured window: those due from the end of the warm-up to
 * the end of the window, at most {@code --requests} of them. None is sent after the window: a measured request
 * still waiting for a worker when the window closes is counted as not sent ({@link #notSent()}), so that
 * {@code sent + not sent} is the number the schedule asked for.
 *
 * <p>{@link #next()} waits for the due time (a worker thread); {@link #claim()} does not (an event loop, which
 * waits in its selector).
 *
 * <p>Threading: any thread.
 */
final class OpenLoopPace implements Pace
{
    private final long startNanos;
    private final RateSchedule schedule;
    private final long measureStartNanos;
    private final long measureEndNanos;
    private final long firstMeasured;
    private final long end;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder lateNotSent = new LongAdder();
    private volatile boolean stopped;

    /**
     * @param startNanos  start of the run ({@link System#nanoTime()} clock)
     * @param warmupNanos length of the warm-up
     * @param durationNanos length of the measured window
     * @param maxRequests most measured requests ({@link Long#MAX_VALUE}: no bound)
     */
    OpenLoopPace(final long startNanos, final RateSchedule schedule, final long warmupNanos, final long durationNanos,
        final long maxRequests)
    {
        this.startNanos = startNanos;
        this.schedule = schedule;
        this.measureStartNanos = startNanos + warmupNanos;
        this.measureEndNanos = measureStartNanos + durationNanos;
        this.firstMeasured = schedule.firstAtOrAfter(warmupNanos);
        final long windowEnd = schedule.firstAtOrAfter(warmupNanos + durationNanos);
        this.end = maxRequests >= windowEnd - firstMeasured ? windowEnd : firstMeasured + maxRequests;
    }

    @Override
    public Ticket next()
    {
        final Ticket ticket = claim();
        if (null == ticket)
        {
            return null;
        }
        if (!waitUntil(ticket.intendedNanos()))
        {
            abandon(ticket);
            return null;
        }
        return ticket;
    }

    /**
     * Claims the next request of the schedule without waiting for it to be due (an event loop waits itself):
     * the caller sends it at {@link Ticket#intendedNanos()} or later, or gives it up with {@link #abandon}.
     * Null when the schedule is over, the window has closed or the run was stopped.
     */
    Ticket claim()
    {
        if (stopped)
        {
            return null;
        }
        final long k = next.getAndIncrement();
        if (k >= end)
        {
            return null;
        }
        final long due = startNanos + schedule.nanosOf(k);
        final Phase phase = k < firstMeasured ? Phase.WARMUP : Phase.MEASURED;
        if (System.nanoTime() - measureEndNanos >= 0)
        {
            if (phase == Phase.MEASURED)
            {
                lateNotSent.increment();
            }
            return null;
        }
        return new Ticket(phase, due, true);
    }

    /** A claimed request will not be sent (the run stopped or the window closed first): counted as not sent. */
    void abandon(final Ticket ticket)
    {
        if (ticket.phase() == Phase.MEASURED)
        {
            lateNotSent.increment();
        }
    }

    /** Sleeps until {@code due}; false if the run was stopped meanwhile. */
    private boolean waitUntil(final long due)
    {
        long left;
        while ((left = due - System.nanoTime()) > 0)
        {
            if (stopped)
            {
                return false;
            }
            // parkNanos wakes up late by the timer slack (about 50 µs on Linux): that shows as schedule lag
            LockSupport.parkNanos(left);
        }
        return !stopped;
    }

    /** Measured requests the schedule asked for that were not sent: the workers were all busy until the end. */
    long notSent()
    {
        final long claimed = Math.max(firstMeasured, Math.min(next.get(), end));
        return lateNotSent.sum() + (end - claimed);
    }

    /** How many measured requests the schedule asks for (within the request bound). */
    long scheduledMeasured()
    {
        return end - firstMeasured;
    }

    /**
     * Requests of the run (warm-up and window, within the request bound) due in {@code [fromNanos, toNanos)} of
     * the run's clock: the target of a time slice.
     */
    long dueBetween(final long fromNanos, final long toNanos)
    {
        return Math.min(end, schedule.firstAtOrAfter(toNanos - startNanos))
            - Math.min(end, schedule.firstAtOrAfter(fromNanos - startNanos));
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
