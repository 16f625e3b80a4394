package org.puaagent.agent.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.protocol.http.HttpFailure;
import org.puaagent.protocol.http.HttpRequest;
import org.puaagent.protocol.http.HttpRequestDecoder;
import org.puaagent.protocol.http.HttpRequestHandler;

/**
 * JSON-RPC over HTTP/1.1 on one stream connection, as Kamailio's xhttp + jsonrpcs serve it: {@code POST} (or
 * {@code PUT}) on {@code /RPC} or {@code /jsonrpc} hands the body to the {@link HttpBodyHandler}; any other
 * method there gets 405, a path of an {@link HttpRoute} goes to that route with the connection, any other path
 * 404. Requests are decoded by the bounded {@link HttpRequestDecoder}; a request the decoder refuses (too large:
 * 413, bad syntax: 400, ...) is answered with that status and the connection closes. Keep-alive follows the
 * request (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}).
 *
 * <p>Several requests may be in flight on one connection (pipelining); their answers complete in any order on
 * any thread and are sent in request order: each request takes a sequence number, and an answer waits in
 * {@code ready} until those before it are sent. {@code 100 Continue} is sent when the client asks for it and no
 * answer is pending before it.
 *
 * <p>Threading: {@link #onBytes} and the decoder on the server's selector thread; answers from any thread
 * through {@link #answer}, which is guarded by {@code this}.
 */
final class HttpSession implements StreamSession, HttpRequestHandler
{
    static final Set<String> PATHS = Set.of("/RPC", "/jsonrpc", "/RPC/", "/jsonrpc/");
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String JSON = "application/json";

    private final StreamConnection connection;
    private final HttpBodyHandler handler;
    private final Map<String, HttpRoute> routes;
    private final AgentCounters counters;
    private final int maxBody;
    private final HttpRequestDecoder decoder;
    /** Selector thread: sequence number of the next request. */
    private long nextRequest;
    /** Guarded by this: the next answer to send, and answers that wait for earlier ones. */
    private long nextToSend;
    private final Map<Long, Reply> ready = new HashMap<>();
    /** Guarded by this: an answer that closes the connection was sent; later ones are dropped. */
    private boolean closing;

    private record Reply(byte[] bytes, boolean close)
    {
    }

    HttpSession(final StreamConnection connection, final HttpBodyHandler handler, final Map<String, HttpRoute> routes,
        final AgentCounters counters, final int maxHead, final int maxBody)
    {
        this.connection = connection;
        this.handler = handler;
        this.routes = routes;
        this.counters = counters;
        this.maxBody = maxBody;
        this.decoder = new HttpRequestDecoder(maxHead, maxBody);
    }

    @Override
    public void onBytes(final ByteBuffer in)
    {
        if (decoder.feed(in, this) == HttpRequestDecoder.Status.FAILED)
        {
            refuse(decoder.failure());
        }
    }

    @Override
    public void onContinue()
    {
        synchronized (this)
        {
            if (nextToSend != nextRequest || closing)
            {
                return; // an answer is still due before it: the client sends the body after its own timeout
            }
            connection.send(CONTINUE);
        }
    }

    @Override
    public void onRequest(final HttpRequest request)
    {
        final long seq = nextRequest++;
        final boolean close = !request.keepAlive();
        if (close)
        {
            decoder.stop();
        }
        final String path = request.path();
        if (PATHS.contains(path))
        {
            final String method = request.method();
            if (!"POST".equals(method) && !"PUT".equals(method))
            {
                counters.increment("errors.http_wrong_method");
                answer(seq, HttpResponses.plain(405, "Method Not Allowed", "use POST with a JSON-RPC body", close,
                    "Allow: POST"), close);
                return;
            }
            handler.handle(request.body(), (status, reason, contentType, body) ->
                answer(seq, HttpResponses.whole(status, reason, contentType, body, close), close));
            return;
        }
        final HttpRoute route = routes.get(path);
        if (null != route)
        {
            decoder.stop();
            route.handle(request, connection);
            return;
        }
        counters.increment("errors.http_wrong_path");
        answer(seq, HttpResponses.plain(404, "Not Found", "wrong path", close), close);
    }

    /** The decoder refused the stream: answer with its status (after the answers due before it), then close. */
    private void refuse(final HttpFailure failure)
    {
        if (failure.status() == 413)
        {
            counters.increment("errors.http_read");
            answer(nextRequest++, HttpResponses.plain(413, failure.reason(),
                "request body unreadable or larger than " + maxBody + " bytes", true), true);
        }
        else
        {
            counters.increment("errors.http_bad_request");
            answer(nextRequest++, HttpResponses.plain(failure.status(), failure.reason(), failure.message(), true),
                true);
        }
    }

    /** Sends the answer of request {@code seq} once every earlier one is sent. Any thread. */
    private synchronized void answer(final long seq, final byte[] bytes, final boolean close)
    {
        if (closing)
        {
            return;
        }
        if (seq < nextToSend)
        {
            counters.increment("errors.duplicate_reply");
            return;
        }
        if (seq > nextToSend)
        {
            // out of order (pipelining): held until the answers before it are sent
            if (null != ready.putIfAbsent(seq, new Reply(bytes, close)))
            {
                counters.increment("errors.duplicate_reply");
            }
            return;
        }
        send(bytes, close);
        Reply next;
        while (!closing && !ready.isEmpty() && null != (next = ready.remove(nextToSend)))
        {
            send(next.bytes(), next.close());
        }
    }

    private void send(final byte[] bytes, final boolean close)
    {
        nextToSend++;
        connection.send(bytes);
        if (close)
        {
            closing = true;
            ready.clear();
            connection.closeAfterFlush();
        }
    }
}
