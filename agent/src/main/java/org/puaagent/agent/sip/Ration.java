package org.puaagent.agent.sip;

/**
 * A ration of events per second (a token bucket kept as credit in nanoseconds): at most {@code perSecond} in
 * any second, up to that many at once after a quiet second. Allocation-free. Not thread-safe: owner thread only.
 */
final class Ration
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long cost;
    private long credit = NANOS_PER_SECOND;
    private long last;

    /**
     * @param perSecond events allowed per second (at least 1)
     */
    Ration(final int perSecond)
    {
        this(perSecond, System.nanoTime());
    }

    /**
     * @param perSecond events allowed per second (at least 1)
     * @param nowNanos  the time it starts at ({@link System#nanoTime()})
     */
    Ration(final int perSecond, final long nowNanos)
    {
        if (perSecond < 1)
        {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        this.cost = NANOS_PER_SECOND / perSecond;
        this.last = nowNanos;
    }

    /**
     * Takes one event from the ration.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return false when the ration is used up (the event is refused)
     */
    boolean tryTake(final long nowNanos)
    {
        final long elapsed = nowNanos - last;
        if (elapsed > 0)
        {
            credit = Math.min(NANOS_PER_SECOND, credit + elapsed);
            last = nowNanos;
        }
        if (credit < cost)
        {
            return false;
        }
        credit -= cost;
        return true;
    }
}
