package org.puaagent.agent.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The latency recorders of one sending thread (a {@link BenchWorker}, a {@link ClientLoop} or a
 * {@link SipWorker}), in microseconds: answers of the warm-up, answers of the measured window, and how late measured open-loop
 * requests went out (the schedule lag). Threading: the {@code record} methods on the owning thread only;
 * {@link #drainInto} from one other thread (the run's watcher).
 */
final class LatencyRecorders
{
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MICRO = 1000;

    private final SingleWriterRecorder warmup = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder measured = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder scheduleLag = new SingleWriterRecorder(SIGNIFICANT_DIGITS);

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
