package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * HTTP/1.1 behaviour of {@link HttpRpcServer} / {@link HttpSession} over raw sockets on 127.0.0.1: pipelined
 * requests answered out of order come back in request order, keep-alive follows the request, {@code 100
 * Continue}, 404/405/400 and their counters, a second answer to one request dropped and counted.
 */
class HttpSessionTest
{
    private static final int TIMEOUT_MS = 10_000;

    private final AgentCounters counters = new AgentCounters();
    /** Requests the handler holds, answered by the test. */
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    private HttpRpcServer server;

    private record Held(byte[] body, HttpReply reply)
    {
    }

    @BeforeEach
    void start()
    {
        server = new HttpRpcServer("127.0.0.1", 0, (body, reply) -> held.add(new Held(body, reply)), counters,
            64 * 1024);
        server.route("/events", (request, connection) ->
        {
            connection.send(HttpResponses.plain(200, "OK", "routed " + request.method(), true));
            connection.closeAfterFlush();
        });
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void pipelinedRequestsAnsweredInReverseComeBackInRequestOrder() throws Exception
    {
        try (Socket s = connect())
        {
            write(s, post("a") + post("b") + post("c"));
            final List<Held> three = awaitHeld(3);
            for (int i = 2; i >= 0; i--)
            {
                final Held h = three.get(i);
                h.reply().send(200, "OK", "text/plain", h.body());
            }
            for (final String expected : new String[] {"a", "b", "c"})
            {
                final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
                assertEquals(200, r.status());
                assertEquals(expected, r.text());
            }
        }
    }

    @Test
    void http10WithoutKeepAliveAndConnectionCloseEndTheConnection() throws Exception
    {
        for (final String request : new String[] {
            "POST /RPC HTTP/1.0\r\nContent-Length: 1\r\n\r\nx",
            "POST /RPC HTTP/1.1\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"})
        {
            try (Socket s = connect())
            {
                write(s, request);
                final Held h = awaitHeld(1).get(0);
                h.reply().send(200, "OK", "application/json", "{}".getBytes(StandardCharsets.US_ASCII));
                final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
                assertEquals(200, r.status());
                assertEquals("close", r.header("connection"), request);
                assertEquals(-1, s.getInputStream().read(), "closed after the answer: " + request);
            }
        }
    }

    @Test
    void http10WithKeepAliveStaysOpen() throws Exception
    {
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
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            final RawHttpResponse interim = RawHttpResponse.read(s.getInputStream());
            assertEquals(100, interim.status());
            write(s, "hello");
            assertEquals("hello", echoNext(s));
        }
    }

    @Test
    void wrongMethodAndWrongPathAreAnsweredAndTheConnectionStaysOpen() throws Exception
    {
        try (Socket s = connect())
        {
            write(s, "GET /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            final RawHttpResponse r405 = RawHttpResponse.read(s.getInputStream());
            assertEquals(405, r405.status());
            assertEquals("POST", r405.header("allow"));
            write(s, "POST /nowhere HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
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
    void aRequestTheDecoderRefusesGetsItsStatusAndTheConnectionCloses() throws Exception
    {
        try (Socket s = connect())
        {
            write(s, "POST /RPC HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(400, r.status());
            assertEquals("close", r.header("connection"));
            assertEquals(-1, s.getInputStream().read());
        }
        assertEquals(1, counters.get("errors.http_bad_request"));
        assertTrue(held.isEmpty());
    }

    @Test
    void aRouteGetsItsPathWithTheConnection() throws Exception
    {
        try (Socket s = connect())
        {
            write(s, "GET /events?presentity=x HTTP/1.1\r\n\r\n");
            final RawHttpResponse r = RawHttpResponse.read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("routed GET\n", r.text());
        }
    }

    @Test
    void aSecondAnswerToOneRequestIsDroppedAndCounted() throws Exception
    {
        try (Socket s = connect())
        {
            write(s, post("once"));
            final Held h = awaitHeld(1).get(0);
            h.reply().send(200, "OK", "text/plain", h.body());
            h.reply().send(500, "Again", "text/plain", h.body());
            write(s, post("next"));
            assertEquals("once", echoNext(s));
            assertEquals("next", RawHttpResponse.read(s.getInputStream()).text());
        }
        assertEquals(1, counters.get("errors.duplicate_reply"));
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

    /** Answers the next request the handler holds with its own body and reads that answer. */
    private String echoNext(final Socket s) throws Exception
    {
        final Held h = awaitHeld(1).get(0);
        h.reply().send(200, "OK", "text/plain", h.body());
        return RawHttpResponse.read(s.getInputStream()).text();
    }

    private List<Held> awaitHeld(final int n) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (held.size() < n)
        {
            assertTrue(System.nanoTime() < deadline, "waited for " + n + " requests, have " + held.size());
            Thread.sleep(2);
        }
        final List<Held> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            out.add(held.poll());
        }
        return out;
    }
}
