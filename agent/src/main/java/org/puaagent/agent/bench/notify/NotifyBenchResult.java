package org.puaagent.agent.bench.notify;

import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one {@code bench-notify} run: how the setup went (subscriptions, readiness), what the event
 * stream reader saw, and the {@link LatencyReport} (null when the run stopped before publishing). Immutable.
 *
 * @param abort            why the run stopped early, or null
 * @param subscribed       subscribes answered with success
 * @param subscribeFailed  subscribes answered with a fault (or never answered)
 * @param firstFailure     the first failed subscribe or publish, described; or null
 * @param subscribeMillis  time from the first subscribe to the last watcher's active notification (or to
 *                         giving up)
 * @param activeWatchers   watchers with an active notification when publishing started
 * @param notifies         notify events read from the stream
 * @param gaps             gap events read (notifications lost to the reader)
 * @param foreign          notify events of watchers or presentities not in this run
 * @param malformed        events that could not be read
 * @param streamProblem    the first gap or malformed event, or why the stream ended early; or null
 * @param loadBefore       the system's load averages when the run started ({@code /proc/loadavg}) and CPU
 *                         pressure ({@code /proc/pressure/cpu}, some avg10) where known; or "n/a"
 * @param loadAfter        the same when the measurement ended
 * @param agentCounters    the agent's counters ({@code agent.stats}: notify, sse, sip) that changed while
 *                         publishing (warm-up included), by how much; empty when unknown
 * @param report           the figures, or null
 */
record NotifyBenchResult(
    String abort,
    long subscribed,
    long subscribeFailed,
    String firstFailure,
    long subscribeMillis,
    long activeWatchers,
    long notifies,
    long gaps,
    long foreign,
    long malformed,
    String streamProblem,
    String loadBefore,
    String loadAfter,
    Map<String, Long> agentCounters,
    LatencyReport report)
{
    /** Nothing went wrong and every pair was delivered. */
    boolean ok()
    {
        return null == abort && 0 == subscribeFailed && 0 == gaps && 0 == malformed && null != report
            && report.complete();
    }

    String text()
    {
        final StringBuilder s = new StringBuilder();
        if (null != abort)
        {
            s.append("aborted: ").append(abort).append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "subscriptions: %d ok, %d failed; %d watchers active after %d ms%n",
            subscribed, subscribeFailed, activeWatchers, subscribeMillis));
        if (null != firstFailure)
        {
            s.append("first failure: ").append(firstFailure).append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "stream: %d notify events, %d gaps, %d foreign, %d malformed%n",
            notifies, gaps, foreign, malformed));
        if (null != streamProblem)
        {
            s.append("stream problem: ").append(streamProblem).append(System.lineSeparator());
        }
        if (null != report)
        {
            s.append(report.text());
        }
        if (!agentCounters.isEmpty())
        {
            s.append("agent counters while publishing: ");
            agentCounters.forEach((k, v) -> s.append(k).append(' ').append(v).append("  "));
            s.append(System.lineSeparator());
        }
        s.append("load average before: ").append(loadBefore).append(", after: ").append(loadAfter)
            .append(System.lineSeparator());
        return s.toString();
    }

    String json()
    {
        return String.format(Locale.ROOT, "{\"ok\":%b,\"abort\":%s,\"subscribed\":%d,\"subscribe_failed\":%d,"
            + "\"subscribe_ms\":%d,\"active_watchers\":%d,\"notifies\":%d,\"gaps\":%d,\"foreign\":%d,"
            + "\"malformed\":%d,\"load_before\":%s,\"load_after\":%s,\"agent_counters\":%s,\"report\":%s}", ok(),
            quoted(abort), subscribed, subscribeFailed, subscribeMillis, activeWatchers, notifies, gaps, foreign,
            malformed, quoted(loadBefore), quoted(loadAfter), countersJson(), null == report ? "null" : report.json());
    }

    private String countersJson()
    {
        final StringBuilder s = new StringBuilder("{");
        agentCounters.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(quoted(k)).append(':').append(v));
        return s.append('}').toString();
    }

    private static String quoted(final String text)
    {
        if (null == text)
        {
            return "null";
        }
        final StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                s.append('\\').append(c);
            }
            else if (c < ' ')
            {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
