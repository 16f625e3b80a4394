package org.puaagent.agent.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures of a run's measured window. {@code requests = ok + withoutEtag + faults + transport errors}.
 * Throughput counts answered requests (replies and faults) per second of the window, which runs from the end of
 * the warm-up to the last measured answer. Latencies in milliseconds, of answered requests. Immutable.
 *
 * @param description      the options in words
 * @param target           the target as written
 * @param method           the RPC method
 * @param concurrency      connections
 * @param requests         measured requests
 * @param ok               successful replies (for {@code pua.publish}: with a SIP-ETag)
 * @param withoutEtag      {@code pua.publish} replies without SIP-ETag (not ok)
 * @param faults           faults by code
 * @param transportErrors  broken requests by kind (connect, closed, timeout, io, protocol, http-NNN)
 * @param errorDetails     the first detail seen for each kind of transport error
 * @param windowSeconds    length of the measured window
 * @param warmupRequests   requests sent during the warm-up (not counted anywhere else)
 * @param latency          latency percentiles
 * @param abandonedWorkers workers still stuck when the run gave up on them (0 in a healthy run)
 * @param openLoop         the open loop's rate and ramp, or null for the closed loop
 * @param scheduleLag      open loop: how late measured requests were sent after they were due (null for the
 *                         closed loop)
 * @param outcomes         where every measured request ended up (correctness)
 * @param series           the run second by second, warm-up included
 * @param sip              the SIP-direct target's own figures, or null for an RPC target
 */
