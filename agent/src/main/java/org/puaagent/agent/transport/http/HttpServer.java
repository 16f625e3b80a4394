package org.puaagent.agent.transport.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;
import org.puaagent.agent.sip.NumericHost;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * One HTTP listener on Undertow: JSON-RPC on {@code /RPC} and {@code /jsonrpc} ({@link JsonRpcHttpHandler}), other
 * paths served by {@link HttpRoute}s added before {@link #start} (the event stream), 404 for the rest. Before any
 * of them, the {@link AccessPolicy} refuses with 403 what a web browser could send on a page's behalf.
 *
 * <p>Undertow is assembled here rather than through {@code Undertow.builder()} so that the listener accepts
 * connections through {@link HttpConnections} (the connection cap with accept-and-close, and the deadlines of
 * every connection). Its limits: head size ({@code MAX_HEADER_SIZE}: a larger head gets 400 and the connection
 * closes), body size (checked by the agent, on the declared length before reading and on the bytes as they come;
 * Undertow's {@code MAX_ENTITY_SIZE} is only a backstop above it), the time to send a head
 * ({@code REQUEST_PARSE_TIMEOUT}), header, parameter and cookie counts; no HTTP/2, no Date header.
 *
 * <p>Threading: {@link #route}, {@link #start} and {@link #close} on one thread; requests run on Undertow's I/O
 * threads ({@link HttpLimits#ioThreads()}, named {@code pua-http I/O-n}), and never block them.
 */
public final class HttpServer implements AutoCloseable
{
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int BACKLOG = 1024;
    /** Two reads' worth: more than RequestBodyReader can hold past the limit before it refuses. */
    private static final int ENTITY_BACKSTOP_BYTES = 2 * BUFFER_BYTES;
    /** More than two sweeps of {@link HttpConnections} (at most 1 s apart). */
    private static final long PARSE_TIMEOUT_MARGIN_MILLIS = 2500;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_PARAMETERS = 100;
    private static final int MAX_COOKIES = 20;
    private static final long STOP_MILLIS = 2000;
    private static final String THREAD_NAME = "pua-http";

    private final String host;
    private final int port;
    private final HttpOptions options;
    private final HttpLimits limits;
    private final HttpBodyHandler handler;
    private final AgentCounters counters;
    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
    private final LongAdder foreignOrigin;
    private final LongAdder foreignHost;
    private final LongAdder wrongPath;
    private final LongAdder internal;
    private AccessPolicy policy;
    private JsonRpcHttpHandler json;
    private HttpConnections connections;
    private XnioWorker worker;
    private AcceptingChannel<StreamConnection> server;
    private boolean closed;

    /**
     * @param host    numeric IP address to listen on
     * @param port    port (0: any free one, see {@link #localPort})
     * @param options limits and browser access rules
     * @param handler what JSON-RPC bodies go to
     */
    public HttpServer(final String host, final int port, final HttpOptions options, final HttpBodyHandler handler,
        final AgentCounters counters)
    {
        this.host = host;
        this.port = port;
        this.options = options;
        this.limits = options.limits();
        this.handler = handler;
        this.counters = counters;
        this.foreignOrigin = counters.adder("errors.http_foreign_origin");
        this.foreignHost = counters.adder("errors.http_foreign_host");
        this.wrongPath = counters.adder("errors.http_wrong_path");
        this.internal = counters.adder("errors.internal");
    }

    /** Serves {@code path} (exact match, any method) with {@code route}. Before {@link #start}. */
    public void route(final String path, final HttpRoute route)
    {
        if (JsonRpcHttpHandler.PATHS.contains(path))
        {
            throw new IllegalArgumentException(path + " is the JSON-RPC endpoint");
        }
        routes.put(path, route);
    }

    /** Binds and starts serving. @throws IOException when the address cannot be bound */
    public void start() throws IOException
    {
        final String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        final InetAddress address = NumericHost.parse(bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare);
        if (null == address)
        {
            throw new IOException("host must be a numeric IP address: " + host);
        }
        final Xnio xnio = Xnio.getInstance(HttpServer.class.getClassLoader());
        worker = xnio.createWorker(OptionMap.builder()
            .set(Options.WORKER_NAME, THREAD_NAME)
            .set(Options.WORKER_IO_THREADS, limits.ioThreads())
            // the handlers never block: the task pool only has to exist
            .set(Options.WORKER_TASK_CORE_THREADS, 1)
            .set(Options.WORKER_TASK_MAX_THREADS, 1)
            .set(Options.THREAD_DAEMON, true)
            .set(Options.TCP_NODELAY, true)
            .set(Options.CORK, true)
            .getMap());
        final OptionMap socketOptions = OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, limits.ioThreads())
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, BACKLOG)
            .getMap();
        final OptionMap undertowOptions = OptionMap.builder()
            .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
            .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeadBytes())
            // a backstop above the agent's own body limit, which RequestBodyReader enforces first: Undertow 2.4.4
            // writes a stack trace to stderr each time its own check trips on a chunked body
            .set(UndertowOptions.MAX_ENTITY_SIZE, (long) limits.maxBodyBytes() + ENTITY_BACKSTOP_BYTES)
            // a backstop for heads after the first one of a connection: the agent's own sweep closes (and counts)
            // a new connection without a complete head at the request timeout, before this trips
            .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE,
                limits.requestTimeoutMillis() + PARSE_TIMEOUT_MARGIN_MILLIS))
            .set(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
            .set(UndertowOptions.MAX_PARAMETERS, MAX_PARAMETERS)
            .set(UndertowOptions.MAX_COOKIES, MAX_COOKIES)
            .set(UndertowOptions.ALWAYS_SET_DATE, false)
            .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
            .set(UndertowOptions.ENABLE_HTTP2, false)
            .getMap();
        final ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4);
        final HttpOpenListener open = new HttpOpenListener(buffers, undertowOptions);
        open.setRootHandler(this::handle);
        connections = new HttpConnections(open, limits, counters);
        try
        {
            server = worker.createStreamConnectionServer(new InetSocketAddress(address, port), connections,
                socketOptions);
        }
        catch (final IOException ex)
        {
            worker.shutdownNow();
            throw ex;
        }
        // the Host rule needs the bound port (0 asks for any free one)
        policy = new AccessPolicy(host, localPort(), options.allowOrigins(), options.allowHosts());
        json = new JsonRpcHttpHandler(handler, policy, limits, new BodyBudget(limits.bodyBudgetBytes(), counters),
            counters);
        server.resumeAccepts();
    }

    /** The bound port (for tests that bind port 0). */
    public int localPort()
    {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** Open connections now. Any thread. */
    public int openConnections()
    {
        return null == connections ? 0 : connections.open();
    }

    private void handle(final HttpServerExchange exchange)
    {
        final ConnectionState connection = connections.state(exchange);
        try
        {
            if (null != connection)
            {
                connection.enter(ConnectionPhase.WAITING);
            }
            final HeaderMap headers = exchange.getRequestHeaders();
            final String origin = headers.getFirst(Headers.ORIGIN);
            switch (policy.check(headers.getFirst(Headers.HOST), origin))
            {
                case FOREIGN_ORIGIN:
                    foreignOrigin.increment();
                    HttpAnswers.plain(exchange, connection, 403, "Forbidden",
                        "requests from web pages of origin " + origin + " are not allowed (--http-allow-origin)",
                        true);
                    return;
                case FOREIGN_HOST:
                    foreignHost.increment();
                    HttpAnswers.plain(exchange, connection, 403, "Forbidden",
                        "this listener does not serve that Host (--http-allow-host)", true);
                    return;
                default:
                    break;
            }
            final String cors = policy.corsOrigin(origin);
            if (null != cors)
            {
                // an allowed web page reads the answer (a JSON-RPC reply, the event stream) only with these
                exchange.getResponseHeaders().put(HttpAnswers.ACCESS_CONTROL_ALLOW_ORIGIN, cors);
                exchange.getResponseHeaders().put(Headers.VARY, "Origin");
            }
            final String path = exchange.getRequestPath();
            if (JsonRpcHttpHandler.PATHS.contains(path))
            {
                json.handle(exchange, connection);
                return;
            }
            final HttpRoute route = routes.get(path);
            if (null != route)
            {
                route.handle(exchange, connection);
                return;
            }
            wrongPath.increment();
            HttpAnswers.plain(exchange, connection, 404, "Not Found", "wrong path", false);
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            internal.increment();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** Stops accepting, closes every connection and stops the I/O threads. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        IoUtils.safeClose(server);
        if (null != worker)
        {
            worker.shutdownNow();
            try
            {
                worker.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
