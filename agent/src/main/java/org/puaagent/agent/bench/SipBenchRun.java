package org.puaagent.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.puaagent.agent.notify.NotificationSink;
import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.agent.pipeline.SubscribeOutcome;
import org.puaagent.agent.sip.SipListenAddress;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

/**
 * Runs one load against a presence server over SIP ({@code --target sip:HOST:PORT}), with the agent's own
 * pipeline in this process instead of an RPC connection:
 * <ol>
 * <li>starts a publishing {@link PresencePipeline} (on {@code --sip-listen}) and, with watchers, a second one
 *     for them (same host, any port), both with the target as outbound proxy; each keeps its publications or
 *     subscriptions "forever" with pua's default_expires set so that the PUBLISH Expires is {@code --expires}
 *     and the SUBSCRIBE Expires {@code --subscribe-expires}, so the pipelines refresh them by themselves
 *     during the run;</li>
 * <li>sets up the watchers' subscriptions (watcher j to presentity j mod N) and waits for their outcomes
 *     (at most the request timeout);</li>
 * <li>runs the load as {@link BenchRun} does, with {@link SipWorker}s (closed or open loop, warm-up,
 *     per-second series and progress lines, with the NOTIFYs received in each second);</li>
 * <li>cleans up ({@code --cleanup}): unsubscribes the watchers and unpublishes the presentities it published,
 *     waiting at most {@link #CLEANUP_MILLIS}; then closes the pipelines.</li>
 * </ol>
 * A run always ends by itself. Threading: {@link #run} blocks the calling thread; the workers are daemon
 * threads.
 */
final class SipBenchRun
{
    /** The method shown in the reports. */
    static final String METHOD = "SIP PUBLISH";
    /** The most time the clean-up at the end may take. */
    static final long CLEANUP_MILLIS = 5000;

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_LAST_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long RETRY_SUBMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_MILLI = 1000.0;
    private static final String TIMEOUT = "timeout";

    private final BenchOptions options;
    private final SipWorkload workload;
    private final PrintStream progress;
    private final BenchTally warmupTally = new BenchTally(true);
    private final BenchTally measuredTally = new BenchTally(true);
    private final Histogram measuredLatency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram warmupLatency = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram scheduleLag = new Histogram(SIGNIFICANT_DIGITS);
    private final List<SeriesPoint> series = new ArrayList<>();
    private final List<Long> notifySeries = new ArrayList<>();
    private final LongAdder notifies = new LongAdder();
    private final Map<String, LongAdder> publishOutcomes = new ConcurrentHashMap<>();
    private final LongAdder initial = new LongAdder();
    private final LongAdder modify = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private long seenSent;
    private long seenAnswered;
    private long seenOk;
    private long seenErrors;
    private long seenNotifies;

    SipBenchRun(final BenchOptions options, final PrintStream progress)
    {
        this.options = options;
        this.workload = options.sip();
        this.progress = progress;
    }

    /**
     * What is wrong with the SIP-direct options (null: nothing), for {@link BenchOptions#parse}.
     *
     * @param sipOptionGiven the first SIP-direct option on the command line, or null
     */
    static String checkOptions(final BenchTarget target, final String method, final int presentities,
        final int expires, final String sipOptionGiven)
    {
        if (!(target instanceof BenchTarget.Sip))
        {
            return null == sipOptionGiven ? null : "--" + sipOptionGiven + " is for a sip: target";
        }
        if (!BenchOptions.PUBLISH.equals(method))
        {
            return "--method is for the RPC targets (a sip: target sends PUBLISH and waits for its final response)";
        }
        if (expires <= SipWorkload.PUBLISH_EXPIRES_EXTRA)
        {
            return "--expires with a sip: target takes 2 or more seconds (the publications are refreshed)";
        }
        if (presentities > SipWorkload.MAX_PRESENTITIES)
        {
            return "--presentities with a sip: target is at most " + SipWorkload.MAX_PRESENTITIES;
        }
        return null;
    }

