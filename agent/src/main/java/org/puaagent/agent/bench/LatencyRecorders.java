package org.puaagent.agent.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The latency recorders of one sending thread (a {@link BenchWorker}, a {@link ClientLoop} or a
 * {@link SipWorker}), in microseconds: answers of the warm-up, answers of the measured window, and how late
 * measured open-loop requests went out (the schedule lag); and when its last measured request ended. Threading:
 * {@link #answered}, {@link #sentLate} and {@link #measuredEnded} on the owning thread only; {@link #drainInto}
 * and {@link #lastMeasuredNanos} from one other thread (the run's watcher).
 */
final class LatencyRecorders
{
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MICRO = 1000;

    private final SingleWriterRecorder warmup = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder measured = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder scheduleLag = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final AtomicLong lastMeasuredNanos = new AtomicLong();
    private volatile boolean measuredAny;

    /** An answered request, from {@code fromNanos} to {@code toNanos} (at least 1 µs). */
    void answered(final boolean inWindow, final long fromNanos, final long toNanos)
    {
        (inWindow ? measured : warmup).recordValue(Math.max(1, (toNanos - fromNanos) / NANOS_PER_MICRO));
    }

    /** A measured open-loop request due at {@code dueNanos} went out at {@code sentNanos}. */
    void sentLate(final long dueNanos, final long sentNanos)
    {
        scheduleLag.recordValue(Math.max(0, (sentNanos - dueNanos) / NANOS_PER_MICRO));
    }

    /** A measured request (answered or broken) ended at {@code nanos}. */
    void measuredEnded(final long nanos)
    {
        lastMeasuredNanos.lazySet(nanos);
        if (!measuredAny)
        {
            measuredAny = true;
        }
    }

    /** When the last measured request ended, or {@code ifNone} if none did or it was not later. */
    long lastMeasuredNanos(final long ifNone)
    {
        return measuredAny && lastMeasuredNanos.get() - ifNone > 0 ? lastMeasuredNanos.get() : ifNone;
    }

    /**
     * Adds what was recorded since the last call to the run's histograms, and the answers of both phases to
     * {@code interval}.
     */
    void drainInto(final Histogram warmupLatency, final Histogram measuredLatency, final Histogram lag,
        final Histogram interval)
    {
        final Histogram warm = warmup.getIntervalHistogram();
        final Histogram window = measured.getIntervalHistogram();
        warmupLatency.add(warm);
        measuredLatency.add(window);
        lag.add(scheduleLag.getIntervalHistogram());
        interval.add(warm);
        interval.add(window);
    }
}
