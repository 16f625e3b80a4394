package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open-loop runs against an in-process agent with its embedded presence server, and the reports they give. The
 * rate checks are of the scheduler (how many requests it asks for and sends), with a generous band for what a
 * shared machine completes; no timed assertion of the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenLoopRunTest
{
    private InProcessAgent agent;
    private BenchSummary steady;
    private BenchOptions steadyOptions;

    @BeforeAll
    void start() throws IOException
    {
        agent = new InProcessAgent();
        // 500/s for 2 s after a warm-up (the JIT's first requests): 1000 requests scheduled. Enough connections
        // that a slow moment of a shared machine does not hold the scheduler back.
        steadyOptions = options("--target", agent.binrpcTarget(), "--rate", "500", "--warmup", "1",
            "--duration", "2", "--presentities", "1000", "--max-in-flight", "128");
        steady = new BenchRun(steadyOptions, null).run();
    }

    @AfterAll
    void stop() throws IOException
    {
        if (null != agent)
        {
            agent.close();
        }
    }

    private static BenchOptions options(final String... args)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(args);
        assertNull(parsed.error());
        return parsed.options();
    }

    @Test
    void fiveHundredPerSecondForTwoSecondsSendsAThousand()
    {
        final BenchSummary s = steady;
        final Outcomes o = s.outcomes();
        assertEquals(1000, o.scheduled(), s.text());
        assertTrue(o.sent() >= 700 && o.sent() <= 1300, s.text());
        assertTrue(s.answered() >= 700 && s.answered() <= 1300, s.text());
        assertEquals(o.sent(), o.answered() + o.timedOut() + o.transportErrors(), s.text());
        assertEquals(o.scheduled(), o.sent() + o.notSent(), s.text());
        assertEquals(0, o.unaccounted(), s.text());
        assertEquals(0, o.duplicateSeries(), s.text());
        assertEquals(500, s.warmupRequests(), s.text());
        assertEquals(s.answered(), s.latency().count(), s.text());
    }

    @Test
    void theSeriesAddsUpToTheRun()
    {
        final BenchSummary s = steady;
        final List<SeriesPoint> series = s.series();
        assertTrue(series.size() >= 2 && series.size() <= 5, series.toString());
        long sent = 0;
        long target = 0;
        long completed = 0;
        double t = 0;
        for (final SeriesPoint p : series)
        {
            assertEquals(t, p.startSeconds(), 1e-6, series.toString());
            t = p.endSeconds();
            sent += p.sent();
            target += p.target();
            completed += p.completed();
        }
        assertEquals(s.outcomes().sent() + s.warmupRequests(), sent, series.toString());
        assertEquals(s.answered() + s.warmupRequests(), completed, series.toString());
        // the schedule's target covers the 1500 requests of the run (warm-up included), none after the window
        assertEquals(1500, target, series.toString());
        assertTrue(series.get(0).warmup(), series.toString());
        assertFalse(series.get(series.size() - 1).warmup(), series.toString());
    }

    @Test
    void aRampSchedulesTheIntegralOfItsRate()
    {
        // ramp 100 -> 500/s over 1 s (300 requests) then 500/s for 0.5 s (250)
        final BenchSummary s = new BenchRun(options("--target", agent.httpTarget(), "--rate", "500",
            "--ramp-from", "100", "--ramp-seconds", "1", "--duration", "1.5", "--presentities", "200"), null).run();
        final Outcomes o = s.outcomes();
        assertEquals(550, o.scheduled(), s.text());
        assertEquals(o.scheduled(), o.sent() + o.notSent(), s.text());
        assertEquals(o.sent(), o.answered() + o.timedOut() + o.transportErrors(), s.text());
        assertTrue(s.answered() >= 385 && s.answered() <= 715, s.text());
    }

    @Test
    void theRequestBoundEndsTheRunEarly()
    {
        final BenchSummary s = new BenchRun(options("--target", agent.binrpcTarget(), "--rate", "400",
            "--duration", "60", "--requests", "120", "--presentities", "200"), null).run();
        assertEquals(120, s.outcomes().scheduled(), s.text());
        assertEquals(120, s.outcomes().sent(), s.text());
        assertEquals(120, s.requests(), s.text());
        assertTrue(s.windowSeconds() < 30, s.text());
    }

    @Test
    void theJsonLineKeepsTheFirstFieldsAndAddsModeOutcomesAndSeries()
    {
        final String line = steady.json();
        assertTrue(line.startsWith("{\"target\":\"" + agent.binrpcTarget() + "\",\"method\":\"pua.publish\","
            + "\"concurrency\":128,\"requests\":" + steady.requests() + ",\"ok\":" + steady.ok() + ","), line);
        final JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        for (final String field : List.of("without_etag", "faults", "transport_errors", "warmup_requests",
            "window_s", "throughput_rps", "ok_rps", "latency_ms", "abandoned_workers"))
        {
            assertTrue(json.has(field), field + " missing: " + line);
        }
        assertEquals("open", json.get("mode").getAsString());
        assertEquals(500, json.get("rate_rps").getAsDouble());
        assertEquals(128, json.get("max_in_flight").getAsInt());
        assertTrue(json.getAsJsonObject("schedule_lag_ms").has("p99"), line);
        final JsonObject outcomes = json.getAsJsonObject("outcomes");
        assertEquals(1000, outcomes.get("scheduled").getAsLong());
        assertEquals(steady.outcomes().sent(), outcomes.get("sent").getAsLong());
        assertEquals(steady.answered(), outcomes.get("answered").getAsLong());
        assertEquals(steady.outcomes().notSent(), outcomes.get("not_sent").getAsLong());
        assertEquals(0, outcomes.get("duplicate_series").getAsLong());
        assertFalse(outcomes.getAsJsonObject("sink").get("available").getAsBoolean());
        final JsonObject series = json.getAsJsonObject("series");
        final int n = steady.series().size();
        for (final String column : List.of("t_s", "dt_s", "warmup", "sent", "completed", "ok", "errors", "p50_ms",
            "p99_ms", "max_ms", "in_flight", "target"))
        {
            final JsonArray values = series.getAsJsonArray(column);
            assertEquals(n, values.size(), column + ": " + line);
        }
        assertEquals(steady.series().get(0).completed(), series.getAsJsonArray("completed").get(0).getAsLong());
    }

    @Test
    void theClosedLoopJsonSaysClosedWithoutOpenLoopFields()
    {
        final BenchSummary s = new BenchRun(options("--target", agent.binrpcTarget(), "--concurrency", "2",
            "--requests", "40", "--duration", "60", "--presentities", "200"), null).run();
        final JsonObject json = JsonParser.parseString(s.json()).getAsJsonObject();
        assertEquals("closed", json.get("mode").getAsString());
        assertFalse(json.has("rate_rps"), s.json());
        assertFalse(json.getAsJsonObject("outcomes").has("scheduled"), s.json());
        assertEquals(40, json.getAsJsonObject("outcomes").get("sent").getAsLong(), s.json());
        assertFalse(json.getAsJsonObject("series").has("target"), s.json());
    }

    @Test
    void theHtmlReportHoldsTheChartsTheNumbersAndNothingExternal()
    {
        final String html = HtmlReport.render(steady, steadyOptions, Instant.parse("2026-01-02T03:04:05Z"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("2026-01-02 03:04:05 UTC"), html);
        assertEquals(3, html.split("<svg ", -1).length - 1, "three charts");
        assertTrue(html.contains(">Throughput over time</h2>") && html.contains(">Latency over time</h2>"), html);
        assertTrue(html.contains("<polyline "), html);
        assertTrue(html.contains(">target</text>") && html.contains(">p99</text>"), html);
        final BenchSummary s = steady;
        assertTrue(html.contains("<td>requests</td><td class=\"n\">" + s.requests() + "</td>"), html);
        assertTrue(html.contains("<td>ok</td><td class=\"n\">" + s.ok() + "</td>"), html);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>p99</td><td class=\"n\">%.3f</td>",
            s.latency().p99())), html);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>throughput (answered)</td><td class=\"n\">"
            + "%d req/s</td>", Math.round(s.throughput()))), html);
        assertTrue(html.contains("sent " + s.outcomes().sent() + " = answered " + s.outcomes().answered()), html);
        assertTrue(html.contains("not available: no --sink-stats given"), html);
        assertTrue(html.contains("--rate 500 --warmup 1 --duration 2"), html);
        for (final String external : List.of("<script", "<link", "src=", "href=", "url(", "@import"))
        {
            assertFalse(html.contains(external), external + " in the page");
        }
    }

    @Test
    void faultsByCodeAndAFailedVerdictShowInTheHtml()
    {
        final BenchSummary s = new BenchSummary("d", "binrpc-tcp:127.0.0.1:1", "pua.publish", 2, 10, 7, 0,
            Map.of(503, 2L, 408, 1L), Map.of(), Map.of(), 1.0, 0,
            new BenchSummary.Latency(1, 2, 3, 4, 5, 1.5, 10), 0, null, null,
            new Outcomes(-1, 10, 10, 7, 0, 3, 0, 0, 0, 0, SinkCount.notAvailable("none")),
            List.of(new SeriesPoint(0, 1, false, 10, 10, 7, 3, 1, 3, 5, 0, -1)));
        final String html = HtmlReport.render(s, options("--target", "binrpc-tcp:127.0.0.1:1"), Instant.EPOCH);
        assertTrue(html.contains("<td>fault 408</td><td class=\"n\">1</td>"), html);
        assertTrue(html.contains("<td>fault 503</td><td class=\"n\">2</td>"), html);
        assertTrue(html.contains("class=\"verdict fail\""), html);
        assertTrue(html.contains("<li>3 faults</li>"), html);
        assertFalse(s.allOk());
    }

    @Test
    void theCommandWritesTheHtmlFile(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("report.html");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchCommand.run(new String[] {"--target", agent.binrpcTarget(), "--rate", "200",
            "--requests", "50", "--duration", "30", "--presentities", "200", "--html", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(BenchCommand.EXIT_ALL_OK, status, err.toString(StandardCharsets.UTF_8));
        final String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.contains("class=\"verdict pass\""), html);
        assertTrue(html.contains("PASS: all 50 measured requests"), html);
        final List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(1, lines.size(), lines.toString());
    }

    @Test
    void aServerThatNeverAnswersEndsTheOpenLoopWithTimeoutsAndUnsentRequests() throws IOException
    {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
            java.net.InetAddress.getByName("127.0.0.1")))
        {
            final BenchSummary s = new BenchRun(options("--target", "binrpc-tcp:127.0.0.1:" + silent.getLocalPort(),
                "--rate", "50", "--max-in-flight", "2", "--duration", "1", "--request-timeout-ms", "300"), null).run();
            final Outcomes o = s.outcomes();
            assertEquals(50, o.scheduled(), s.text());
            assertTrue(o.sent() >= 2, s.text());
            assertEquals(o.sent(), o.timedOut(), s.text());
            assertEquals(o.scheduled(), o.sent() + o.notSent(), s.text());
            assertTrue(o.notSent() > 0, s.text());
            assertFalse(o.allAnswered());
            assertFalse(s.allOk());
        }
    }
}
