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

import org.puaagent.agent.notify.NotificationSink;
import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.agent.pipeline.SubscribeOutcome;
import org.puaagent.agent.runtime.Limits;
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
 * <li>runs the load with {@link BenchRun}'s loop and {@link SipClients} (closed or open loop, warm-up,
 *     per-second series and progress lines), adding the NOTIFYs received in each second;</li>
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

    private static final long RETRY_SUBMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final double NANOS_PER_SECOND = 1e9;

    private final BenchOptions options;
    private final SipWorkload workload;
    private final PrintStream progress;
    private final List<Long> notifySeries = new ArrayList<>();
    private final LongAdder notifies = new LongAdder();
    private final Map<String, LongAdder> publishOutcomes = new ConcurrentHashMap<>();
    private final LongAdder initial = new LongAdder();
    private final LongAdder modify = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    /** NOTIFYs received up to the end of the last slice. */
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

    /**
     * Sets up the pipelines and the subscriptions, runs the load with {@code bench}'s loop, cleans up and
     * returns the figures of the measured window.
     *
     * @param sink counts what reached the sink (null: not counted)
     */
    BenchSummary run(final BenchRun bench, final SinkWatch sink)
    {
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
            return load(bench, publisher, watchers, sink);
        }
        finally
        {
            close(publisher);
            close(watchers);
        }
    }

    private BenchSummary load(final BenchRun bench, final PresencePipeline publisher,
        final PresencePipeline watchers, final SinkWatch sink)
    {
        final Subscriptions subscriptions = subscribe(watchers);
        if (null != progress && workload.watchers() > 0)
        {
            progress.println(String.format(Locale.ROOT, "bench: %d of %d subscriptions established in %.3f s%s",
                subscriptions.established.size(), workload.watchers(), subscriptions.seconds,
                subscriptions.failures.isEmpty() ? "" : ", not established " + snapshot(subscriptions.failures)));
        }
        final AtomicIntegerArray sequences = new AtomicIntegerArray(options.presentities());
        final BodyTemplate body = null != workload.body() ? workload.body() : BodyTemplate.pidf(options.bodyBytes());
        return bench.load(sink, METHOD, (pace, leases, warmupTally, measuredTally) ->
        {
            final int n = options.concurrency();
            final SipWorker.Shared shared = new SipWorker.Shared(publisher, pace, workload, body, leases, sequences,
                warmupTally, measuredTally, publishOutcomes, initial, modify, duplicates,
                TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis()), new CountDownLatch(n));
            return new SipClients(shared, n, this::notifyNote, () ->
            {
                final long notified = notifies.sum();
                final SipFigures.Cleanup cleanup = cleanUp(publisher, watchers, subscriptions, sequences);
                return figures(publisher, watchers, subscriptions, notified, cleanup);
            });
        });
    }

    /** Notes the NOTIFYs of the slice that just closed in the series; their rate for the progress line. */
    private String notifyNote(final double lengthSeconds)
    {
        final long notified = notifies.sum();
        final long inSlice = notified - seenNotifies;
        notifySeries.add(inSlice);
        seenNotifies = notified;
        return String.format(Locale.ROOT, "  NOTIFY %.0f/s", lengthSeconds > 0 ? inSlice / lengthSeconds : 0);
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
            .userAgent("pua-agent bench").notificationSink(sink)
            .limits(Limits.wholeHeap(Runtime.getRuntime().maxMemory())).build();
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
}
