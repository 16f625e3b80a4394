package org.puaagent.agent.memory;

import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.runtime.Limits;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code make bench-memory}: the heap one active publication costs the agent, with N publications held and
 * refreshing (see {@link MemoryOptions#USAGE}). The presence server runs in another process (sipp), so only
 * the agent's side is in this heap. Run by {@code main}; one thread drives it.
 */
public final class PublicationMemory
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long POLL_MILLIS = 500;
    private static final long PROGRESS_NANOS = 5 * NANOS_PER_SECOND;
    private static final double MIB = 1024.0 * 1024.0;
    private static final String REFRESH_SENT = "publish.refresh.sent";
    private static final String REFRESH_FAILED = "publish.refresh.failed";
    private static final String SERIES = "pipeline.series";
    private static final String LIVE_TRANSACTIONS = "sip.transactions_live";
    private static final String EXPIRED = "publish.expired";

    private final MemoryOptions options;
    private final PrintStream out;
    private final PrintStream progress;

    private PublicationMemory(final MemoryOptions options, final PrintStream out, final PrintStream progress)
    {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public static void main(final String[] args) throws Exception
    {
        final MemoryOptions.Parsed parsed = MemoryOptions.parse(args);
        if (parsed.help())
        {
            System.out.println(MemoryOptions.USAGE);
            return;
        }
        if (null != parsed.error())
        {
            System.err.println("bench-memory: " + parsed.error());
            System.err.println(MemoryOptions.USAGE);
            System.exit(2);
        }
        boolean measured;
        try
        {
            measured = new PublicationMemory(parsed.options(), System.out, System.err).run();
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            System.err.println("bench-memory: cannot start the pipeline: " + ex.getMessage());
            measured = false;
        }
        System.exit(measured ? 0 : 1);
    }

    private boolean run() throws IOException, InterruptedException
    {
        final long started = System.nanoTime();
        final long deadline = started + options.timeLimitSeconds() * NANOS_PER_SECOND;
        final PipelineConfig config = PipelineConfig.builder().listen(options.sipListen())
            .defaultOutboundProxy(options.outboundProxy())
            .limits(Limits.wholeHeap(Runtime.getRuntime().maxMemory())).build();
        try (PresencePipeline pipeline = PresencePipeline.start(config))
        {
            final PublicationLoad load = new PublicationLoad(pipeline, options);
            if (options.warm() > 0 && !load.publish(0, options.warm(), deadline))
            {
                return fail("the warm-up publications were not all answered in time", load, pipeline);
            }
            final HeapSnapshot before = HeapSnapshot.take();
            final long refreshesBefore = counter(pipeline, REFRESH_SENT);
            progress.printf(Locale.ROOT, "baseline after %d publications: %.1f MiB used%n", options.warm(),
                before.usedBytes() / MIB);
            final Thread reporter = reporter(pipeline, load, started);
            final boolean all;
            try
            {
                all = load.publish(options.warm(), options.publications(), deadline);
            }
            finally
            {
                reporter.interrupt();
            }
            if (!all || load.published() < options.publications())
            {
                return fail("not every publication was published in time", load, pipeline);
            }
            final long publishedAt = System.nanoTime();
            final long wanted = refreshesBefore + (long)options.refreshCycles() * options.publications();
            if (!waitForRefreshes(pipeline, load, wanted, started, deadline))
            {
                return fail("the refresh cycle did not complete in time (does the server grant a short Expires?)",
                    load, pipeline);
            }
            final long refreshedAt = System.nanoTime();
            final Map<String, Long> counters = pipeline.counters();
            final HeapSnapshot after = HeapSnapshot.take();
            report(before, after, counters, load, (publishedAt - started) / (double)NANOS_PER_SECOND,
                (refreshedAt - started) / (double)NANOS_PER_SECOND);
            return counters.getOrDefault(SERIES, 0L) >= options.publications();
        }
    }

    private boolean waitForRefreshes(final PresencePipeline pipeline, final PublicationLoad load, final long wanted,
        final long started, final long deadline) throws InterruptedException
    {
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        while (counter(pipeline, REFRESH_SENT) < wanted)
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            if (System.nanoTime() > nextProgress)
            {
                line(pipeline, load, started);
                nextProgress += PROGRESS_NANOS;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        return true;
    }

    private Thread reporter(final PresencePipeline pipeline, final PublicationLoad load, final long started)
    {
        final Thread t = new Thread(() ->
        {
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    TimeUnit.NANOSECONDS.sleep(PROGRESS_NANOS);
                    line(pipeline, load, started);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "memory-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void line(final PresencePipeline pipeline, final PublicationLoad load, final long started)
    {
        final Map<String, Long> c = pipeline.counters();
        progress.printf(Locale.ROOT, "%6.0f s  published %d  series %d  refreshes sent %d  live transactions %d"
                + "  heap used %.0f MiB%n", (System.nanoTime() - started) / (double)NANOS_PER_SECOND,
            load.published(), c.getOrDefault(SERIES, 0L), c.getOrDefault(REFRESH_SENT, 0L),
            c.getOrDefault(LIVE_TRANSACTIONS, 0L),
            Runtime.getRuntime().totalMemory() / MIB - Runtime.getRuntime().freeMemory() / MIB);
    }

    private void report(final HeapSnapshot before, final HeapSnapshot after, final Map<String, Long> counters,
        final PublicationLoad load, final double publishedSeconds, final double refreshedSeconds)
    {
        final int measured = options.publications() - options.warm();
        final double perPublication = (after.usedBytes() - before.usedBytes()) / (double)measured;
        out.printf(Locale.ROOT, "#### %,d publications held and refreshing%n%n", options.publications());
        out.printf(Locale.ROOT, "- **%.0f bytes of heap per publication** (live heap after full GCs: %.1f MiB with %,d"
                + " publications, %.1f MiB with %,d; difference / %,d)%n", perPublication,
            before.usedBytes() / MIB, options.warm(), after.usedBytes() / MIB, options.publications(),
            measured);
        if (null != before.histogram() && null != after.histogram())
        {
            final double histPer = (after.histogram().totalBytes() - before.histogram().totalBytes())
                / (double)measured;
            out.printf(Locale.ROOT, "- by the class histograms (live objects): %.0f bytes per publication%n", histPer);
        }
        out.printf(Locale.ROOT, "- all %,d published after %.0f s (at most %,d/s, %,d in flight); every one refreshed"
                + " %d time(s) on average after %.0f s: %,d refreshes sent, %,d refresh failures, %,d expired;"
                + " %,d publication series, %,d SIP transactions live when measured; failures %s%n",
            load.published(), publishedSeconds, options.rate(), options.window(), options.refreshCycles(),
            refreshedSeconds, counters.getOrDefault(REFRESH_SENT, 0L), counters.getOrDefault(REFRESH_FAILED, 0L),
            counters.getOrDefault(EXPIRED, 0L), counters.getOrDefault(SERIES, 0L),
            counters.getOrDefault(LIVE_TRANSACTIONS, 0L), load.failed().isEmpty() ? "none" : load.failed());
        out.printf(Locale.ROOT, "- JVM: %s %s, max heap %.0f MiB, %s%n", System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / MIB,
            String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (null == before.histogram() || null == after.histogram() || 0 == options.top())
        {
            return;
        }
        out.println();
        out.println("| class | bytes per publication | instances per publication | share of the growth |");
        out.println("|---|---:|---:|---:|");
        final long growth = after.histogram().totalBytes() - before.histogram().totalBytes();
        final List<ClassHistogram.Entry> top = after.histogram().growthSince(before.histogram());
        for (int i = 0; i < Math.min(options.top(), top.size()); i++)
        {
            final ClassHistogram.Entry e = top.get(i);
            out.printf(Locale.ROOT, "| `%s` | %.1f | %.2f | %.1f %% |%n", ClassHistogram.readableName(e.className()),
                e.bytes() / (double)measured, e.instances() / (double)measured, 100.0 * e.bytes() / growth);
        }
        out.println();
    }

    private boolean fail(final String why, final PublicationLoad load, final PresencePipeline pipeline)
    {
        final Map<String, Long> c = pipeline.counters();
        out.printf(Locale.ROOT, "#### %,d publications: not measured: %s (published %d, failures %s, series %d,"
                + " refreshes sent %d)%n", options.publications(), why, load.published(), load.failed(),
            c.getOrDefault(SERIES, 0L), c.getOrDefault(REFRESH_SENT, 0L));
        return false;
    }

    private static long counter(final PresencePipeline pipeline, final String name)
    {
        return pipeline.counters().getOrDefault(name, 0L);
    }
}
