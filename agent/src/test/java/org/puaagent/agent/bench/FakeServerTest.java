package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against small scripted servers on 127.0.0.1: answers split across writes and
 * {@code Connection: close}, faults, wrong ids, and a server that never answers (the run must still end).
 */
class FakeServerTest
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

    /** Answers each request with the bytes {@code answer} gives for its id, written one byte per flush. */
    private int httpServer(final IntFunction<String> answer, final boolean closeAfterEach) throws IOException
    {
        final ScriptedHttpServer server = new ScriptedHttpServer(answer, closeAfterEach);
        open.add(server);
        return server.port();
    }

    private static String http(final String status, final String extraHeaders, final String body)
    {
        return ScriptedHttpServer.http(status, extraHeaders, body);
    }

    private static BenchSummary run(final String target, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("--target", target, "--concurrency", "2",
            "--duration", "30", "--presentities", "5"));
        args.addAll(List.of(more));
        final BenchOptions.Parsed parsed = BenchOptions.parse(args.toArray(String[]::new));
        assertNull(parsed.error());
        return new BenchRun(parsed.options(), null).run();
    }

    @Test
    void splitAnswersAndConnectionCloseAreRead() throws IOException
    {
        final int port = httpServer(id -> http("200 OK", "Connection: close\r\n",
            "{\"jsonrpc\":\"2.0\",\"result\":{\"SIP-ETag\":\"a" + id + "\",\"Expires\":60},\"id\":" + id + "}"), true);
        final BenchSummary s = run("http://127.0.0.1:" + port + "/RPC", "--requests", "30");
        assertEquals(30, s.requests(), s.text());
        assertEquals(30, s.ok(), s.text());
        assertEquals(Map.of(), s.transportErrors(), s.text());
    }

    @Test
    void faultsAreCountedByCode() throws IOException
    {
        final int port = httpServer(id -> id % 2 == 0
            ? http("503 Service Unavailable", "", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":503,\"message\":"
                + "\"Service Unavailable\"},\"id\":" + id + "}")
            : http("200 OK", "", "{\"jsonrpc\":\"2.0\",\"result\":{\"SIP-ETag\":\"e\",\"Expires\":60},\"id\":"
                + id + "}"), false);
        // one connection: ids 1..40 in turn (with two, one connection may take 21 of the 40 requests)
        final BenchSummary s = run("http://127.0.0.1:" + port + "/RPC", "--requests", "40", "--concurrency", "1");
        assertEquals(40, s.requests(), s.text());
        assertEquals(20, s.ok(), s.text());
        assertEquals(Map.of(503, 20L), s.faults(), s.text());
        assertTrue(s.json().contains("\"faults\":{\"503\":20}"), s.json());
        assertFalse(s.allOk());
    }

    @Test
    void aWrongIdOrANonJsonAnswerIsATransportError() throws IOException
    {
        final int wrongId = httpServer(id -> http("200 OK", "", "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":"
            + (id + 1) + "}"), false);
        final BenchSummary s = run("http://127.0.0.1:" + wrongId + "/RPC", "--requests", "6");
        assertEquals(6, s.requests(), s.text());
        assertEquals(Map.of("protocol", 6L), s.transportErrors(), s.text());

        final int notFound = httpServer(id -> "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 10\r\n\r\nwrong path", false);
        final BenchSummary t = run("http://127.0.0.1:" + notFound + "/RPC", "--requests", "6");
        assertEquals(Map.of("http-404", 6L), t.transportErrors(), t.text());
    }

    @Test
    void aServerThatNeverAnswersStillLetsTheRunEnd() throws IOException
    {
        final ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        open.add(silent);
        final BenchSummary s = run("binrpc-tcp:127.0.0.1:" + silent.getLocalPort(), "--duration", "0.3",
            "--request-timeout-ms", "200");
        assertTrue(s.requests() >= 2, s.text());
        assertEquals(s.requests(), s.transportErrors().get("timeout"), s.text());
        assertEquals(0, s.ok(), s.text());
        assertEquals(0, s.abandonedWorkers(), s.text());
    }

    @Test
    void aRefusedConnectionIsCountedNotThrown() throws IOException
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            port = probe.getLocalPort();
        }
        final BenchSummary s = run("binrpc-tcp:127.0.0.1:" + port, "--duration", "0.2");
        assertTrue(s.requests() >= 2, s.text());
        assertEquals(Map.of("connect", s.requests()), s.transportErrors(), s.text());
    }
}
