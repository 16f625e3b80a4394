package org.puaagent.agent.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * JSON-RPC over HTTP on the agent's own non-blocking stream server (the one binrpc uses): POST on {@code /RPC}
 * and {@code /jsonrpc}, decoded and answered by {@link HttpSession}s; bodies above {@code maxBody} bytes get 413.
 * Connections are kept alive as Kamailio's xhttp does. Other paths may be served by {@link HttpRoute}s added
 * with {@link #route} before {@link #start} (the SSE stream {@code GET /events} is one).
 *
 * <p>Why not a general HTTP server: measured on 2 cores, answering these small POSTs through Undertow cost about
 * 27 µs of CPU per request against 21 µs on this selector (Undertow's second wake-up per exchange, its
 * {@code epoll_ctl} pair around every exchange, its exchange objects); see agent/BENCH-NOTES.md.
 *
 * <p>Threading: {@link #start}/{@link #close} on one thread; requests run on the server's selector thread;
 * answers come from any thread.
 */
public final class HttpRpcServer implements AutoCloseable
{
    /** Largest request head (request line and headers) accepted; larger gets 431. */
    static final int MAX_HEAD = 16 * 1024;

    private final String host;
    private final int port;
    private final HttpBodyHandler handler;
    private final AgentCounters counters;
    private final int maxBody;
    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
    private StreamServer server;

    public HttpRpcServer(final String host, final int port, final HttpBodyHandler handler,
        final AgentCounters counters, final int maxBody)
    {
        this.host = host;
        this.port = port;
        this.handler = handler;
        this.counters = counters;
        this.maxBody = maxBody;
    }

    /** Serves {@code path} (exact match, any method) with {@code route}. Call before {@link #start}. */
    public void route(final String path, final HttpRoute route)
    {
        if (HttpSession.PATHS.contains(path))
        {
            throw new IllegalArgumentException(path + " is the JSON-RPC endpoint");
        }
        routes.put(path, route);
    }

    /** Binds and starts serving on a thread of its own. @throws UncheckedIOException when it cannot bind */
    public void start()
    {
        start(null);
    }

    /**
     * Binds and starts serving, on the thread of {@code sharedWith} when given (see {@link SharedSelector}), else
     * on a thread of its own. @throws UncheckedIOException when the address cannot be bound
     */
    public void start(final SharedSelector sharedWith)
    {
        if (!ListenAddress.numeric(host))
        {
            throw new IllegalArgumentException("host must be a numeric IP address: " + host);
        }
        server = new StreamServer(new ListenAddress(ListenAddress.Kind.TCP, host, port, null),
            conn -> new HttpSession(conn, handler, routes, counters, MAX_HEAD, maxBody), counters,
            StreamServer.MAX_CONNECTIONS, 0);
        try
        {
            if (null == sharedWith)
            {
                server.start("jsonrpc-http");
            }
            else
            {
                server.startOn(sharedWith);
            }
        }
        catch (final IOException ex)
        {
            server.close();
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    /** The bound port (for tests that bind port 0). */
    public int localPort()
    {
        try
        {
            return server.localPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        if (null != server)
        {
            server.close();
        }
    }
}
