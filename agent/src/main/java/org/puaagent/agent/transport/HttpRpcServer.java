package org.puaagent.agent.transport;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * JSON-RPC over HTTP with Undertow: POST on {@code /RPC} and {@code /jsonrpc}; any other path gets 404, any
 * other method 405. The body is read whole on the IO thread with bulk copies ({@link HttpBodyCollector}; capped
 * at {@code maxBody} bytes: larger gets 413, as does a body that cannot be read), handed to the
 * {@link HttpBodyHandler}, and the exchange stays open until the handler answers; an answer from another thread
 * hops back to the exchange's IO thread, the only thread that touches it (writing it from the answering thread
 * instead was measured: far more CPU per request, see agent/BENCH-NOTES.md).
 * Connections are kept alive as Kamailio's xhttp does. Other paths may be served by handlers added with
 * {@link #route} before {@link #start} (the SSE stream {@code GET /events} is one); they get the exchange on
 * the IO thread as it arrives and answer every method themselves.
 *
 * <p>Threading: {@link #start}/{@link #close} on one thread; requests run on Undertow's IO threads.
 */
public final class HttpRpcServer implements AutoCloseable
{
    private static final Set<String> PATHS = Set.of("/RPC", "/jsonrpc", "/RPC/", "/jsonrpc/");

    private final String host;
    private final int port;
    private final HttpBodyHandler handler;
    private final AgentCounters counters;
    private final int maxBody;
    private final int ioThreads;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private Undertow server;

    public HttpRpcServer(final String host, final int port, final HttpBodyHandler handler,
        final AgentCounters counters, final int maxBody, final int ioThreads)
    {
        this.host = host;
        this.port = port;
        this.handler = handler;
        this.counters = counters;
        this.maxBody = maxBody;
        this.ioThreads = ioThreads;
    }

    /**
     * Serves {@code path} (exact match) with {@code handler} instead of the JSON-RPC endpoint. Call before
     * {@link #start}. The handler runs on an IO thread and must not block.
     */
    public void route(final String path, final HttpHandler handler)
    {
        if (PATHS.contains(path))
        {
            throw new IllegalArgumentException(path + " is the JSON-RPC endpoint");
        }
        routes.put(path, handler);
    }

    public void start()
    {
        server = Undertow.builder()
            .addHttpListener(port, host)
            .setIoThreads(ioThreads)
            .setWorkerThreads(2)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) maxBody)
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
            .setHandler(this::handleRequest)
            .build();
        server.start();
    }

    /** The bound port (for tests that bind port 0). */
    public int localPort()
    {
        return ((java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final HttpHandler routed = routes.get(exchange.getRequestPath());
        if (null != routed)
        {
            routed.handleRequest(exchange);
            return;
        }
        if (!PATHS.contains(exchange.getRequestPath()))
        {
            counters.increment("errors.http_wrong_path");
            plain(exchange, 404, "wrong path");
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod()) && !Methods.PUT.equals(exchange.getRequestMethod()))
        {
            counters.increment("errors.http_wrong_method");
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            plain(exchange, 405, "use POST with a JSON-RPC body");
            return;
        }
        exchange.getRequestReceiver().receivePartialBytes(
            new HttpBodyCollector(maxBody, exchange.getRequestContentLength(), this::bodyDone),
            (ex, error) -> unreadable(ex));
    }

    /** The body is whole (or too large); on the IO thread, inside Undertow's handler call. */
    private void bodyDone(final HttpServerExchange exchange, final HttpBodyCollector.Outcome outcome,
        final byte[] body)
    {
        if (outcome == HttpBodyCollector.Outcome.COMPLETE)
        {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> handler.handle(body, reply(exchange)));
        }
        else
        {
            exchange.getRequestReceiver().pause();
            unreadable(exchange);
        }
    }

    private void unreadable(final HttpServerExchange exchange)
    {
        counters.increment("errors.http_read");
        plain(exchange, 413, "request body unreadable or larger than " + maxBody + " bytes");
    }

    private HttpReply reply(final HttpServerExchange exchange)
    {
        final AtomicBoolean sent = new AtomicBoolean();
        return (status, reason, contentType, body) ->
        {
            if (!sent.compareAndSet(false, true))
            {
                counters.increment("errors.duplicate_reply");
                return;
            }
            if (exchange.getIoThread() == Thread.currentThread())
            {
                write(exchange, status, reason, contentType, body);
            }
            else
            {
                exchange.getIoThread().execute(() -> write(exchange, status, reason, contentType, body));
            }
        };
    }

    private static void write(final HttpServerExchange exchange, final int status, final String reason,
        final String contentType, final byte[] body)
    {
        exchange.setStatusCode(status);
        if (null != reason)
        {
            exchange.setReasonPhrase(safeReason(reason));
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** A reason phrase may not hold CR, LF or other control characters. */
    static String safeReason(final String reason)
    {
        final StringBuilder b = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++)
        {
            final char c = reason.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }

    private static void plain(final HttpServerExchange exchange, final int status, final String text)
    {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send(text);
    }

    @Override
    public void close()
    {
        if (null != server)
        {
            server.stop();
        }
    }
}
