package org.puaagent.agent.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a run as one self-contained HTML page: no script, no external resource (styles inline, charts
 * as inline SVG). It holds a verdict, the summary (requests, outcomes, faults by code, throughput,
 * percentiles), charts of throughput, latency and requests in flight over time, the correctness checks, and the
 * options used. Stateless; any thread.
 */
public final class HtmlReport
{
    private static final String OK_MARK = "\u2714";
    private static final String BAD_MARK = "\u2718";
    private static final String NONE_MARK = "\u2013";
    private static final String BLUE = "#1f6fb2";
    private static final String RED = "#c62828";
    private static final String GREY = "#777";
    private static final String ORANGE = "#e07b00";
    private static final int CHART_HEIGHT = 300;
    private static final int SMALL_CHART_HEIGHT = 200;
    private static final double MILLIS_PER_SECOND = 1000.0;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private static final String STYLE = String.join("\n",
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#222;",
        "  max-width:1100px;margin:24px auto;padding:0 24px;line-height:1.4;background:#fff}",
        "h1{font-size:26px;margin:0 0 4px}",
        "h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}",
        ".sub{color:#555;margin:0 0 16px}",
        ".verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}",
        ".pass{background:#e8f5e9;border:1px solid #a5d6a7;color:#1b5e20}",
        ".fail{background:#ffebee;border:1px solid #ef9a9a;color:#b71c1c}",
        ".verdict ul{margin:6px 0 0;font-weight:400}",
        ".cols{display:flex;gap:32px;flex-wrap:wrap}",
        ".cols>div{flex:1;min-width:320px}",
        "table{border-collapse:collapse;width:100%;font-size:14px}",
        "th,td{text-align:left;padding:5px 10px;border-bottom:1px solid #eee;vertical-align:top}",
        "th{background:#f6f6f6;font-weight:600}",
        "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
        "td.ok{color:#2e7d32;font-weight:700}",
        "td.bad{color:#c62828;font-weight:700}",
        "td.na{color:#999}",
        ".chart{border:1px solid #e5e5e5;border-radius:6px;padding:6px;margin:6px 0 4px}",
        ".note{color:#666;font-size:13px;margin:4px 0 0}",
        "code{background:#f4f4f4;padding:1px 4px;border-radius:3px;font-size:13px;word-break:break-all}");

    private HtmlReport()
    {
    }

