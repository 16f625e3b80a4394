package org.puaagent.agent.bench;

/**
 * The intended send times of an open-loop run: a rate in requests per second that is piecewise linear in time,
 * and request k (0, 1, 2, ...) is due when the integral of the rate from the start reaches k. The profile is the
 * warm-up at the starting rate, then an optional linear ramp from the starting rate to the target rate, then the
 * target rate for ever. Pure arithmetic, no clock: times are offsets from the start of the run. Immutable.
 */
public final class RateSchedule
{
    private static final double NANOS_PER_SECOND = 1e9;

    /** Start of each segment, in seconds from the run's start. */
    private final double[] startSeconds;
    /** Length of each segment in seconds; the last one is endless. */
    private final double[] lengthSeconds;
    /** Rate at the start and at the end of each segment (equal for the last one). */
    private final double[] fromRate;
    private final double[] toRate;
    /** Requests due before each segment starts (the integral of the rate up to its start). */
    private final double[] countBefore;

    private RateSchedule(final double[] lengthSeconds, final double[] fromRate, final double[] toRate)
    {
        final int n = lengthSeconds.length;
        this.lengthSeconds = lengthSeconds;
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.startSeconds = new double[n];
        this.countBefore = new double[n];
        for (int i = 1; i < n; i++)
        {
            startSeconds[i] = startSeconds[i - 1] + lengthSeconds[i - 1];
            countBefore[i] = countBefore[i - 1] + (fromRate[i - 1] + toRate[i - 1]) / 2 * lengthSeconds[i - 1];
        }
    }

    /**
     * A constant rate, or a ramp: {@code warmupSeconds} at {@code startRate}, then {@code rampSeconds} of a
     * linear change from {@code startRate} to {@code rate}, then {@code rate}.
     *
     * @param startRate the rate of the warm-up and the start of the ramp (0 or more); ignored without a ramp
     * @param rate      the final rate, more than 0
     */
    public static RateSchedule of(final double warmupSeconds, final double startRate, final double rampSeconds,
        final double rate)
    {
        if (!(rate > 0) || !(startRate >= 0) || !(warmupSeconds >= 0) || !(rampSeconds >= 0))
        {
            throw new IllegalArgumentException("bad schedule: warm-up " + warmupSeconds + " s, ramp " + startRate
                + "/s over " + rampSeconds + " s to " + rate + "/s");
        }
        final double first = rampSeconds > 0 ? startRate : rate;
        return new RateSchedule(new double[] {warmupSeconds, rampSeconds, Double.POSITIVE_INFINITY},
            new double[] {first, first, rate}, new double[] {first, rate, rate});
    }

    /** The rate at a time, in requests per second. */
    public double rateAt(final double seconds)
    {
        final int i = segmentAt(seconds);
        if (Double.isInfinite(lengthSeconds[i]))
        {
            return toRate[i];
        }
        return fromRate[i] + (toRate[i] - fromRate[i]) * (seconds - startSeconds[i]) / lengthSeconds[i];
    }

    /** The number of requests due before a time: the integral of the rate from 0 (not rounded). */
    public double dueBefore(final double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }
        final int i = segmentAt(seconds);
        final double x = seconds - startSeconds[i];
        final double slope = Double.isInfinite(lengthSeconds[i]) ? 0 : (toRate[i] - fromRate[i]) / lengthSeconds[i];
        return countBefore[i] + fromRate[i] * x + slope * x * x / 2;
    }

    /** When request k (0-based) is due, in seconds from the start. */
    public double secondsOf(final long k)
    {
        int i = startSeconds.length - 1;
        while (i > 0 && countBefore[i] > k)
        {
            i--;
        }
        // a segment with no request in it (zero length or zero rate) has the same count as the next one
        final double x = k - countBefore[i];
        if (x <= 0)
        {
            return startSeconds[i];
        }
        final double r0 = fromRate[i];
        final double slope = Double.isInfinite(lengthSeconds[i]) ? 0 : (toRate[i] - r0) / lengthSeconds[i];
        // root of slope/2 t^2 + r0 t - x = 0, written so that it stays exact when slope or r0 is 0
        final double t = 2 * x / (r0 + Math.sqrt(Math.max(0, r0 * r0 + 2 * slope * x)));
        return startSeconds[i] + Math.min(t, lengthSeconds[i]);
    }

    /** When request k is due, in nanoseconds from the start. */
    public long nanosOf(final long k)
    {
        return Math.round(secondsOf(k) * NANOS_PER_SECOND);
    }

    /** The first request due at or after a time (nanoseconds from the start): exact with {@link #nanosOf}. */
    public long firstAtOrAfter(final long nanos)
    {
        if (nanos <= 0)
        {
            return 0;
        }
        long k = (long) Math.ceil(dueBefore(nanos / NANOS_PER_SECOND));
        while (k > 0 && nanosOf(k - 1) >= nanos)
        {
            k--;
        }
        while (nanosOf(k) < nanos)
        {
            k++;
        }
        return k;
    }

    private int segmentAt(final double seconds)
    {
        int i = startSeconds.length - 1;
        while (i > 0 && startSeconds[i] > seconds)
        {
            i--;
        }
        return i;
    }
}
