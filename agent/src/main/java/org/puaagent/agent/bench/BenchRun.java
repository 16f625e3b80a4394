package org.puaagent.agent.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Runs one closed-loop load: starts one {@link BenchWorker} per connection, and on the calling thread watches
 * them: every tick it breaks connections whose request is older than the request timeout, every second it
 * prints a progress line. The run ends when every worker has stopped (end of the measured window or request
 * bound); if some worker still waits long after the window (request timeout plus a grace), every connection is
 * closed and, after another grace, the run ends without it: a run always ends by itself.
 *
 * <p>Threading: {@link #run} blocks the calling thread; the workers are daemon threads.
 */
public final class BenchRun
{
    private static final long TICK_MILLIS = 100;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_MILLI = 1000.0;

    private final BenchOptions options;
    private final PrintStream progress;
    private final BenchTally warmupTally;
    private final BenchTally measuredTally;
    private final Histogram measuredLatency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram warmupLatency = new Histogram(SIGNIFICANT_DIGITS);

    /**
     * @param options  what to run
     * @param progress where the per-second lines go (null: nowhere)
     */
    public BenchRun(final BenchOptions options, final PrintStream progress)
    {
        this.options = options;
        this.progress = progress;
        this.warmupTally = new BenchTally(options.expectsEtag());
        this.measuredTally = new BenchTally(options.expectsEtag());
    }

    /** Runs the load to its end and returns the figures of the measured window. */
    public BenchSummary run()
    {
        final long start = System.nanoTime();
        final BenchSchedule schedule = new BenchSchedule(start, TimeUnit.MILLISECONDS.toNanos(options.warmupMillis()),
            TimeUnit.MILLISECONDS.toNanos(options.durationMillis()), options.maxRequests());
        final PublishWorkload workload = new PublishWorkload(options.presentities(), options.bodyBytes(),
            options.expires());
        final int n = options.concurrency();
        final CountDownLatch done = new CountDownLatch(n);
        final List<BenchWorker> workers = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            final BenchWorker worker = new BenchWorker(i, n, BenchConnection.to(options.target()), schedule, workload,
                options.method(), warmupTally, measuredTally, done);
            workers.add(worker);
            final Thread thread = new Thread(worker, "bench-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        watch(workers, schedule, done, start);
        drain(workers, null);
        long end = schedule.measureStartNanos();
        for (final BenchWorker worker : workers)
        {
            if (worker.measuredAny() && worker.lastMeasuredNanos() - end > 0)
            {
                end = worker.lastMeasuredNanos();
            }
        }
        return summary((end - schedule.measureStartNanos()) / NANOS_PER_SECOND, done.getCount());
    }

    private void watch(final List<BenchWorker> workers, final BenchSchedule schedule, final CountDownLatch done,
        final long start)
    {
        final long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis());
        final long giveUpAt = schedule.measureEndNanos() + timeoutNanos + GRACE_NANOS;
        long nextProgress = start + PROGRESS_NANOS;
        long lastProgress = start;
        long forcedAt = 0;
        boolean forced = false;
        try
        {
            while (!done.await(TICK_MILLIS, TimeUnit.MILLISECONDS))
            {
                final long now = System.nanoTime();
                for (final BenchWorker worker : workers)
                {
                    worker.connection().expire(now, timeoutNanos);
                }
                if (now - nextProgress >= 0)
                {
                    printProgress(workers, schedule, start, lastProgress, now);
                    lastProgress = now;
                    nextProgress += PROGRESS_NANOS;
                }
                if (!forced && now - giveUpAt > 0)
                {
                    forced = true;
                    forcedAt = now;
                    schedule.stop();
                    for (final BenchWorker worker : workers)
                    {
                        worker.connection().close();
                    }
                }
                if (forced && now - forcedAt > GRACE_NANOS)
                {
                    return;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            schedule.stop();
            for (final BenchWorker worker : workers)
            {
                worker.connection().close();
            }
        }
    }

    /** Moves the latencies recorded since the last call into the run's histograms; returns this interval's. */
    private Histogram drain(final List<BenchWorker> workers, final Histogram interval)
    {
        for (final BenchWorker worker : workers)
        {
            final Histogram warm = worker.warmupLatency().getIntervalHistogram();
            final Histogram measured = worker.measuredLatency().getIntervalHistogram();
            warmupLatency.add(warm);
            measuredLatency.add(measured);
            if (null != interval)
            {
                interval.add(warm);
                interval.add(measured);
            }
        }
        return interval;
    }

    private void printProgress(final List<BenchWorker> workers, final BenchSchedule schedule, final long start,
        final long last, final long now)
    {
        final Histogram interval = drain(workers, new Histogram(SIGNIFICANT_DIGITS));
        if (null == progress)
        {
            return;
        }
        int busy = 0;
        for (final BenchWorker worker : workers)
        {
            busy += worker.connection().busy() ? 1 : 0;
        }
        final boolean warm = schedule.warmingUp(now);
        final BenchTally tally = warm ? warmupTally : measuredTally;
        progress.println(String.format(Locale.ROOT,
            "%6.1fs %-8s %8.0f/s  in flight %3d  p50 %7.3f ms  p99 %7.3f ms  ok %d  errors %d",
            (now - start) / NANOS_PER_SECOND, warm ? "warmup" : "measure",
            interval.getTotalCount() / ((now - last) / NANOS_PER_SECOND), busy,
            interval.getValueAtPercentile(50) / MICROS_PER_MILLI,
            interval.getValueAtPercentile(99) / MICROS_PER_MILLI, tally.ok(), tally.failures()));
    }

    private BenchSummary summary(final double windowSeconds, final long abandoned)
    {
        final Histogram h = measuredLatency;
        final long faults = measuredTally.faults().values().stream().mapToLong(Long::longValue).sum();
        final long broken = measuredTally.broken().values().stream().mapToLong(Long::longValue).sum();
        return new BenchSummary(options.describe(), options.target().text(), options.method(),
            options.concurrency(), measuredTally.ok() + measuredTally.withoutEtag() + faults + broken,
            measuredTally.ok(), measuredTally.withoutEtag(), measuredTally.faults(), measuredTally.broken(),
            measuredTally.firstDetails(), windowSeconds,
            warmupLatency.getTotalCount() + warmupTally.broken().values().stream().mapToLong(Long::longValue).sum(),
            new BenchSummary.Latency(ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / MICROS_PER_MILLI,
                h.getMean() / MICROS_PER_MILLI, h.getTotalCount()),
            abandoned);
    }

    private static double ms(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }
}