    /** Runs the load to its end and returns the figures of the measured window. */
    BenchSummary run()
    {
        final SinkWatch sink = null == options.sinkStats() ? null : SinkWatch.start(options.sinkStats());
        final BenchTarget.Sip target = (BenchTarget.Sip) options.target();
        final String proxy = target.text();
        PresencePipeline publisher = null;
        PresencePipeline watchers = null;
        try
        {
            publisher = PresencePipeline.start(config(workload.sipListen(), proxy,
                options.expires() - SipWorkload.PUBLISH_EXPIRES_EXTRA, NotificationSink.NONE));
            if (workload.watchers() > 0)
            {
                watchers = PresencePipeline.start(config(anyPort(workload.sipListen()), proxy,
                    workload.subscribeExpires() - SipWorkload.SUBSCRIBE_EXPIRES_EXTRA, n -> notifies.increment()));
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close(publisher);
            close(watchers);
            return setupFailed("cannot start the SIP pipeline on " + workload.sipListen() + ": " + ex.getMessage());
        }
        try
        {
            return load(publisher, watchers, sink);
        }
        finally
        {
            close(publisher);
            close(watchers);
        }
    }

    private BenchSummary load(final PresencePipeline publisher, final PresencePipeline watchers,
        final SinkWatch sink)
    {
        final Subscriptions subscriptions = subscribe(watchers);
        if (null != progress && workload.watchers() > 0)
        {
            progress.println(String.format(Locale.ROOT, "bench: %d of %d subscriptions established in %.3f s%s",
                subscriptions.established.size(), workload.watchers(), subscriptions.seconds,
                subscriptions.failures.isEmpty() ? "" : ", not established " + snapshot(subscriptions.failures)));
        }
        final long start = System.nanoTime();
        final long warmupNanos = TimeUnit.MILLISECONDS.toNanos(options.warmupMillis());
        final long durationNanos = TimeUnit.MILLISECONDS.toNanos(options.durationMillis());
        final OpenLoopPace open = options.isOpenLoop() ? new OpenLoopPace(start,
            options.openLoop().schedule(options.warmupMillis()), warmupNanos, durationNanos, options.maxRequests())
            : null;
        final Pace pace = null != open ? open
            : new BenchSchedule(start, warmupNanos, durationNanos, options.maxRequests());
        final int n = options.concurrency();
        final PresentityLeases leases = new PresentityLeases(options.presentities(), n);
        final AtomicIntegerArray sequences = new AtomicIntegerArray(options.presentities());
        final CountDownLatch done = new CountDownLatch(n);
        final BodyTemplate body = null != workload.body() ? workload.body() : BodyTemplate.pidf(options.bodyBytes());
        final SipWorker.Shared shared = new SipWorker.Shared(publisher, pace, workload, body, leases, sequences,
            warmupTally, measuredTally, publishOutcomes, initial, modify, duplicates,
            TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis()), done);
        final List<SipWorker> workers = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            final SipWorker worker = new SipWorker(shared);
            workers.add(worker);
            final Thread thread = new Thread(worker, "bench-sip-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        final long lastSliceEnd = watch(workers, pace, open, done, start);
        final long now = System.nanoTime();
        final Histogram last = drain(workers, new Histogram(SIGNIFICANT_DIGITS));
        if (now - lastSliceEnd >= MIN_LAST_SLICE_NANOS || last.getTotalCount() > 0)
        {
            slice(workers, pace, open, start, lastSliceEnd, now, last);
        }
        long end = pace.measureStartNanos();
        for (final SipWorker worker : workers)
        {
            if (worker.measuredAny() && worker.lastMeasuredNanos() - end > 0)
            {
                end = worker.lastMeasuredNanos();
            }
        }
        final long notified = notifies.sum();
        final SipFigures.Cleanup cleanup = cleanUp(publisher, watchers, subscriptions, sequences);
        final SipFigures figures = figures(publisher, watchers, subscriptions, notified, cleanup);
        final SinkCount sinkCount = null == sink ? SinkCount.notAvailable("no --sink-stats given")
            : sink.finish(warmupTally.ok() + measuredTally.ok());
        return summary((end - pace.measureStartNanos()) / NANOS_PER_SECOND, done.getCount(), open, leases,
            sinkCount, figures);
    }

    /** The watchers' subscriptions, set up before the run. */
    private static final class Subscriptions
    {
        /** Watcher numbers whose subscription was established. */
        final ConcurrentLinkedQueue<Integer> established = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        /** Cleared when the set-up time is up: a later outcome is not counted (it is counted as no outcome). */
        volatile boolean counting = true;
        double seconds;

        void fail(final String label)
        {
            failures.computeIfAbsent(label, k -> new LongAdder()).increment();
        }
    }

    private Subscriptions subscribe(final PresencePipeline watchers)
    {
        final Subscriptions s = new Subscriptions();
        final int m = workload.watchers();
        if (null == watchers || m == 0)
        {
            return s;
        }
        final long started = System.nanoTime();
        final long deadline = started + TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis());
        final CountDownLatch answered = new CountDownLatch(m);
        int submitted = 0;
        for (int j = 0; j < m && System.nanoTime() - deadline < 0; j++)
        {
            final int watcher = j;
            final SubscribeRequest request = new SubscribeRequest(presentityOf(j), SipWorkload.watcher(j),
                EventPackage.PRESENCE, -1);
            if (!submitPatiently(() -> watchers.submitSubscribe(request, outcome ->
            {
                if (!s.counting)
                {
                    return;
                }
                if (outcome instanceof SubscribeOutcome.Subscribed subscribed
                    && !"terminated".equals(subscribed.state()))
                {
                    s.established.add(watcher);
                }
                else
                {
                    s.fail(OutcomeLabel.of(outcome));
                }
                answered.countDown();
            }), deadline))
            {
                break;
            }
            submitted++;
        }
        for (int j = submitted; j < m; j++)
        {
            s.fail("not submitted");
            answered.countDown();
        }
        awaitUntil(answered, deadline);
        s.counting = false;
        final long missing = answered.getCount();
        for (long k = 0; k < missing; k++)
        {
            s.fail("no outcome");
        }
        s.seconds = (System.nanoTime() - started) / NANOS_PER_SECOND;
        return s;
    }