public record BenchSummary(
    String description,
    String target,
    String method,
    int concurrency,
    long requests,
    long ok,
    long withoutEtag,
    Map<Integer, Long> faults,
    Map<String, Long> transportErrors,
    Map<String, String> errorDetails,
    double windowSeconds,
    long warmupRequests,
    Latency latency,
    long abandonedWorkers,
    BenchOptions.OpenLoop openLoop,
    Latency scheduleLag,
    Outcomes outcomes,
    List<SeriesPoint> series,
    SipFigures sip)
{
    /**
     * Latency of the answered measured requests, in milliseconds.
     *
     * @param count answered requests recorded
     */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean, long count)
    {
    }

    /** The summary of an RPC target (no SIP figures). */
    public BenchSummary(final String description, final String target, final String method, final int concurrency,
        final long requests, final long ok, final long withoutEtag, final Map<Integer, Long> faults,
        final Map<String, Long> transportErrors, final Map<String, String> errorDetails, final double windowSeconds,
        final long warmupRequests, final Latency latency, final long abandonedWorkers,
        final BenchOptions.OpenLoop openLoop, final Latency scheduleLag, final Outcomes outcomes,
        final List<SeriesPoint> series)
    {
        this(description, target, method, concurrency, requests, ok, withoutEtag, faults, transportErrors, errorDetails,
            windowSeconds, warmupRequests, latency, abandonedWorkers, openLoop, scheduleLag, outcomes, series, null);
    }

    public BenchSummary
    {
        faults = Map.copyOf(faults);
        transportErrors = Map.copyOf(transportErrors);
        errorDetails = Map.copyOf(errorDetails);
        series = List.copyOf(series);
    }

    /** Replies and faults. */
    public long answered()
    {
        return ok + withoutEtag + faultCount();
    }

    public long faultCount()
    {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    public long transportErrorCount()
    {
        return transportErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Answered requests per second of the measured window. */
    public double throughput()
    {
        return windowSeconds > 0 ? answered() / windowSeconds : 0;
    }

    /** Successful replies per second of the measured window. */
    public double okPerSecond()
    {
        return windowSeconds > 0 ? ok / windowSeconds : 0;
    }

    /**
     * Whether every measured request was sent (open loop) and got a successful reply (and there was at least
     * one), and the sink, when it reports, saw every acknowledged PUBLISH.
     */
    public boolean allOk()
    {
        return requests > 0 && ok == requests && abandonedWorkers == 0 && outcomes.unaccounted() == 0
            && outcomes.allSent() && outcomes.sink().missing() == 0 && (null == sip || sip.problems().isEmpty());
    }

    /** The summary for people, several lines. */
    public String text()
    {
        final StringBuilder b = new StringBuilder();
        b.append("bench: ").append(description).append('\n');
        b.append(String.format(Locale.ROOT, "  requests %d (ok %d, faults %d, transport errors %d%s)"
                + ", %d warm-up requests not counted%n", requests, ok, faultCount(), transportErrorCount(),
            withoutEtag > 0 ? ", replies without SIP-ETag " + withoutEtag : "", warmupRequests));
        if (!faults.isEmpty())
        {
            b.append("  faults by code: ").append(new TreeMap<>(faults)).append('\n');
        }
        if (!transportErrors.isEmpty())
        {
            b.append("  transport errors: ").append(new TreeMap<>(transportErrors)).append('\n');
            new TreeMap<>(errorDetails).forEach((kind, detail) ->
                b.append("    first ").append(kind).append(": ").append(detail).append('\n'));
        }
        b.append(String.format(Locale.ROOT, "  throughput %.0f req/s (ok %.0f/s) over %.3f s%n", throughput(),
            okPerSecond(), windowSeconds));
        b.append(String.format(Locale.ROOT,
            "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (mean %.3f)%n", latency.p50(),
            latency.p90(), latency.p99(), latency.p999(), latency.max(), latency.mean()));
        if (abandonedWorkers > 0)
        {
            b.append("  ").append(abandonedWorkers).append(" connection(s) never came back and were abandoned\n");
        }
        if (null != openLoop)
        {
            b.append(String.format(Locale.ROOT, "  open loop: %d scheduled, %d sent, %d not sent (no free"
                    + " connection); sent late by ms: p50 %.3f  p99 %.3f  max %.3f%n", outcomes.scheduled(),
                outcomes.sent(), outcomes.notSent(), scheduleLag.p50(), scheduleLag.p99(), scheduleLag.max()));
        }
        b.append(String.format(Locale.ROOT, "  correctness: sent %d = answered %d + timed out %d + transport"
                + " errors %d%s; duplicate series %d%n", outcomes.sent(), outcomes.answered(), outcomes.timedOut(),
            outcomes.transportErrors(), outcomes.unaccounted() == 0 ? "" : " + unaccounted " + outcomes.unaccounted(),
            outcomes.duplicateSeries()));
        final SinkCount sink = outcomes.sink();
        if (sink.available())
        {
            b.append(String.format(Locale.ROOT, "  sink: %d PUBLISHes received, %d acknowledged%s (%s)%n",
                sink.received(), sink.acknowledged(), sink.fresh() ? "" : ", figures older than the last answer",
                sink.source()));
        }
        else
        {
            b.append("  sink: not available (").append(sink.source()).append(")\n");
        }
        if (null != sip)
        {
            sip.text(b);
        }
        return b.toString();
    }

    /** The summary for machines: one line of JSON. */
    public String json()
    {
        final StringBuilder b = new StringBuilder(512);
        b.append("{\"target\":");
        string(b, target);
        b.append(",\"method\":");
        string(b, method);
        b.append(",\"concurrency\":").append(concurrency)
            .append(",\"requests\":").append(requests)
            .append(",\"ok\":").append(ok)
            .append(",\"without_etag\":").append(withoutEtag)
            .append(",\"faults\":{");
        boolean first = true;
        for (final Map.Entry<Integer, Long> e : new TreeMap<>(faults).entrySet())
        {
            b.append(first ? "" : ",");
            string(b, Integer.toString(e.getKey()));
            b.append(':').append(e.getValue());
            first = false;
        }
        b.append("},\"transport_errors\":{");
        first = true;
        for (final Map.Entry<String, Long> e : new TreeMap<>(transportErrors).entrySet())
        {
            b.append(first ? "" : ",");
            string(b, e.getKey());
            b.append(':').append(e.getValue());
            first = false;
        }
        b.append("},\"warmup_requests\":").append(warmupRequests)
            .append(String.format(Locale.ROOT, ",\"window_s\":%.3f,\"throughput_rps\":%.1f,\"ok_rps\":%.1f",
                windowSeconds, throughput(), okPerSecond()))
            .append(String.format(Locale.ROOT, ",\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,"
                    + "\"p99_9\":%.3f,\"max\":%.3f,\"mean\":%.3f}", latency.p50(), latency.p90(), latency.p99(),
                latency.p999(), latency.max(), latency.mean()))
            .append(",\"abandoned_workers\":").append(abandonedWorkers);
        b.append(",\"mode\":\"").append(null == openLoop ? "closed" : "open").append('"');
        if (null != openLoop)
        {
            b.append(",\"rate_rps\":").append(BenchOptions.number(openLoop.rate()))
                .append(",\"ramp_from_rps\":").append(BenchOptions.number(openLoop.rampFrom()))
                .append(String.format(Locale.ROOT, ",\"ramp_s\":%.3f", openLoop.rampMillis() / 1000.0))
                .append(",\"max_in_flight\":").append(openLoop.maxInFlight())
                .append(String.format(Locale.ROOT, ",\"schedule_lag_ms\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}",
                    scheduleLag.p50(), scheduleLag.p99(), scheduleLag.max()));
        }
        outcomesJson(b);
        seriesJson(b);
        if (null != sip)
        {
            sip.json(b);
        }
        b.append('}');
        return b.toString();
    }

    private void outcomesJson(final StringBuilder b)
    {
        final Outcomes o = outcomes;
        b.append(",\"outcomes\":{");
        if (o.scheduled() >= 0)
        {
            b.append("\"scheduled\":").append(o.scheduled()).append(',');
        }
        b.append("\"sent\":").append(o.sent())
            .append(",\"answered\":").append(o.answered())
            .append(",\"ok\":").append(o.ok())
            .append(",\"without_etag\":").append(o.withoutEtag())
            .append(",\"faults\":").append(o.faults())
            .append(",\"timed_out\":").append(o.timedOut())
            .append(",\"transport_errors\":").append(o.transportErrors())
            .append(",\"not_sent\":").append(o.notSent())
            .append(",\"unaccounted\":").append(o.unaccounted())
            .append(",\"duplicate_series\":").append(o.duplicateSeries())
            .append(",\"all_answered\":").append(o.allAnswered())
            .append(",\"all_sent\":").append(o.allSent())
            .append(",\"sink\":{\"available\":").append(o.sink().available());
        if (o.sink().available())
        {
            b.append(",\"received\":").append(o.sink().received())
                .append(",\"acknowledged\":").append(o.sink().acknowledged())
                .append(",\"fresh\":").append(o.sink().fresh())
                .append(",\"missing\":").append(o.sink().missing());
        }
        b.append(",\"source\":");
        string(b, o.sink().source());
        b.append("}}");
    }

    private void seriesJson(final StringBuilder b)
    {
        b.append(",\"series\":{\"t_s\":[");
        column(b, p -> String.format(Locale.ROOT, "%.3f", p.startSeconds()));
        b.append("],\"dt_s\":[");
        column(b, p -> String.format(Locale.ROOT, "%.3f", p.lengthSeconds()));
        b.append("],\"warmup\":[");
        column(b, p -> Boolean.toString(p.warmup()));
        b.append("],\"sent\":[");
        column(b, p -> Long.toString(p.sent()));
        b.append("],\"completed\":[");
        column(b, p -> Long.toString(p.completed()));
        b.append("],\"ok\":[");
        column(b, p -> Long.toString(p.ok()));
        b.append("],\"errors\":[");
        column(b, p -> Long.toString(p.errors()));
        b.append("],\"p50_ms\":[");
        column(b, p -> String.format(Locale.ROOT, "%.3f", p.p50Millis()));
        b.append("],\"p99_ms\":[");
        column(b, p -> String.format(Locale.ROOT, "%.3f", p.p99Millis()));
        b.append("],\"max_ms\":[");
        column(b, p -> String.format(Locale.ROOT, "%.3f", p.maxMillis()));
        b.append("],\"in_flight\":[");
        column(b, p -> Integer.toString(p.inFlight()));
        b.append(']');
        if (null != openLoop)
        {
            b.append(",\"target\":[");
            column(b, p -> Long.toString(p.target()));
            b.append(']');
        }
        b.append('}');
    }

    private void column(final StringBuilder b, final Function<SeriesPoint, String> value)
    {
        for (int i = 0; i < series.size(); i++)
        {
            b.append(i == 0 ? "" : ",").append(value.apply(series.get(i)));
        }
    }

    static void string(final StringBuilder b, final String s)
    {
        b.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                b.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
            else
            {
                b.append(c);
            }
        }
        b.append('"');
    }
}
