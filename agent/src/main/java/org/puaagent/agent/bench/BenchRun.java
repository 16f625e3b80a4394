package org.puaagent.agent.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Runs one load, closed or open loop: starts the {@link Clients} (event loops for sockets, {@link ClientLoops};
 * one thread per connection for FIFOs, {@link WorkerThreads}), and on the calling thread watches them: every
 * second it closes a time slice of the series ({@link SeriesPoint}) and prints a progress line. Requests older
 * than the request timeout are broken (by the event loops themselves, by this thread for the workers). The run
 * ends when every connection has finished (end of the measured window or request bound); if some connection
 * still waits long after the window (request timeout plus a grace), every connection is closed and, after
 * another grace, the run ends without it: a run always ends by itself. The SIP-direct target ({@link SipBenchRun}) sets
 * up its pipelines around the same loop, with {@link SipClients} (which add their note to each progress line and
 * their figures to the summary).
 *
 * <p>Threading: {@link #run} blocks the calling thread; the clients run on daemon threads.
 */
public final class BenchRun
{
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A last slice shorter than this is left out of the series (it would show as a meaningless spike). */
    private static final long MIN_LAST_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_MILLI = 1000.0;
    private static final String TIMEOUT = "timeout";

    private final BenchOptions options;
    private final PrintStream progress;
    private final BenchTally warmupTally;
    private final BenchTally measuredTally;
    private final Histogram measuredLatency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram warmupLatency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram scheduleLag = new Histogram(SIGNIFICANT_DIGITS);
    private final List<SeriesPoint> series = new ArrayList<>();
    /** Totals of both phases at the end of the last slice: sent, answered, ok, errors. */
    private long seenSent;
    private long seenAnswered;
    private long seenOk;
    private long seenErrors;

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
        final SinkWatch sink = null == options.sinkStats() ? null : SinkWatch.start(options.sinkStats());
        if (options.target() instanceof BenchTarget.Sip)
        {
            return new SipBenchRun(options, progress).run(this, sink);
        }
        return load(sink, options.method(), (pace, leases, warmup, measured) ->
        {
            final PublishWorkload workload = new PublishWorkload(options.presentities(), options.bodyBytes(),
                options.expires());
            return options.target() instanceof BenchTarget.Fifo
                ? new WorkerThreads(options, pace, workload, leases, warmup, measured)
                : new ClientLoops(options, pace, workload, leases, warmup, measured);
        });
    }

    /**
     * Runs the load with the clients {@code source} makes, watches them to the end and returns the figures of
     * the measured window.
     *
     * @param sink   counts what reached the sink (null: not counted)
     * @param method the method shown in the reports
     */
    BenchSummary load(final SinkWatch sink, final String method, final Clients.Source source)
    {
        final long start = System.nanoTime();
        final long warmupNanos = TimeUnit.MILLISECONDS.toNanos(options.warmupMillis());
        final long durationNanos = TimeUnit.MILLISECONDS.toNanos(options.durationMillis());
        final OpenLoopPace open = options.isOpenLoop() ? new OpenLoopPace(start,
            options.openLoop().schedule(options.warmupMillis()), warmupNanos, durationNanos, options.maxRequests())
            : null;
        final Pace pace = null != open ? open
            : new BenchSchedule(start, warmupNanos, durationNanos, options.maxRequests());
        final PresentityLeases leases = new PresentityLeases(options.presentities(), options.concurrency());
        final Clients clients = source.of(pace, leases, warmupTally, measuredTally);
        clients.start();
        final long lastSliceEnd = watch(clients, pace, open, start);
        final long now = System.nanoTime();
        final Histogram last = drain(clients, new Histogram(SIGNIFICANT_DIGITS));
        if (now - lastSliceEnd >= MIN_LAST_SLICE_NANOS || last.getTotalCount() > 0)
        {
            slice(clients, pace, open, start, lastSliceEnd, now, last);
        }
        final long end = clients.lastMeasuredNanos(pace.measureStartNanos());
        final SipFigures figures = clients.finish();
        final SinkCount sinkCount = null == sink ? SinkCount.notAvailable("no --sink-stats given")
            : sink.finish(warmupTally.ok() + measuredTally.ok());
        return summary(method, (end - pace.measureStartNanos()) / NANOS_PER_SECOND, clients.unfinished(), open,
            leases, sinkCount, figures);
    }

    /** Watches the clients until they are done (or given up); returns the end of the last full slice. */
    private long watch(final Clients clients, final Pace pace, final OpenLoopPace open, final long start)
    {
        final long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis());
        final long giveUpAt = pace.measureEndNanos() + timeoutNanos + GRACE_NANOS;
        long sliceStart = start;
        long forcedAt = 0;
        boolean forced = false;
        try
        {
            while (true)
            {
                final long wait = Math.min(TICK_NANOS, sliceStart + SLICE_NANOS - System.nanoTime());
                if (clients.awaitDone(Math.max(0, wait)))
                {
                    return sliceStart;
                }
                final long now = System.nanoTime();
                clients.expire(now, timeoutNanos);
                if (now - (sliceStart + SLICE_NANOS) >= 0)
                {
                    slice(clients, pace, open, start, sliceStart, now,
                        drain(clients, new Histogram(SIGNIFICANT_DIGITS)));
                    sliceStart = now;
                }
                if (!forced && now - giveUpAt > 0)
                {
                    forced = true;
                    forcedAt = now;
                    pace.stop();
                    clients.close();
                }
                if (forced && now - forcedAt > GRACE_NANOS)
                {
                    return sliceStart;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pace.stop();
            clients.close();
            return sliceStart;
        }
    }

    /** Moves the latencies recorded since the last call into the run's histograms; returns this interval's. */
    private Histogram drain(final Clients clients, final Histogram interval)
    {
        for (final LatencyRecorders recorders : clients.recorders())
        {
            recorders.drainInto(warmupLatency, measuredLatency, scheduleLag, interval);
        }
        return interval;
    }

    /** Closes the slice {@code [from, to)}: adds it to the series and prints its progress line. */
    private void slice(final Clients clients, final Pace pace, final OpenLoopPace open, final long start,
        final long from, final long to, final Histogram latency)
    {
        final int busy = clients.busy();
        final long sent = warmupTally.sent() + measuredTally.sent();
        final long answered = warmupTally.answered() + measuredTally.answered();
        final long ok = warmupTally.ok() + measuredTally.ok();
        final long errors = warmupTally.failures() + measuredTally.failures();
        final boolean warm = pace.warmingUp(from + (to - from) / 2);
        final SeriesPoint point = new SeriesPoint((from - start) / NANOS_PER_SECOND, (to - from) / NANOS_PER_SECOND,
            warm, sent - seenSent, answered - seenAnswered, ok - seenOk, errors - seenErrors,
            latency.getValueAtPercentile(50) / MICROS_PER_MILLI, latency.getValueAtPercentile(99) / MICROS_PER_MILLI,
            latency.getMaxValue() / MICROS_PER_MILLI, busy, null == open ? -1 : open.dueBetween(from, to));
        series.add(point);
        seenSent = sent;
        seenAnswered = answered;
        seenOk = ok;
        seenErrors = errors;
        final String note = clients.sliceNote(point.lengthSeconds());
        if (null == progress)
        {
            return;
        }
        final BenchTally tally = warm ? warmupTally : measuredTally;
        progress.println(String.format(Locale.ROOT,
            "%6.1fs %-8s %8.0f/s%s  in flight %3d  p50 %7.3f ms  p99 %7.3f ms  ok %d  errors %d%s",
            (to - start) / NANOS_PER_SECOND, warm ? "warmup" : "measure", point.completedPerSecond(),
            null == open ? "" : String.format(Locale.ROOT, " (target %.0f/s)", point.targetPerSecond()), busy,
            point.p50Millis(), point.p99Millis(), tally.ok(), tally.failures(), note));
    }

    private BenchSummary summary(final String method, final double windowSeconds, final long abandoned,
        final OpenLoopPace open, final PresentityLeases leases, final SinkCount sink, final SipFigures figures)
    {
        final Histogram h = measuredLatency;
        final long faults = measuredTally.faults().values().stream().mapToLong(Long::longValue).sum();
        final long broken = measuredTally.broken().values().stream().mapToLong(Long::longValue).sum();
        final long timedOut = measuredTally.broken().getOrDefault(TIMEOUT, 0L);
        final Outcomes outcomes = new Outcomes(null == open ? -1 : open.scheduledMeasured(), measuredTally.sent(),
            measuredTally.answered(), measuredTally.ok(), measuredTally.withoutEtag(), faults, timedOut,
            broken - timedOut, null == open ? 0 : open.notSent(), leases.duplicates(), sink);
        return new BenchSummary(options.describe(), options.target().text(), method,
            options.concurrency(), measuredTally.ok() + measuredTally.withoutEtag() + faults + broken,
            measuredTally.ok(), measuredTally.withoutEtag(), measuredTally.faults(), measuredTally.broken(),
            measuredTally.firstDetails(), windowSeconds,
            warmupLatency.getTotalCount() + warmupTally.broken().values().stream().mapToLong(Long::longValue).sum(),
            latency(h), abandoned, options.openLoop(), null == open ? null : latency(scheduleLag), outcomes, series,
            figures);
    }

    private static BenchSummary.Latency latency(final Histogram h)
    {
        return new BenchSummary.Latency(ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
            h.getMaxValue() / MICROS_PER_MILLI, h.getMean() / MICROS_PER_MILLI, h.getTotalCount());
    }

    private static double ms(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }
}