    private String presentityOf(final int watcher)
    {
        return workload.presentity(watcher % options.presentities());
    }

    /** Unsubscribes and unpublishes as {@code --cleanup} asks, waiting at most {@link #CLEANUP_MILLIS}. */
    private SipFigures.Cleanup cleanUp(final PresencePipeline publisher, final PresencePipeline watchers,
        final Subscriptions subscriptions, final AtomicIntegerArray sequences)
    {
        final String mode = workload.cleanup().name().toLowerCase(Locale.ROOT);
        if (workload.cleanup() == SipWorkload.Cleanup.NONE)
        {
            return new SipFigures.Cleanup(mode, 0, 0, 0, 0, 0, 0);
        }
        final long started = System.nanoTime();
        final long deadline = started + TimeUnit.MILLISECONDS.toNanos(CLEANUP_MILLIS);
        final List<Integer> watcherNumbers = new ArrayList<>(subscriptions.established);
        final List<Integer> published = new ArrayList<>();
        if (workload.cleanup() == SipWorkload.Cleanup.ALL)
        {
            for (int i = 0; i < sequences.length(); i++)
            {
                if (sequences.get(i) > 0)
                {
                    published.add(i);
                }
            }
        }
        final CountDownLatch answered = new CountDownLatch(watcherNumbers.size() + published.size());
        final LongAdder unsubscribed = new LongAdder();
        final LongAdder unpublished = new LongAdder();
        long unsubscribes = 0;
        long unpublishes = 0;
        for (final int j : watcherNumbers)
        {
            if (submitPatiently(() -> watchers.submitUnsubscribe(presentityOf(j), SipWorkload.watcher(j),
                EventPackage.PRESENCE, outcome ->
                {
                    if (outcome instanceof SubscribeOutcome.Subscribed)
                    {
                        unsubscribed.increment();
                    }
                    answered.countDown();
                }), deadline))
            {
                unsubscribes++;
            }
        }
        for (final int i : published)
        {
            final PublishRequest removal = new PublishRequest(workload.presentity(i), 0, EventPackage.PRESENCE,
                null, null, null, null, null, null);
            if (submitPatiently(() -> publisher.submitPublish(removal, PublishSource.RPC_PUBLISH,
                PublishMode.FINAL_REPLY, outcome ->
                {
                    if (outcome instanceof PublishOutcome.Published)
                    {
                        unpublished.increment();
                    }
                    answered.countDown();
                }), deadline))
            {
                unpublishes++;
            }
        }
        awaitUntil(answered, deadline);
        final long unfinished = answered.getCount();
        return new SipFigures.Cleanup(mode, unsubscribes, unsubscribed.sum(), unpublishes, unpublished.sum(),
            unfinished, (System.nanoTime() - started) / NANOS_PER_SECOND);
    }

