package org.puaagent.agent.bench.notify;

import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * The figures of one run: delivery counts and three latency distributions, in microseconds, over the pairs
 * whose publish succeeded: {@code latency} per (change, watcher) from sending the {@code pua.publish} to
 * receiving the event; {@code spread} per change and presentity, until its last watcher received it;
 * {@code roundTrip} of the {@code pua.publish} calls. Immutable once built (the histograms are not shared).
 */
record LatencyReport(
    int watchers,
    int presentities,
    int publishes,
    long delivered,
    long superseded,
    long missing,
    long failedPublishes,
    long unansweredPublishes,
    List<String> missingPairs,
    Histogram latency,
    Histogram spread,
    Histogram roundTrip)
{
    private static final double MICROS_PER_MILLI = 1000.0;

    /** Every publish answered with success and every pair delivered (none missing or superseded). */
    boolean complete()
    {
        return 0 == missing && 0 == superseded && 0 == failedPublishes && 0 == unansweredPublishes
            && delivered == (long)publishes * watchers;
    }

    /** A few lines for people. */
    String text()
    {
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "pairs (change x watcher): %d delivered, %d superseded, %d missing"
            + " (of %d publishes x %d watchers over %d presentities)%n", delivered, superseded, missing, publishes,
            watchers, presentities));
        if (failedPublishes + unansweredPublishes > 0)
        {
            s.append(String.format(Locale.ROOT, "publishes failed: %d, unanswered: %d (their pairs not counted)%n",
                failedPublishes, unansweredPublishes));
        }
        if (!missingPairs.isEmpty())
        {
            s.append("first missing: ").append(String.join(", ", missingPairs)).append(System.lineSeparator());
        }
        s.append(line("publish -> SSE", latency));
        s.append(line("last watcher", spread));
        s.append(line("publish reply", roundTrip));
        return s.toString();
    }

    /** One line of JSON. */
    String json()
    {
        return String.format(Locale.ROOT, "{\"watchers\":%d,\"presentities\":%d,\"publishes\":%d,\"delivered\":%d,"
            + "\"superseded\":%d,\"missing\":%d,\"failed_publishes\":%d,\"unanswered_publishes\":%d,"
            + "\"latency_ms\":%s,\"last_watcher_ms\":%s,\"publish_reply_ms\":%s}", watchers, presentities, publishes,
            delivered, superseded, missing, failedPublishes, unansweredPublishes, jsonOf(latency), jsonOf(spread),
            jsonOf(roundTrip));
    }

    private static String line(final String name, final Histogram h)
    {
        if (0 == h.getTotalCount())
        {
            return String.format(Locale.ROOT, "%-15s no samples%n", name);
        }
        return String.format(Locale.ROOT, "%-15s ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f  (n=%d)%n",
            name, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
            ms(h.getMaxValue()), h.getMean() / MICROS_PER_MILLI, h.getTotalCount());
    }

    private static String jsonOf(final Histogram h)
    {
        if (0 == h.getTotalCount())
        {
            return "null";
        }
        return String.format(Locale.ROOT, "{\"n\":%d,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f,"
            + "\"mean\":%.3f}", h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
            ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), h.getMean() / MICROS_PER_MILLI);
    }

    private static double ms(final long micros)
    {
        return micros / MICROS_PER_MILLI;
    }
}
