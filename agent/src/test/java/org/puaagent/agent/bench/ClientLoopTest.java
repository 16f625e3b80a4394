package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-loop engine ({@link ClientLoop}) against small scripted servers on 127.0.0.1 and unix sockets:
 * answers written a byte at a time, requests larger than the socket buffers (partial writes), a server that
 * closes in the middle of an answer or never answers, {@code Connection: close}, several loops, and the open
 * loop's rate. Counts only; no timed assertion.
 */
class ClientLoopTest
{

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception
    {
        for (final AutoCloseable c : open)
        {
            c.close();
        }
    }

    private ScriptedBinRpcServer binrpc(final Path socket, final ScriptedBinRpcServer.Script script,
        final int pieceBytes, final int receiveBuffer, final long firstReadDelayMillis) throws IOException
    {
        final ScriptedBinRpcServer server = new ScriptedBinRpcServer(socket, script, pieceBytes, receiveBuffer,
            firstReadDelayMillis);
        open.add(server);
        return server;
    }

    private static BenchSummary run(final String target, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("--target", target, "--duration", "30",
            "--presentities", "50"));
        args.addAll(List.of(more));
        final BenchOptions.Parsed parsed = BenchOptions.parse(args.toArray(String[]::new));
        assertNull(parsed.error());
        return new BenchRun(parsed.options(), null).run();
    }

    @Test
    void binRpcAnswersWrittenAByteAtATimeAreRead() throws IOException
    {
        final ScriptedBinRpcServer server = binrpc(null, (c, r) -> ScriptedBinRpcServer.Action.ANSWER, 1, 0, 0);
        final BenchSummary s = run(server.target(), "--concurrency", "3", "--requests", "60");
        assertEquals(60, s.requests(), s.text());
        assertEquals(60, s.ok(), s.text());
        assertEquals(Map.of(), s.transportErrors(), s.text());
        assertEquals(3, server.connections(), s.text());
    }

    @Test
    void requestsLargerThanTheSocketBuffersAreWrittenInPieces() throws Exception
    {
        // ~60 KB requests through 4 KB send buffers to a server with a 4 KB receive buffer that waits before
        // reading: a write takes only part of a request, the rest goes out when the socket is writable again
        final ScriptedBinRpcServer server = binrpc(null, (c, r) -> ScriptedBinRpcServer.Action.ANSWER, 4096,
            4096, 200);
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", server.target(),
            "--concurrency", "2", "--body-bytes", "60000", "--presentities", "10"});
        assertNull(parsed.error());
        final BenchOptions options = parsed.options();
        final BenchTally warmup = new BenchTally(true);
        final BenchTally measured = new BenchTally(true);
        final BenchSchedule pace = new BenchSchedule(System.nanoTime(), 0, TimeUnit.SECONDS.toNanos(30), 20);
        final ClientLoops loops = new ClientLoops(options, pace, new PublishWorkload(10, 60_000, 3600),
            new PresentityLeases(10, 2), warmup, measured, 4096);
        loops.start();
        try
        {
            assertTrue(loops.awaitDone(TimeUnit.SECONDS.toNanos(20)), "the run did not end");
        }
        finally
        {
            pace.stop();
            loops.close();
        }
        assertEquals(20, measured.sent());
        assertEquals(20, measured.ok(), measured.broken().toString());
        assertEquals(20, server.requests());
        assertEquals(0, loops.unfinished());
    }

    @Test
    void aServerClosingInTheMiddleOfAnAnswerIsAClosedErrorAndTheConnectionIsOpenedAgain() throws IOException
    {
        // every connection: the first request answered, the second half answered and the connection closed
        final ScriptedBinRpcServer server = binrpc(null, (c, r) -> r == 0 ? ScriptedBinRpcServer.Action.ANSWER
            : ScriptedBinRpcServer.Action.HALF_AND_CLOSE, 7, 0, 0);
        final BenchSummary s = run(server.target(), "--concurrency", "1", "--requests", "10");
        assertEquals(10, s.requests(), s.text());
        assertEquals(5, s.ok(), s.text());
        assertEquals(Map.of("closed", 5L), s.transportErrors(), s.text());
        assertEquals(5, server.connections(), s.text());
        assertEquals(0, s.abandonedWorkers(), s.text());
    }

    @Test
    void aUnixServerThatNeverAnswersTimesOutAndTheRunEndsByItself(@TempDir final Path dir) throws IOException
    {
        final ScriptedBinRpcServer server = binrpc(dir.resolve("ctl"),
            (c, r) -> ScriptedBinRpcServer.Action.SILENCE, 1, 0, 0);
        final BenchSummary s = run(server.target(), "--concurrency", "2", "--duration", "0.5",
            "--request-timeout-ms", "150");
        assertTrue(s.requests() >= 2, s.text());
        assertEquals(s.requests(), s.transportErrors().get("timeout"), s.text());
        assertEquals(0, s.ok(), s.text());
        assertEquals(0, s.abandonedWorkers(), s.text());
        assertEquals(s.requests(), s.outcomes().timedOut(), s.text());
        // every timed-out request broke its connection: the next one opened a new one
        assertTrue(server.connections() >= s.requests(), s.text());
    }

    @Test
    void unixAnswersAreReadByEveryLoop(@TempDir final Path dir) throws IOException
    {
        final ScriptedBinRpcServer server = binrpc(dir.resolve("ctl"),
            (c, r) -> ScriptedBinRpcServer.Action.ANSWER, 3, 0, 0);
        final BenchSummary s = run(server.target(), "--concurrency", "5", "--io-threads", "2", "--requests",
            "200");
        assertEquals(200, s.requests(), s.text());
        assertEquals(200, s.ok(), s.text());
        assertEquals(200, s.latency().count(), s.text());
        // every loop connected; the server's accept thread may count the last ones after the run has ended
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (server.connections() < 5 && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertEquals(5, server.connections(), s.text());
    }

    @Test
    void connectionCloseOpensANewConnectionForEachRequestAndKeepAliveDoesNot() throws IOException
    {
        final ScriptedHttpServer closing = httpServer(true);
        final BenchSummary c = run("http://127.0.0.1:" + closing.port() + "/RPC", "--concurrency", "2",
            "--requests", "30");
        assertEquals(30, c.ok(), c.text());
        assertEquals(Map.of(), c.transportErrors(), c.text());
        assertEquals(30, closing.accepted(), c.text());

        final ScriptedHttpServer kept = httpServer(false);
        final BenchSummary k = run("http://127.0.0.1:" + kept.port() + "/RPC", "--concurrency", "2",
            "--requests", "30");
        assertEquals(30, k.ok(), k.text());
        assertEquals(2, kept.accepted(), k.text());
    }

    @Test
    void theOpenLoopSendsTheScheduleThroughTwoLoops() throws IOException
    {
        final ScriptedBinRpcServer server = binrpc(null, (c, r) -> ScriptedBinRpcServer.Action.ANSWER, 4096, 0, 0);
        final BenchSummary s = run(server.target(), "--rate", "400", "--warmup", "0.5", "--duration", "1",
            "--max-in-flight", "16", "--io-threads", "2");
        final Outcomes o = s.outcomes();
        assertEquals(400, o.scheduled(), s.text());
        assertEquals(200, s.warmupRequests(), s.text());
        assertTrue(o.sent() >= 280 && o.sent() <= 400, s.text());
        assertEquals(o.scheduled(), o.sent() + o.notSent(), s.text());
        assertEquals(o.sent(), o.answered() + o.timedOut() + o.transportErrors(), s.text());
        assertEquals(0, o.duplicateSeries(), s.text());
        assertEquals(s.answered(), s.latency().count(), s.text());
    }

    /**
     * An HTTP JSON-RPC server answering every request with a SIP-ETag, a byte per write, with or without
     * {@code Connection: close}.
     */
    private ScriptedHttpServer httpServer(final boolean closeEach) throws IOException
    {
        final ScriptedHttpServer server = new ScriptedHttpServer(id -> ScriptedHttpServer.http("200 OK",
            closeEach ? "Connection: close\r\n" : "",
            "{\"jsonrpc\":\"2.0\",\"result\":{\"SIP-ETag\":\"e\",\"Expires\":60},\"id\":" + id + "}"), closeEach);
        open.add(server);
        return server;
    }
}
