package org.puaagent.agent.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * The HTTP listener over raw sockets on 127.0.0.1: what users see of the HTTP/1.1 framing (pipelined requests
 * answered in order, keep-alive as the request asks, 100-continue, 404/405 that keep the connection, 400 for what
 * Undertow cannot parse), the answer slot (one answer, a second is counted), the browser rules (Origin and Host),
 * and the limits (connection cap, idle, body and write deadlines, body size and budget). The handler holds each
 * request; the test answers it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServerTest
{
    private static final int TIMEOUT_MS = 10_000;

    private final AgentCounters counters = new AgentCounters();
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private HttpServer server;

    private record Held(byte[] body, HttpReply reply)
    {
    }

    private void start(final HttpLimits limits, final List<String> origins, final List<String> hosts)
        throws IOException
    {
        server = new HttpServer("127.0.0.1", 0, new HttpOptions(limits, origins, hosts, HttpOptions.DEFAULT_MAX_EVENT_STREAMS),
            (body, reply) -> held.add(new Held(body, reply)), counters);
        server.route("/events", (exchange, connection) -> HttpAnswers.plain(exchange, connection, 200, "OK",
            "routed " + exchange.getRequestMethod() + " " + exchange.getQueryString(), false));
        server.start();
    }

    private void start() throws IOException
    {
        start(HttpLimits.defaults(), List.of(), List.of());
    }

    private static HttpLimits limits(final int maxBody, final long budget, final int connections, final long idleMs,
        final long requestMs)
    {
        return new HttpLimits(HttpLimits.DEFAULT_MAX_HEAD_BYTES, maxBody, budget, connections, idleMs, requestMs, 2);
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, post("a") + post("b") + post("c"));
            for (final String expected : new String[] {"a", "b", "c"})
            {
                assertEquals(expected, echoNext(s));
            }
        }
    }

    @Test
    void http10WithoutKeepAliveAndConnectionCloseEndTheConnection() throws Exception
    {
        start();
        for (final String request : new String[] {
            "POST /RPC HTTP/1.0\r\nContent-Length: 1\r\n\r\nx",
            "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"})
        {
            try (Socket s = connect())
            {
                write(s, request);
                final Held h = awaitHeld();
                h.reply().send(200, "OK", "application/json", "{}".getBytes(StandardCharsets.US_ASCII));
                final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
                assertEquals(200, r.status());
                assertEquals(-1, s.getInputStream().read(), "closed after the answer: " + request);
            }
        }
    }

    @Test
    void http10WithKeepAliveStaysOpen() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            for (int i = 0; i < 2; i++)
            {
                write(s, "POST /RPC HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n" + i);
                assertEquals(Integer.toString(i), echoNext(s));
            }
        }
    }

    @Test
    void expectContinueGetsContinueBeforeTheBodyIsSent() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            final RawHttpResponse interim = RawHttpResponse.read(s.getInputStream());
            assertEquals(100, interim.status());
            write(s, "hello");
            assertEquals("hello", echoNext(s));
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitGets413WithoutContinue() throws Exception
    {
        start(limits(1000, HttpLimits.DEFAULT_BODY_BUDGET_BYTES, 16, 60_000, 10_000), List.of(), List.of());
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 1001\r\n\r\n");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(413, r.status());
            assertEquals(-1, s.getInputStream().read(), "closed after 413");
        }
        assertEquals(1, counters.get("errors.http_too_large"));
        assertTrue(held.isEmpty());
    }

    @Test
    void wrongMethodAndWrongPathAreAnsweredAndTheConnectionStaysOpen() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, "GET /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            final RawHttpResponse r405 = RawHttpResponse.read(s.getInputStream());
            assertEquals(405, r405.status());
            assertEquals("POST", r405.header("allow"));
            write(s, "POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
            final RawHttpResponse r404 = RawHttpResponse.read(s.getInputStream());
            assertEquals(404, r404.status());
            assertEquals("wrong path\n", r404.text());
            write(s, post("still open"));
            assertEquals("still open", echoNext(s));
        }
        assertEquals(1, counters.get("errors.http_wrong_method"));
        assertEquals(1, counters.get("errors.http_wrong_path"));
    }

    @Test
    void whatCannotBeParsedGets400AndTheConnectionCloses() throws Exception
    {
        start();
        for (final String request : new String[] {
            "GARBAGE\r\n\r\n",
            "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(HttpLimits.DEFAULT_MAX_HEAD_BYTES)
                + "\r\nContent-Length: 2\r\n\r\n{}"})
        {
            try (Socket s = connect())
            {
                write(s, request);
                assertEquals(400, RawHttpResponse.statusOrClosed(s.getInputStream()), request.substring(0, Math.min(20, request.length())));
                assertEquals(-1, readOrReset(s.getInputStream()));
            }
        }
        assertTrue(held.isEmpty());
    }

    @Test
    void aRouteGetsItsPathAndQuery() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, "GET /events?presentity=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("routed GET presentity=x\n", r.text());
        }
    }

    @Test
    void aSecondAnswerToOneRequestIsDroppedAndCounted() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, post("once"));
            final Held h = awaitHeld();
            h.reply().send(200, "OK", "text/plain", h.body());
            h.reply().send(500, "Again", "text/plain", h.body());
            assertEquals("once", RawHttpResponse.read(s.getInputStream()).text());
            write(s, post("next"));
            assertEquals("next", echoNext(s));
        }
        assertEquals(1, counters.get("errors.duplicate_reply"));
    }

    @Test
    void theReasonPhraseIsTheAnswersAndIsMadeSafe() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, post("x"));
            awaitHeld().reply().send(412, "Conditional\r\nX-Injected: 1", "application/json", new byte[0]);
            final String head = new String(s.getInputStream().readNBytes(60), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 412 Conditional  X-Injected: 1\r\n"), head);
        }
    }

    @Test
    void aRequestFromAForeignOriginIsRefusedAndScriptsWithoutOriginAreServed() throws Exception
    {
        start(HttpLimits.defaults(), List.of("http://console.example:8080"), List.of());
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(403, r.status());
            assertTrue(r.text().contains("http://evil.example"), r.text());
        }
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: null\r\nContent-Length: 2\r\n\r\n{}");
            assertEquals(403, RawHttpResponse.read(s.getInputStream()).status());
        }
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://console.example:8080\r\n"
                + "Content-Length: 2\r\n\r\n{}");
            awaitHeld().reply().send(200, "OK", "application/json", "{}".getBytes(StandardCharsets.US_ASCII));
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("http://console.example:8080", r.header("access-control-allow-origin"));
            write(s, post("no origin"));
            final Held plain = awaitHeld();
            plain.reply().send(200, "OK", "text/plain", plain.body());
            final RawHttpResponse scripted = RawHttpResponse.read(s.getInputStream());
            assertEquals("no origin", scripted.text());
            assertNull(scripted.header("access-control-allow-origin"));
        }
        assertEquals(2, counters.get("errors.http_foreign_origin"));
    }

    @Test
    void anAllowedOriginsPreflightGetsTheCorsAnswer() throws Exception
    {
        start(HttpLimits.defaults(), List.of("http://console.example:8080"), List.of());
        try (Socket s = connect())
        {
            write(s, "OPTIONS /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://console.example:8080\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(204, r.status());
            assertEquals("http://console.example:8080", r.header("access-control-allow-origin"));
            assertTrue(r.header("access-control-allow-methods").contains("POST"));
        }
        assertTrue(held.isEmpty());
    }

    @Test
    void aHostThatIsNotTheListenerIsRefused() throws Exception
    {
        start(HttpLimits.defaults(), List.of(), List.of("rpc.example.net"));
        final int port = server.localPort();
        for (final String host : new String[] {"evil.example", "evil.example:" + port, "127.0.0.1:" + (port + 1),
            "127.0.0.2", "localhost:1"})
        {
            try (Socket s = connect())
            {
                write(s, "POST /RPC HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 2\r\n\r\n{}");
                assertEquals(403, RawHttpResponse.read(s.getInputStream()).status(), host);
            }
        }
        for (final String host : new String[] {"127.0.0.1", "127.0.0.1:" + port, "localhost:" + port, "LOCALHOST",
            "rpc.example.net", "rpc.example.net:" + port})
        {
            try (Socket s = connect())
            {
                write(s, "POST /RPC HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 2\r\n\r\n{}");
                final Held h = awaitHeld();
                h.reply().send(200, "OK", "text/plain", h.body());
                assertEquals(200, RawHttpResponse.read(s.getInputStream()).status(), host);
            }
        }
        assertEquals(5, counters.get("errors.http_foreign_host"));
    }

    @Test
    void atTheCapTheOldestIdleConnectionMakesRoomAndBusyOnesAreKept() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 3, 60_000, 10_000), List.of(), List.of());
        final List<Socket> kept = new ArrayList<>();
        try
        {
            // three idle (kept alive after an answer), on however many I/O threads
            for (int i = 0; i < 3; i++)
            {
                final Socket s = connect();
                kept.add(s);
                write(s, post("k" + i));
                assertEquals("k" + i, echoNext(s));
            }
            try (Socket next = connect())
            {
                write(next, post("newcomer"));
                assertEquals("newcomer", echoNext(next), "an idle one made room");
            }
            assertTrue(counters.get("http.evicted") >= 1);
            assertEquals(0, counters.get("errors.http_too_many_connections"));
        }
        finally
        {
            for (final Socket s : kept)
            {
                s.close();
            }
        }
    }

    @Test
    void atTheCapAnUnfinishedConnectionMakesRoomBeforeAnIdleOne() throws Exception
    {
        // one I/O thread, so that every connection is in the table the eviction looks at
        start(new HttpLimits(HttpLimits.DEFAULT_MAX_HEAD_BYTES, 1 << 16, 1 << 20, 3, 60_000, 10_000, 1), List.of(),
            List.of());
        try (Socket idle = connect())
        {
            // the idle one is the oldest of the three: it is still not the one chosen
            write(idle, post("kept"));
            assertEquals("kept", echoNext(idle));
            try (Socket stalled = connect())
            {
                write(stalled, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nxx");
                Thread.sleep(50);
                try (Socket silent = connect())
                {
                    awaitTrue(() -> server.openConnections() == 3, "three open");
                    try (Socket newcomer = connect())
                    {
                        write(newcomer, post("in"));
                        assertEquals("in", echoNext(newcomer));
                    }
                    assertEquals(-1, readOrReset(stalled.getInputStream()), "the oldest unfinished one made room");
                    write(idle, post("still kept"));
                    assertEquals("still kept", echoNext(idle), "the idle client kept its connection");
                    write(silent, post("silent too"));
                    assertEquals("silent too", echoNext(silent), "the younger unfinished one was kept");
                }
            }
        }
        assertEquals(1, counters.get("http.evicted"));
    }

    @Test
    void atTheCapWithEveryConnectionBusyANewOneIsClosedAtOnce() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 3, 60_000, 10_000), List.of(), List.of());
        final List<Socket> kept = new ArrayList<>();
        final List<Held> waiting = new ArrayList<>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                final Socket s = connect();
                kept.add(s);
                write(s, post("busy" + i));
                waiting.add(awaitHeld());
            }
            try (Socket extra = connect())
            {
                assertEquals(-1, readOrReset(extra.getInputStream()), "the fourth is closed");
            }
            assertEquals(1, counters.get("errors.http_too_many_connections"));
            assertEquals(0, counters.get("http.evicted"), "requests being worked on are never cut off");
            for (int i = 0; i < 3; i++)
            {
                final Held h = waiting.get(i);
                h.reply().send(200, "OK", "text/plain", h.body());
                assertEquals(new String(h.body(), StandardCharsets.UTF_8),
                    RawHttpResponse.read(kept.get(i).getInputStream()).text());
            }
        }
        finally
        {
            for (final Socket s : kept)
            {
                s.close();
            }
        }
    }

    @Test
    void aNewConnectionWithoutARequestIsClosedAfterTheRequestTimeout() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 16, 60_000, 300), List.of(), List.of());
        try (Socket silent = connect(); Socket slow = connect())
        {
            write(slow, "POST /RPC HTTP/1.1\r\nHost: 1");
            assertEquals(-1, readOrReset(silent.getInputStream()), "never sent anything");
            assertEquals(-1, readOrReset(slow.getInputStream()), "never finished its head");
        }
        assertTrue(counters.get("errors.http_head_timeout") >= 1, "counted: " + counters.get("errors.http_head_timeout"));
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 16, 300, 10_000), List.of(), List.of());
        try (Socket used = connect())
        {
            write(used, post("then idle"));
            assertEquals("then idle", echoNext(used));
            assertEquals(-1, readOrReset(used.getInputStream()), "idle after its answer");
        }
        assertEquals(1, counters.get("http.idle_closed"));
    }

    @Test
    void aConnectionThatEndsIsClosedEvenIfTheClientKeepsItOpen() throws Exception
    {
        start();
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
            awaitHeld().reply().send(200, "OK", "text/plain", new byte[0]);
            assertEquals(200, RawHttpResponse.read(s.getInputStream()).status());
            // the client neither reads on nor closes: the agent lets the connection go after a moment
            awaitTrue(() -> server.openConnections() == 0, "closed by the agent");
        }
    }

    @Test
    void connectionsTheServerClosesGiveTheirPlaceBack() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 2, 60_000, 10_000), List.of("http://ok.example"), List.of());
        for (int i = 0; i < 6; i++)
        {
            try (Socket s = connect())
            {
                if (i % 2 == 0)
                {
                    write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
                    awaitHeld().reply().send(200, "OK", "text/plain", new byte[0]);
                }
                else
                {
                    write(s, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n\r\n");
                }
                assertTrue(RawHttpResponse.read(s.getInputStream()).status() >= 200, "answered " + i);
                assertEquals(-1, readOrReset(s.getInputStream()), "closed by the server " + i);
            }
            awaitTrue(() -> server.openConnections() == 0, "place given back " + i);
        }
        assertEquals(0, counters.get("errors.http_too_many_connections"));
    }

    @Test
    void aBodyThatStopsComingIsCutOffAndItsBudgetReturns() throws Exception
    {
        // room for one 20,000-byte body at a time
        start(limits(30_000, 32_768, 16, 60_000, 400), List.of(), List.of());
        try (Socket slow = connect())
        {
            write(slow, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000\r\n\r\n" + "x".repeat(15_000));
            assertEquals(-1, readOrReset(slow.getInputStream()), "cut off");
        }
        assertEquals(1, counters.get("errors.http_body_timeout"));
        awaitTrue(() -> counters.get("http.body_bytes_held") == 0, "the cut-off body's bytes are released");
        try (Socket next = connect())
        {
            final String body = "y".repeat(20_000);
            write(next, post(body));
            assertEquals(body, echoNext(next), "the budget the cut-off body held is free again");
        }
        assertTrue(held.isEmpty());
    }

    @Test
    void bodiesBeyondTheBudgetGet503() throws Exception
    {
        start(limits(30_000, 32_768, 16, 60_000, 10_000), List.of(), List.of());
        try (Socket first = connect(); Socket second = connect())
        {
            // the first holds 20,000 bytes of its body (and waits for the rest); the second does not fit
            write(first, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 25000\r\n\r\n" + "x".repeat(20_000));
            awaitTrue(() -> counters.get("errors.http_body_budget") == 0 && held.isEmpty(), "first is reading");
            Thread.sleep(100);
            write(second, "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000\r\n\r\n"
                + "z".repeat(20_000));
            assertEquals(503, RawHttpResponse.read(second.getInputStream()).status());
            write(first, "x".repeat(5_000));
            assertEquals(25_000, echoNext(first).length());
        }
        assertEquals(1, counters.get("errors.http_body_budget"));
    }

    @Test
    void aClientThatDoesNotReadItsAnswerIsCutOffAfterTheRequestTimeout() throws Exception
    {
        start(limits(1 << 16, 1 << 20, 16, 60_000, 500), List.of(), List.of());
        try (Socket s = new Socket())
        {
            s.setReceiveBufferSize(4096);
            s.connect(new java.net.InetSocketAddress("127.0.0.1", server.localPort()));
            s.setSoTimeout(TIMEOUT_MS);
            write(s, post("big"));
            awaitHeld().reply().send(200, "OK", "application/octet-stream", new byte[32 << 20]);
            awaitTrue(() -> counters.get("errors.http_write_timeout") == 1, "write deadline");
        }
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", server.localPort());
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    private static String post(final String body)
    {
        return "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static void write(final Socket s, final String text) throws IOException
    {
        final OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next byte, or -1 at the end of the stream or when the peer reset the connection. */
    private static int readOrReset(final InputStream in) throws IOException
    {
        try
        {
            return in.read();
        }
        catch (final SocketTimeoutException ex)
        {
            throw ex;
        }
        catch (final SocketException reset)
        {
            return -1;
        }
    }

    /** Answers the next request the handler holds with its own body and reads that answer. */
    private String echoNext(final Socket s) throws Exception
    {
        final Held h = awaitHeld();
        h.reply().send(200, "OK", "text/plain", h.body());
        return RawHttpResponse.read(s.getInputStream()).text();
    }

    private Held awaitHeld() throws InterruptedException
    {
        awaitTrue(() -> !held.isEmpty(), "a request reaches the handler");
        return held.poll();
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "waited for: " + what);
            Thread.sleep(2);
        }
    }
}