    /** The page for a run. */
    public static String render(final BenchSummary s, final BenchOptions options, final Instant when)
    {
        final StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>pua-agent bench: ").append(esc(s.method())).append(" \u2192 ").append(esc(s.target()))
            .append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        b.append("<h1>pua-agent bench report</h1>\n<p class=\"sub\">").append(esc(s.description()))
            .append("<br>").append(esc(WHEN.format(when))).append("</p>\n");
        verdict(b, s);
        summary(b, s);
        charts(b, s, options);
        correctness(b, s);
        if (null != s.sip())
        {
            s.sip().html(b, s.series(), options.warmupMillis() / MILLIS_PER_SECOND);
        }
        optionsTable(b, s, options);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void verdict(final StringBuilder b, final BenchSummary s)
    {
        final List<String> problems = problems(s);
        if (problems.isEmpty())
        {
            b.append("<div class=\"verdict pass\">PASS: all ").append(s.requests())
                .append(" measured requests were sent and answered successfully.</div>\n");
            return;
        }
        b.append("<div class=\"verdict fail\">FAIL: not every measured request was sent and answered successfully."
            + "\n<ul>");
        for (final String p : problems)
        {
            b.append("<li>").append(esc(p)).append("</li>");
        }
        b.append("</ul></div>\n");
    }

    private static List<String> problems(final BenchSummary s)
    {
        final Outcomes o = s.outcomes();
        final List<String> p = new ArrayList<>();
        if (s.requests() == 0)
        {
            p.add("no measured request");
        }
        if (s.faultCount() > 0)
        {
            p.add(s.faultCount() + " faults");
        }
        if (s.withoutEtag() > 0)
        {
            p.add(s.withoutEtag() + " replies without SIP-ETag");
        }
        if (o.timedOut() > 0)
        {
            p.add(o.timedOut() + " requests timed out");
        }
        if (o.transportErrors() > 0)
        {
            p.add(o.transportErrors() + " transport errors");
        }
        if (o.notSent() > 0 || !o.allSent())
        {
            p.add((o.scheduled() - o.sent()) + " scheduled requests not sent (every connection busy)");
        }
        if (o.unaccounted() != 0)
        {
            p.add(o.unaccounted() + " requests without an outcome");
        }
        if (s.abandonedWorkers() > 0)
        {
            p.add(s.abandonedWorkers() + " connections abandoned");
        }
        if (o.sink().missing() > 0)
        {
            p.add(o.sink().missing() + " acknowledged PUBLISHes never reached the sink");
        }
        if (null != s.sip())
        {
            p.addAll(s.sip().problems());
        }
        return p;
    }

    private static void summary(final StringBuilder b, final BenchSummary s)
    {
        final Outcomes o = s.outcomes();
        b.append("<h2>Summary</h2>\n<div class=\"cols\">\n<div>\n<table>\n<tr><th colspan=\"2\">Requests (measured"
            + " window)</th></tr>\n");
        row(b, "requests", count(s.requests()));
        row(b, "ok", count(s.ok()));
        row(b, "replies without SIP-ETag", count(s.withoutEtag()));
        if (s.faults().isEmpty())
        {
            row(b, "faults", "0");
        }
        for (final Map.Entry<Integer, Long> e : new TreeMap<>(s.faults()).entrySet())
        {
            row(b, "fault " + e.getKey(), count(e.getValue()));
        }
        if (s.transportErrors().isEmpty())
        {
            row(b, "transport errors", "0");
        }
        for (final Map.Entry<String, Long> e : new TreeMap<>(s.transportErrors()).entrySet())
        {
            row(b, "transport error: " + e.getKey(), count(e.getValue()));
        }
        row(b, "warm-up requests (not counted)", count(s.warmupRequests()));
        row(b, "window", String.format(Locale.ROOT, "%.3f s", s.windowSeconds()));
        row(b, "throughput (answered)", String.format(Locale.ROOT, "%s req/s", count(Math.round(s.throughput()))));
        row(b, "ok per second", String.format(Locale.ROOT, "%s req/s", count(Math.round(s.okPerSecond()))));
        if (null != s.openLoop())
        {
            row(b, "target rate", BenchOptions.number(s.openLoop().rate()) + " req/s");
            row(b, "scheduled / sent / not sent", count(o.scheduled()) + " / " + count(o.sent()) + " / "
                + count(o.notSent()));
        }
        b.append("</table>\n</div>\n<div>\n<table>\n<tr><th colspan=\"2\">Latency, ms (")
            .append(null == s.openLoop() ? "from the send" : "from the time each request was due")
            .append(")</th></tr>\n");
        final BenchSummary.Latency l = s.latency();
        row(b, "p50", ms(l.p50()));
        row(b, "p90", ms(l.p90()));
        row(b, "p99", ms(l.p99()));
        row(b, "p99.9", ms(l.p999()));
        row(b, "max", ms(l.max()));
        row(b, "mean", ms(l.mean()));
        row(b, "answers measured", count(l.count()));
        if (null != s.scheduleLag())
        {
            b.append("<tr><th colspan=\"2\">Sent late after the due time, ms</th></tr>\n");
            row(b, "p50", ms(s.scheduleLag().p50()));
            row(b, "p99", ms(s.scheduleLag().p99()));
            row(b, "max", ms(s.scheduleLag().max()));
        }
        b.append("</table>\n</div>\n</div>\n");
        if (!s.errorDetails().isEmpty())
        {
            b.append("<p class=\"note\">First error of each kind: ");
            boolean first = true;
            for (final Map.Entry<String, String> e : new TreeMap<>(s.errorDetails()).entrySet())
            {
                b.append(first ? "" : "; ").append("<b>").append(esc(e.getKey())).append("</b>: ")
                    .append(esc(e.getValue()));
                first = false;
            }
            b.append("</p>\n");
        }
    }

    private static void charts(final StringBuilder b, final BenchSummary s, final BenchOptions options)
    {
        final List<SeriesPoint> series = s.series();
        final int n = series.size();
        final double[] mid = new double[n];
        final double[] completed = new double[n];
        final double[] errors = new double[n];
        final double[] target = new double[n];
        final double[] p50 = new double[n];
        final double[] p99 = new double[n];
        final double[] inFlight = new double[n];
        double end = 0;
        for (int i = 0; i < n; i++)
        {
            final SeriesPoint p = series.get(i);
            mid[i] = p.startSeconds() + p.lengthSeconds() / 2;
            completed[i] = p.completedPerSecond();
            errors[i] = p.errorsPerSecond();
            target[i] = p.targetPerSecond();
            p50[i] = p.p50Millis();
            p99[i] = p.p99Millis();
            inFlight[i] = p.inFlight();
            end = Math.max(end, p.endSeconds());
        }
        final double warmup = options.warmupMillis() / MILLIS_PER_SECOND;
        b.append("<h2>Throughput over time</h2>\n<div class=\"chart\">");
        final SvgChart throughput = new SvgChart("answered requests per second", "requests/s", CHART_HEIGHT, end,
            warmup);
        if (null != s.openLoop())
        {
            throughput.line(new SvgChart.Line("target", GREY, true, mid, target));
        }
        throughput.line(new SvgChart.Line("answered", BLUE, false, mid, completed))
            .line(new SvgChart.Line("errors", RED, false, mid, errors));
        b.append(throughput.svg()).append("</div>\n<p class=\"note\">One point per second of the run (warm-up"
            + " shaded): answers (replies and faults) and errors (faults, replies without SIP-ETag, timeouts,"
            + " transport errors) received in that second.</p>\n");
        b.append("<h2>Latency over time</h2>\n<div class=\"chart\">");
        b.append(new SvgChart("latency p50 and p99 per second", "ms", CHART_HEIGHT, end, warmup)
            .line(new SvgChart.Line("p50", BLUE, false, mid, p50))
            .line(new SvgChart.Line("p99", ORANGE, false, mid, p99)).svg());
        b.append("</div>\n<p class=\"note\">Percentiles of the answers received in each second, ")
            .append(null == s.openLoop() ? "measured from the send." : "measured from the time each request was due"
                + " (no coordinated omission).").append("</p>\n");
        b.append("<h2>Requests in flight</h2>\n<div class=\"chart\">");
        b.append(new SvgChart("requests in flight at the end of each second", "in flight", SMALL_CHART_HEIGHT, end,
            warmup).line(new SvgChart.Line("in flight", GREY, false, mid, inFlight)).svg());
        b.append("</div>\n");
    }

    private static void correctness(final StringBuilder b, final BenchSummary s)
    {
        final Outcomes o = s.outcomes();
        b.append("<h2>Correctness</h2>\n<table>\n<tr><th>check</th><th>figures</th><th></th></tr>\n");
        check(b, "every request has an outcome", String.format(Locale.ROOT,
            "sent %s = answered %s + timed out %s + transport errors %s%s", count(o.sent()), count(o.answered()),
            count(o.timedOut()), count(o.transportErrors()), o.unaccounted() == 0 ? ""
                : " + without outcome " + count(o.unaccounted())), o.unaccounted() == 0 ? 1 : 0);
        check(b, "every request answered", String.format(Locale.ROOT, "%s of %s sent requests answered",
            count(o.answered()), count(o.sent())), o.allAnswered() ? 1 : 0);
        check(b, "counts by outcome", String.format(Locale.ROOT, "ok %s, without SIP-ETag %s, faults %s, timed out"
                + " %s, transport errors %s", count(o.ok()), count(o.withoutEtag()), count(o.faults()),
            count(o.timedOut()), count(o.transportErrors())), o.ok() == o.sent() && o.sent() > 0 ? 1 : 0);
        if (o.scheduled() >= 0)
        {
            check(b, "every scheduled request sent", String.format(Locale.ROOT, "scheduled %s, sent %s, not sent %s",
                count(o.scheduled()), count(o.sent()), count(o.notSent())), o.allSent() ? 1 : 0);
        }
        check(b, "no duplicate series", String.format(Locale.ROOT, "%s requests sent while another one on the same"
            + " presentity was in flight", count(o.duplicateSeries())), o.duplicateSeries() == 0 ? 1 : 0);
        final SinkCount sink = o.sink();
        if (sink.available())
        {
            check(b, "PUBLISHes that reached the sink vs acknowledged", String.format(Locale.ROOT,
                "received %s, acknowledged %s (warm-up included)%s; %s", count(sink.received()),
                count(sink.acknowledged()), sink.fresh() ? "" : ", sink figures not fresh", sink.source()),
                !sink.fresh() ? -1 : sink.missing() == 0 ? 1 : 0);
        }
        else
        {
            check(b, "PUBLISHes that reached the sink vs acknowledged", "not available: " + sink.source(), -1);
        }
        b.append("</table>\n");
    }

    private static void optionsTable(final StringBuilder b, final BenchSummary s, final BenchOptions o)
    {
        b.append("<h2>Options</h2>\n<table>\n");
        text(b, "target", o.target().text());
        text(b, "method", o.method());
        if (o.isOpenLoop())
        {
            text(b, "load", "open loop at " + BenchOptions.number(o.openLoop().rate()) + " req/s");
            text(b, "ramp", o.openLoop().rampMillis() > 0 ? String.format(Locale.ROOT, "from %s req/s over %.1f s",
                BenchOptions.number(o.openLoop().rampFrom()), o.openLoop().rampMillis() / MILLIS_PER_SECOND) : "none");
            text(b, "max in flight", Integer.toString(o.openLoop().maxInFlight()));
        }
        else
        {
            text(b, "load", "closed loop, " + o.concurrency() + " connections with one request in flight each");
        }
        text(b, "warm-up", String.format(Locale.ROOT, "%.1f s", o.warmupMillis() / MILLIS_PER_SECOND));
        text(b, "duration", String.format(Locale.ROOT, "%.1f s", o.durationMillis() / MILLIS_PER_SECOND));
        text(b, "request bound", o.maxRequests() == Long.MAX_VALUE ? "none" : count(o.maxRequests()));
        text(b, "presentities", count(o.presentities()));
        text(b, "body", "about " + o.bodyBytes() + " bytes of PIDF");
        text(b, "expires", Integer.toString(o.expires()));
        text(b, "request timeout", o.requestTimeoutMillis() + " ms");
        text(b, "sink statistics", null == o.sinkStats() ? "none" : o.sinkStats().toString());
        b.append("</table>\n<p class=\"note\">Command: <code>java -jar pua-agent.jar bench");
        for (final String arg : o.arguments())
        {
            b.append(' ').append(esc(shellWord(arg)));
        }
        b.append("</code></p>\n");
    }

    private static void row(final StringBuilder b, final String name, final String value)
    {
        b.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(esc(value))
            .append("</td></tr>\n");
    }

    /** A row whose value is words, left-aligned. */
    private static void text(final StringBuilder b, final String name, final String value)
    {
        b.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** A check row: status 1 passed, 0 failed, -1 not applicable. */
    private static void check(final StringBuilder b, final String name, final String figures, final int status)
    {
        final String cls = status > 0 ? "ok" : status == 0 ? "bad" : "na";
        final String mark = status > 0 ? OK_MARK : status == 0 ? BAD_MARK : NONE_MARK;
        b.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(figures)).append("</td><td class=\"")
            .append(cls).append("\">").append(mark).append("</td></tr>\n");
    }

    private static String count(final long n)
    {
        return Long.toString(n);
    }

    private static String ms(final double value)
    {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String shellWord(final String arg)
    {
        return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String esc(final String text)
    {
        return HtmlText.escape(text);
    }
}