    private SipFigures figures(final PresencePipeline publisher, final PresencePipeline watchers,
        final Subscriptions subscriptions, final long notified, final SipFigures.Cleanup cleanup)
    {
        final Map<String, Long> p = publisher.counters();
        final Map<String, Long> w = null == watchers ? Map.of() : watchers.counters();
        final Map<String, Long> counters = new TreeMap<>();
        p.forEach((name, value) -> keep(counters, "publisher." + name, value));
        w.forEach((name, value) -> keep(counters, "watchers." + name, value));
        final SipFigures.Refreshes refreshes = new SipFigures.Refreshes(p.getOrDefault("publish.refresh.sent", 0L),
            p.getOrDefault("publish.refresh.failed", 0L), w.getOrDefault("subscribe.refresh.sent", 0L),
            w.getOrDefault("subscribe.refresh.failed", 0L));
        return new SipFigures(hostPort(publisher), null == watchers ? null : hostPort(watchers), initial.sum(),
            modify.sum(), snapshot(publishOutcomes), workload.watchers(), subscriptions.established.size(),
            snapshot(subscriptions.failures), subscriptions.seconds, notified, refreshes, duplicates.sum(), cleanup,
            counters, notifySeries);
    }

    /** Keeps the non-zero counters that tell about the SIP traffic (not the gauges of queues). */
    private static void keep(final Map<String, Long> into, final String name, final long value)
    {
        if (value != 0 && !name.contains("queued") && !name.contains("pending") && !name.contains("live"))
        {
            into.put(name, value);
        }
    }

