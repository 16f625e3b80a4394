package org.puaagent.agent.bench.notify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * One measurement, in order: open the event stream, publish change 0 to every presentity, subscribe every
 * watcher (at most {@code window} in flight), wait until every watcher has an active notification, publish
 * the warm-up changes and then the measured ones at a fixed rate (noting the agent's counters around it),
 * wait until every watcher has the last change (or the drain timeout), stop reading, clean up, compute.
 * Every wait has a deadline.
 *
 * <p>Not thread-safe: {@link #run} once, on one thread (it uses a binrpc reader thread and a stream reader
 * thread of its own and stops both).
 */
public final class NotifyBenchRun
{
    private static final String EVENT = "presence";
    private static final String CONTENT_TYPE = "application/pidf+xml";
    private static final String PUBLISH_EXPIRES = "3600";
    private static final String DOT = ".";
    private static final long GREETING_TIMEOUT_MILLIS = 5000;
    private static final long SETUP_PUBLISH_TIMEOUT_MILLIS = 40_000;
    private static final long CLEANUP_TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 5;
    private static final long PROGRESS_MILLIS = 1000;
    private static final String LOADAVG = "/proc/loadavg";
    private static final String CPU_PRESSURE = "/proc/pressure/cpu";
    private static final int SHOWN_INACTIVE = 5;
    private static final long STATS_TIMEOUT_MILLIS = 5000;
    /** The groups of the agent's counters whose change during the publishing is reported (when not 0). */
    private static final List<String> WATCHED_PREFIXES = List.of("notify.", "sse.", "sip.", "publish.retry");

    private final NotifyBenchOptions options;
    private final PrintStream log;
    private final Marker marker = new Marker(Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
    private final DeliveryLedger ledger;
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong subscribed = new AtomicLong();
    private final AtomicLong subscribeFailed = new AtomicLong();
    /** Whether anything was published or subscribed, so that there is something to clean up. */
    private boolean touched;

    public NotifyBenchRun(final NotifyBenchOptions options, final PrintStream log)
    {
        this.options = options;
        this.log = log;
        this.ledger = new DeliveryLedger(options.watchers(), options.presentities(),
            options.warmup() + options.publishes(), options.warmup());
    }

    /** Runs the measurement and returns its outcome. Never throws for network trouble: it is in the result. */
    public NotifyBenchResult run()
    {
        final String loadBefore = loadAverage();
        final Map<String, Integer> watcherIndex = new HashMap<>();
        final String[] presentityOfWatcher = new String[options.watchers()];
        for (int w = 0; w < options.watchers(); w++)
        {
            watcherIndex.put(NotifyBenchOptions.watcherUri(w), w);
            presentityOfWatcher[w] = options.subscribedUri(ledger.presentityOf(w));
        }
        final RpcLink link;
        try
        {
            link = RpcLink.open(options.binrpc());
        }
        catch (final IOException ex)
        {
            return aborted("cannot connect to binrpc " + options.binrpc() + ": " + ex, null, loadBefore, 0);
        }
        EventStreamReader stream = null;
        try
        {
            final EventStreamReader.Opened opened = EventStreamReader.open(options.http(), streamTarget(), ledger,
                watcherIndex, presentityOfWatcher, marker);
            if (null == opened.reader())
            {
                return aborted(opened.error(), null, loadBefore, 0);
            }
            stream = opened.reader();
            if (!waitFor(() -> opened.reader().comments() > 0, GREETING_TIMEOUT_MILLIS))
            {
                return aborted("no greeting on the event stream", stream, loadBefore, 0);
            }
            touched = true;
            final String setup = publishAll(link, 0, SETUP_PUBLISH_TIMEOUT_MILLIS);
            if (null != setup)
            {
                return aborted("the initial publish failed: " + setup, stream, loadBefore, 0);
            }
            final long subscribeStart = System.nanoTime();
            final String subscribeProblem = subscribeAll(link);
            final boolean ready = waitFor(() -> ledger.activeCount() >= options.watchers(),
                remainingMillis(subscribeStart, options.readyTimeoutMillis()));
            final long subscribeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribeStart);
            final long active = ledger.activeCount();
            log.printf("bench-notify: %d/%d subscriptions ok, %d watchers active after %d ms%n", subscribed.get(),
                options.watchers(), active, subscribeMillis);
            if (null != subscribeProblem || !ready)
            {
                final List<Integer> inactive = ledger.inactiveWatchers();
                return aborted((null != subscribeProblem ? subscribeProblem + "; " : "") + inactive.size()
                    + " watchers without an active notification (first: "
                    + inactive.subList(0, Math.min(SHOWN_INACTIVE, inactive.size())) + ")", stream, loadBefore,
                    subscribeMillis);
            }
            final Map<String, Long> countersBefore = agentCounters(link);
            publishChanges(link);
            drain();
            final String loadAfter = loadAverage();
            stream.close();
            final Map<String, Long> countersAfter = agentCounters(link);
            final Map<String, Long> counters = new TreeMap<>();
            countersAfter.forEach((name, after) ->
            {
                final Long before = countersBefore.get(name);
                if (null != before && after - before != 0 && WATCHED_PREFIXES.stream().anyMatch(name::startsWith))
                {
                    counters.put(name, after - before);
                }
            });
            return new NotifyBenchResult(null, subscribed.get(), subscribeFailed.get(), firstFailure.get(),
                subscribeMillis, active, stream.notifies(), stream.gaps(), stream.foreign(), stream.malformed(),
                streamProblem(stream), loadBefore, loadAfter, counters, ledger.report());
        }
        finally
        {
            if (null != stream)
            {
                stream.close();
            }
            if (options.cleanup() && touched)
            {
                cleanup(link);
            }
            link.close();
        }
    }

    private NotifyBenchResult aborted(final String why, final EventStreamReader stream, final String loadBefore,
        final long subscribeMillis)
    {
        final String loadAfter = loadAverage();
        if (null != stream)
        {
            stream.close();
        }
        return new NotifyBenchResult(why, subscribed.get(), subscribeFailed.get(), firstFailure.get(),
            subscribeMillis, ledger.activeCount(), null == stream ? 0 : stream.notifies(),
            null == stream ? 0 : stream.gaps(), null == stream ? 0 : stream.foreign(),
            null == stream ? 0 : stream.malformed(), null == stream ? null : streamProblem(stream), loadBefore,
            loadAfter, Map.of(), null);
    }

    private static String streamProblem(final EventStreamReader stream)
    {
        return null != stream.endReason() ? stream.endReason() : stream.firstProblem();
    }

    /** {@code /events} filtered to the run's presentities and the presence event. */
    private String streamTarget()
    {
        final StringBuilder target = new StringBuilder("/events?event=").append(EVENT);
        for (int p = 0; p < options.presentities(); p++)
        {
            target.append("&presentity=")
                .append(URLEncoder.encode(options.subscribedUri(p), StandardCharsets.UTF_8));
        }
        return target.toString();
    }

    /** Publishes change {@code change} to every presentity and waits for the replies. @return a failure or null */
    private String publishAll(final RpcLink link, final int change, final long timeoutMillis)
    {
        final List<CompletableFuture<RpcResponse>> replies = new ArrayList<>();
        for (int p = 0; p < options.presentities(); p++)
        {
            replies.add(link.call("pua.publish", publishParams(p, change)));
        }
        final long start = System.nanoTime();
        for (final CompletableFuture<RpcResponse> reply : replies)
        {
            final RpcResponse response = reply.completeOnTimeout(new RpcFault(RpcLink.BROKEN, "no reply within "
                + timeoutMillis + " ms"), remainingMillis(start, timeoutMillis), TimeUnit.MILLISECONDS).join();
            if (response instanceof RpcFault fault)
            {
                return fault.code() + " " + fault.message();
            }
        }
        return null;
    }

    private List<RpcValue> publishParams(final int presentity, final int change)
    {
        final String uri = options.publishedUri(presentity);
        return List.of(new RpcString(uri), new RpcString(PUBLISH_EXPIRES), new RpcString(EVENT),
            new RpcString(CONTENT_TYPE), new RpcString(DOT), new RpcString(DOT), new RpcString(DOT),
            new RpcString(DOT), new RpcString(marker.pidf(uri, change)));
    }

    /** Subscribes every watcher, {@code window} at a time. @return a problem or null */
    private String subscribeAll(final RpcLink link)
    {
        final long start = System.nanoTime();
        final Semaphore window = new Semaphore(options.window());
        final List<CompletableFuture<RpcResponse>> replies = new ArrayList<>(options.watchers());
        long lastProgress = start;
        for (int w = 0; w < options.watchers(); w++)
        {
            try
            {
                if (!window.tryAcquire(remainingMillis(start, options.readyTimeoutMillis()), TimeUnit.MILLISECONDS))
                {
                    return "subscribes not answered within " + options.readyTimeoutMillis() + " ms";
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            final String watcher = NotifyBenchOptions.watcherUri(w);
            final CompletableFuture<RpcResponse> reply = link.call("pua.subscribe", List.of(
                new RpcString(options.subscribedUri(ledger.presentityOf(w))), new RpcString(watcher),
                new RpcString(EVENT), new RpcInt(options.expires())));
            reply.whenComplete((response, ex) ->
            {
                window.release();
                if (response instanceof RpcReply)
                {
                    subscribed.incrementAndGet();
                }
                else
                {
                    subscribeFailed.incrementAndGet();
                    final RpcFault fault = (RpcFault)response;
                    firstFailure.compareAndSet(null, "subscribe " + watcher + ": " + fault.code() + " "
                        + fault.message());
                }
            });
            replies.add(reply);
            final long now = System.nanoTime();
            if (now - lastProgress > TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS))
            {
                lastProgress = now;
                log.printf("bench-notify: %d subscribes sent, %d answered ok, %d active%n", w + 1, subscribed.get(),
                    ledger.activeCount());
            }
        }
        for (final CompletableFuture<RpcResponse> reply : replies)
        {
            reply.completeOnTimeout(new RpcFault(RpcLink.BROKEN, "no reply"), remainingMillis(start,
                options.readyTimeoutMillis()), TimeUnit.MILLISECONDS).join();
        }
        return subscribeFailed.get() == 0 ? null : subscribeFailed.get() + " subscribes failed";
    }

    /**
     * Publishes changes 1..N at a fixed rate, to every presentity at once or (stagger) spread evenly over the
     * interval; replies are recorded as they come.
     */
    private void publishChanges(final RpcLink link)
    {
        final long start = System.nanoTime();
        final long interval = TimeUnit.MILLISECONDS.toNanos(options.intervalMillis());
        final long step = options.stagger() ? interval / options.presentities() : 0;
        for (int c = 1; c <= ledger.changes(); c++)
        {
            for (int p = 0; p < options.presentities(); p++)
            {
                final long due = start + (c - 1) * interval + p * step;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
                {
                    LockSupport.parkNanos(wait);
                }
                final int change = c;
                final int presentity = p;
                final List<RpcValue> params = publishParams(p, c);
                final long sent = System.nanoTime();
                ledger.sent(change, presentity, sent);
                link.call("pua.publish", params).whenComplete((response, ex) ->
                {
                    final boolean ok = response instanceof RpcReply;
                    ledger.answered(change, presentity, System.nanoTime() - sent, ok);
                    if (!ok)
                    {
                        final RpcFault fault = (RpcFault)response;
                        firstFailure.compareAndSet(null, "publish change " + change + " of "
                            + options.publishedUri(presentity) + ": " + fault.code() + " " + fault.message());
                    }
                });
            }
        }
    }

    /** Waits until every watcher has the last change, or the drain timeout. */
    private void drain()
    {
        final int last = ledger.changes();
        waitFor(() -> ledger.lastChangeEverywhere(last), options.drainTimeoutMillis());
    }

    /** Unsubscribes every watcher and removes the publications; bounded, failures only logged. */
    private void cleanup(final RpcLink link)
    {
        final long start = System.nanoTime();
        final Semaphore window = new Semaphore(options.window());
        final List<CompletableFuture<RpcResponse>> replies = new ArrayList<>();
        try
        {
            for (int w = 0; w < options.watchers(); w++)
            {
                if (!window.tryAcquire(remainingMillis(start, CLEANUP_TIMEOUT_MILLIS), TimeUnit.MILLISECONDS))
                {
                    log.println("bench-notify: cleanup gave up (unsubscribes not answered)");
                    return;
                }
                final CompletableFuture<RpcResponse> reply = link.call("pua.unsubscribe", List.of(
                    new RpcString(options.subscribedUri(ledger.presentityOf(w))),
                    new RpcString(NotifyBenchOptions.watcherUri(w)), new RpcString(EVENT)));
                reply.whenComplete((r, ex) -> window.release());
                replies.add(reply);
            }
            for (int p = 0; p < options.presentities(); p++)
            {
                replies.add(link.call("pua.publish", List.of(new RpcString(options.publishedUri(p)),
                    new RpcString("0"), new RpcString(EVENT), new RpcString(DOT), new RpcString(DOT),
                    new RpcString(DOT), new RpcString(DOT), new RpcString(DOT))));
            }
            long failed = 0;
            for (final CompletableFuture<RpcResponse> reply : replies)
            {
                if (reply.completeOnTimeout(new RpcFault(RpcLink.BROKEN, "no reply"), remainingMillis(start,
                    CLEANUP_TIMEOUT_MILLIS), TimeUnit.MILLISECONDS).join() instanceof RpcFault)
                {
                    failed++;
                }
            }
            if (failed > 0)
            {
                log.println("bench-notify: cleanup: " + failed + " unsubscribes/unpublishes failed");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The agent's counters ({@code agent.stats}), or an empty map when it cannot say. */
    private static Map<String, Long> agentCounters(final RpcLink link)
    {
        final RpcResponse response = link.call("agent.stats", List.of()).completeOnTimeout(new RpcFault(
            RpcLink.BROKEN, "no reply"), STATS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).join();
        final Map<String, Long> counters = new HashMap<>();
        if (response instanceof RpcReply reply)
        {
            for (final RpcValue value : reply.values())
            {
                if (value instanceof RpcStruct struct)
                {
                    for (final RpcStruct.Member member : struct.members())
                    {
                        if (null != member.name() && member.value() instanceof RpcInt n)
                        {
                            counters.put(member.name(), (long)n.value());
                        }
                    }
                }
            }
        }
        return counters;
    }

    private static boolean waitFor(final java.util.function.BooleanSupplier condition, final long timeoutMillis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted())
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        return true;
    }

    private static long remainingMillis(final long startNanos, final long timeoutMillis)
    {
        return Math.max(0, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * The first three fields of {@code /proc/loadavg} and, where the kernel reports it, the share of the last
     * 10 s in which some task waited for a CPU ({@code /proc/pressure/cpu}); "n/a" where there is none.
     */
    static String loadAverage()
    {
        String load;
        try
        {
            final String[] fields = Files.readString(Path.of(LOADAVG)).trim().split("\\s+");
            load = fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "n/a";
        }
        catch (final IOException | RuntimeException ex)
        {
            load = "n/a";
        }
        try
        {
            for (final String line : Files.readAllLines(Path.of(CPU_PRESSURE)))
            {
                if (line.startsWith("some "))
                {
                    for (final String field : line.split("\\s+"))
                    {
                        if (field.startsWith("avg10="))
                        {
                            return load + "; cpu pressure " + field.substring("avg10=".length()) + "%";
                        }
                    }
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // no pressure information on this system
        }
        return load;
    }
}
