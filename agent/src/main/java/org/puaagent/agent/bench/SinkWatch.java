package org.puaagent.agent.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the PUBLISHes the sink received during a run from sipp's {@code -trace_stat} file: a baseline taken
 * just before the load starts (waiting briefly for a line written after that moment) and a figure taken after
 * the last answer (waiting for lines written after it, so that they include every PUBLISH of the run).
 * sipp must write a line every second ({@code -fd 1}); with a longer period the figures are marked as not
 * fresh and the comparison is not held against the run. Not thread-safe: the run's thread only.
 */
final class SinkWatch
{
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** sipp -fd 1 writes a line a second: two of them fit in this. */
    private static final long BASELINE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2500);
    /** After the end: two new lines (the second one lets late retransmissions and send_publish settle). */
    private static final long FINAL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(3500);
    private static final int FINAL_LINES = 2;

    private final Path file;
    private final SippTraceStat.Reading baseline;
    private final boolean baselineFresh;

    private SinkWatch(final Path file, final SippTraceStat.Reading baseline, final boolean baselineFresh)
    {
        this.file = file;
        this.baseline = baseline;
        this.baselineFresh = baselineFresh;
    }

    /** Takes the baseline (may wait up to a few seconds). */
    static SinkWatch start(final Path file)
    {
        final SippTraceStat.Reading first = SippTraceStat.read(file);
        if (null != first.error())
        {
            return new SinkWatch(file, first, false);
        }
        final SippTraceStat.Reading next = waitForLines(file, first.lines() + 1, BASELINE_WAIT_NANOS);
        return null == next ? new SinkWatch(file, first, false) : new SinkWatch(file, next, true);
    }

    /** The count for the run, once every answer is in (may wait up to a few seconds). */
    SinkCount finish(final long acknowledged)
    {
        if (null != baseline.error())
        {
            return SinkCount.notAvailable(baseline.error());
        }
        final SippTraceStat.Reading atEnd = SippTraceStat.read(file);
        if (null != atEnd.error())
        {
            return SinkCount.notAvailable(atEnd.error());
        }
        SippTraceStat.Reading last = atEnd;
        boolean fresh = false;
        final long deadline = System.nanoTime() + FINAL_WAIT_NANOS;
        while (System.nanoTime() - deadline < 0)
        {
            final SippTraceStat.Reading r = SippTraceStat.read(file);
            if (null == r.error() && r.lines() > last.lines())
            {
                last = r;
                fresh = true;
                if (r.lines() >= atEnd.lines() + FINAL_LINES)
                {
                    break;
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return new SinkCount(true, "sipp statistics " + file, last.incoming() - baseline.incoming(), acknowledged,
            fresh && baselineFresh);
    }

    private static SippTraceStat.Reading waitForLines(final Path file, final int lines, final long waitNanos)
    {
        final long deadline = System.nanoTime() + waitNanos;
        while (System.nanoTime() - deadline < 0)
        {
            final SippTraceStat.Reading r = SippTraceStat.read(file);
            if (null == r.error() && r.lines() >= lines)
            {
                return r;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return null;
    }
}