    /** Watches the workers until they are done (or given up); returns the end of the last full slice. */
    private long watch(final List<SipWorker> workers, final Pace pace, final OpenLoopPace open,
        final CountDownLatch done, final long start)
    {
        final long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis());
        final long giveUpAt = pace.measureEndNanos() + timeoutNanos + GRACE_NANOS;
        long sliceStart = start;
        try
        {
            while (true)
            {
                final long wait = Math.min(TICK_NANOS, sliceStart + SLICE_NANOS - System.nanoTime());
                if (done.await(Math.max(0, wait), TimeUnit.NANOSECONDS))
                {
                    return sliceStart;
                }
                final long now = System.nanoTime();
                if (now - (sliceStart + SLICE_NANOS) >= 0)
                {
                    slice(workers, pace, open, start, sliceStart, now,
                        drain(workers, new Histogram(SIGNIFICANT_DIGITS)));
                    sliceStart = now;
                }
                if (now - giveUpAt > 0)
                {
                    // every worker waits at most the request timeout per PUBLISH: this is not reached in practice
                    pace.stop();
                    return sliceStart;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pace.stop();
            return sliceStart;
        }
    }

    private Histogram drain(final List<SipWorker> workers, final Histogram interval)
    {
        for (final SipWorker worker : workers)
        {
            final Histogram warm = worker.warmupLatency().getIntervalHistogram();
            final Histogram measured = worker.measuredLatency().getIntervalHistogram();
            warmupLatency.add(warm);
            measuredLatency.add(measured);
            scheduleLag.add(worker.scheduleLag().getIntervalHistogram());
            interval.add(warm);
            interval.add(measured);
        }
        return interval;
    }

    private void slice(final List<SipWorker> workers, final Pace pace, final OpenLoopPace open, final long start,
        final long from, final long to, final Histogram latency)
    {
        int busy = 0;
        for (final SipWorker worker : workers)
        {
            busy += worker.busy() ? 1 : 0;
        }
        final long sent = warmupTally.sent() + measuredTally.sent();
        final long answered = warmupTally.answered() + measuredTally.answered();
        final long ok = warmupTally.ok() + measuredTally.ok();
        final long errors = warmupTally.failures() + measuredTally.failures();
        final long notified = notifies.sum();
        final boolean warm = pace.warmingUp(from + (to - from) / 2);
        final SeriesPoint point = new SeriesPoint((from - start) / NANOS_PER_SECOND, (to - from) / NANOS_PER_SECOND,
            warm, sent - seenSent, answered - seenAnswered, ok - seenOk, errors - seenErrors,
            latency.getValueAtPercentile(50) / MICROS_PER_MILLI, latency.getValueAtPercentile(99) / MICROS_PER_MILLI,
            latency.getMaxValue() / MICROS_PER_MILLI, busy, null == open ? -1 : open.dueBetween(from, to));
        series.add(point);
        notifySeries.add(notified - seenNotifies);
        seenSent = sent;
        seenAnswered = answered;
        seenOk = ok;
        seenErrors = errors;
        final long notifiedInSlice = notified - seenNotifies;
        seenNotifies = notified;
        if (null == progress)
        {
            return;
        }
        final BenchTally tally = warm ? warmupTally : measuredTally;
        progress.println(String.format(Locale.ROOT,
            "%6.1fs %-8s %8.0f/s%s  in flight %3d  p50 %7.3f ms  p99 %7.3f ms  ok %d  errors %d  NOTIFY %.0f/s",
            (to - start) / NANOS_PER_SECOND, warm ? "warmup" : "measure", point.completedPerSecond(),
            null == open ? "" : String.format(Locale.ROOT, " (target %.0f/s)", point.targetPerSecond()), busy,
            point.p50Millis(), point.p99Millis(), tally.ok(), tally.failures(),
            point.lengthSeconds() > 0 ? notifiedInSlice / point.lengthSeconds() : 0));
    }

    private BenchSummary summary(final double windowSeconds, final long abandoned, final OpenLoopPace open,
        final PresentityLeases leases, final SinkCount sink, final SipFigures figures)
    {
        final Histogram h = measuredLatency;
        final long faults = measuredTally.faults().values().stream().mapToLong(Long::longValue).sum();
        final long broken = measuredTally.broken().values().stream().mapToLong(Long::longValue).sum();
        final long timedOut = measuredTally.broken().getOrDefault(TIMEOUT, 0L);
        final Outcomes outcomes = new Outcomes(null == open ? -1 : open.scheduledMeasured(), measuredTally.sent(),
            measuredTally.answered(), measuredTally.ok(), measuredTally.withoutEtag(), faults, timedOut,
            broken - timedOut, null == open ? 0 : open.notSent(), leases.duplicates(), sink);
        return new BenchSummary(options.describe(), options.target().text(), METHOD, options.concurrency(),
            measuredTally.ok() + measuredTally.withoutEtag() + faults + broken, measuredTally.ok(),
            measuredTally.withoutEtag(), measuredTally.faults(), measuredTally.broken(), measuredTally.firstDetails(),
            windowSeconds,
            warmupLatency.getTotalCount() + warmupTally.broken().values().stream().mapToLong(Long::longValue).sum(),
            latency(h), abandoned, options.openLoop(), null == open ? null : latency(scheduleLag), outcomes, series,
            figures);
    }

    /** The summary of a run that could not start: no request, the reason as an error detail. */
    private BenchSummary setupFailed(final String why)
    {
        final BenchSummary.Latency none = new BenchSummary.Latency(0, 0, 0, 0, 0, 0, 0);
        final Outcomes outcomes = new Outcomes(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            SinkCount.notAvailable("the run did not start"));
        final SipFigures figures = new SipFigures(workload.sipListen(), null, 0, 0, Map.of(), workload.watchers(), 0,
            Map.of("setup failed", 1L), 0, 0, new SipFigures.Refreshes(0, 0, 0, 0), 0,
            new SipFigures.Cleanup("none", 0, 0, 0, 0, 0, 0), Map.of(), List.of());
        return new BenchSummary(options.describe(), options.target().text(), METHOD, options.concurrency(), 0, 0, 0,
            Map.of(), Map.of(), Map.of("setup", why), 0, 0, none, 0, options.openLoop(), null, outcomes, List.of(),
            figures);
    }

    private static PipelineConfig config(final String listen, final String proxy, final int defaultExpires,
        final NotificationSink sink)
    {
        return PipelineConfig.builder().listen(listen).defaultOutboundProxy(proxy).defaultExpires(defaultExpires)
            .userAgent("pua-agent bench").notificationSink(sink).build();
    }

    /** The same host, any port. */
    private static String anyPort(final String listen)
    {
        final SipListenAddress address = SipListenAddress.parse(listen);
        final String host = address.address().getAddress().getHostAddress();
        return "udp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":0";
    }

    private static String hostPort(final PresencePipeline pipeline)
    {
        final String host = pipeline.sipAddress().getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + pipeline.sipAddress().getPort();
    }

    /** A submit that a full queue refuses is tried again (every millisecond) until the deadline. */
    private static boolean submitPatiently(final java.util.function.BooleanSupplier submit, final long deadline)
    {
        while (!submit.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(RETRY_SUBMIT_NANOS);
        }
        return true;
    }

    private static void awaitUntil(final CountDownLatch latch, final long deadline)
    {
        try
        {
            latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Long> snapshot(final Map<String, LongAdder> counts)
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    private static void close(final PresencePipeline pipeline)
    {
        if (null != pipeline)
        {
            pipeline.close();
        }
    }

    private static double ms(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }

    private static BenchSummary.Latency latency(final Histogram h)
    {
        return new BenchSummary.Latency(ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
            h.getMaxValue() / MICROS_PER_MILLI, h.getMean() / MICROS_PER_MILLI, h.getTotalCount());
    }
}
