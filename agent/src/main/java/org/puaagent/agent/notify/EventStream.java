package org.puaagent.agent.notify;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import org.puaagent.agent.transport.http.ConnectionState;
import org.puaagent.agent.transport.http.HttpAnswers;
import org.puaagent.agent.transport.http.HttpRoute;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.channels.StreamSinkChannel;

/**
 * Server-Sent Events at {@code GET /events}: one {@code notify} event per NOTIFY, with the hub's sequence as
 * its {@code id}, filtered by the query parameters {@code presentity}, {@code event} and {@code watcher}
 * (each repeatable; values of one parameter are alternatives, different parameters must all match). A client
 * resumes with the {@code Last-Event-ID} header (or the {@code last_event_id} query parameter): everything
 * after that id still in the hub's ring is replayed, and what is no longer kept is announced by a {@code gap}
 * event first. Idle connections get a heartbeat comment every {@code heartbeatMillis}.
 *
 * <p>Wire format of one notification (the data is one line: JSON escapes the newlines of the body):
 * <pre>
 * id: 42
 * event: notify
 * data: {"sequence":42,"subscription_id":"...","presentity":"sip:alice@127.0.0.1",...}
 * </pre>
 * and of a gap ({@code reason}: {@code overflow} when this client was too slow while connected, {@code
 * expired} when it resumed from an id older than the ring, {@code reset} when it resumed from an id this agent
 * never issued, i.e. after a restart; {@code id} is the last missed sequence, so resuming from it goes on):
 * <pre>
 * id: 104
 * event: gap
 * data: {"reason":"overflow","missed":100,"first":5,"last":104}
 * </pre>
 *
 * <p>A slow client never slows anybody: it is a cursor into the hub's ring plus one output buffer, written
 * without blocking on its I/O thread; while it does not take bytes it reads nothing, and what the ring
 * overwrites meanwhile is counted ({@code sse.dropped}) and announced as a gap when it reads again. A client
 * whose output has not moved for {@value #STALL_HEARTBEATS} heartbeat intervals is disconnected ({@code
 * sse.stalled_closed}). The stream is sent without a length and ends with the connection ({@code Connection:
 * close}), as before.
 *
 * <p>Threading: {@link #handle} and the connections on Undertow's I/O threads; {@link #counters} and
 * {@link #close} on any thread.
 */
public final class EventStream implements HttpRoute, AutoCloseable
{
    /** The path this handler serves. */
    public static final String PATH = "/events";
    /** Heartbeat intervals without output progress after which a client is disconnected. */
    public static final int STALL_HEARTBEATS = 4;

    private static final Set<String> PARAMETERS = Set.of("presentity", "event", "watcher", "last_event_id");
    private static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");
    private static final HttpString ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");
    private static final int HANG_UP_BUFFER = 256;

    /** The counters of the stream; any thread. */
    static final class Counters
    {
        final LongAdder clients = new LongAdder();
        final LongAdder connections = new LongAdder();
        final LongAdder eventsSent = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder resumeMissed = new LongAdder();
        final LongAdder gaps = new LongAdder();
        final LongAdder heartbeats = new LongAdder();
        final LongAdder stalledClosed = new LongAdder();
        final LongAdder writeErrors = new LongAdder();
        final LongAdder badRequests = new LongAdder();
        final LongAdder refused = new LongAdder();
    }

    private final NotificationHub hub;
    private final long heartbeatMillis;
    private final long stallNanos;
    private final int maxClients;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<XnioIoThread, SseIoGroup> groups = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param heartbeatMillis interval of the heartbeat comment (and the unit of the stall limit)
     * @param maxClients      streams open at once; more get 503 ({@code sse.refused})
     */
    public EventStream(final NotificationHub hub, final long heartbeatMillis, final int maxClients)
    {
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.maxClients = maxClients;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis) * STALL_HEARTBEATS;
    }

    /** A request for {@link #PATH}, after the listener's access checks. I/O thread, inside the handler call. */
    @Override
    public void handle(final HttpServerExchange exchange, final ConnectionState connection)
    {
        if (!Methods.GET.equals(exchange.getRequestMethod()))
        {
            counters.badRequests.increment();
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
            HttpAnswers.plain(exchange, connection, 405, "Method Not Allowed", "use GET for the event stream", true);
            return;
        }
        if (closed)
        {
            HttpAnswers.plain(exchange, connection, 503, "Service Unavailable", "shutting down", true);
            return;
        }
        if (counters.clients.sum() >= maxClients)
        {
            counters.refused.increment();
            HttpAnswers.plain(exchange, connection, 503, "Service Unavailable",
                maxClients + " event streams are open, the most this agent serves (--sse-max-clients)", true);
            return;
        }
        final Request request = parse(exchange.getQueryString(), exchange.getRequestHeaders().getFirst(LAST_EVENT_ID));
        if (null != request.error())
        {
            counters.badRequests.increment();
            HttpAnswers.plain(exchange, connection, 400, "Bad Request", request.error(), true);
            return;
        }
        if (null != connection)
        {
            connection.streaming();
        }
        // Leave the handler first so Undertow keeps the exchange open; the stream then runs on this I/O thread.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () ->
        {
            try
            {
                open(exchange, request);
            }
            catch (final Throwable t)
            {
                // inside Undertow's dispatch, which would only log it
                Fatal.check(t);
                counters.writeErrors.increment();
                IoUtils.safeClose(exchange.getConnection());
            }
        });
    }

    private void open(final HttpServerExchange exchange, final Request request)
    {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(ACCEL_BUFFERING, "no");
        exchange.setPersistent(false);
        final StreamSinkChannel channel = exchange.getResponseChannel();
        final SseIoGroup group = groups.computeIfAbsent(exchange.getIoThread(),
            t -> new SseIoGroup(t, hub, heartbeatMillis, stallNanos, counters.writeErrors));
        final SseClient client = new SseClient(exchange, channel, hub, group, request.filter(), counters);
        counters.clients.increment();
        counters.connections.increment();
        group.add(client);
        exchange.addExchangeCompleteListener((ex, next) ->
        {
            closeOnIoThread(group, client);
            next.proceed();
        });
        exchange.getConnection().addCloseListener(c -> closeOnIoThread(group, client));
        watchForHangUp(exchange);
        client.open(request.lastEventId());
    }

    /**
     * Reads the connection while it streams, so that a client that hangs up is seen at once (not at the next
     * write): the connection never carries another request (it closes when the stream ends), so what the client
     * sends is discarded, and the end of its input closes the stream.
     */
    private static void watchForHangUp(final HttpServerExchange exchange)
    {
        if (!(exchange.getConnection() instanceof AbstractServerConnection connection))
        {
            return;
        }
        final ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        final ByteBuffer discard = ByteBuffer.allocate(HANG_UP_BUFFER);
        source.setReadListener(ch ->
        {
            try
            {
                int n;
                do
                {
                    discard.clear();
                    n = ch.read(discard);
                }
                while (n > 0);
                if (n < 0)
                {
                    IoUtils.safeClose(exchange.getConnection());
                }
            }
            catch (final IOException ex)
            {
                IoUtils.safeClose(exchange.getConnection());
            }
            catch (final Throwable t)
            {
                // XNIO would only log what a listener throws
                Fatal.check(t);
                IoUtils.safeClose(exchange.getConnection());
            }
        });
        source.resumeReads();
    }

    private static void closeOnIoThread(final SseIoGroup group, final SseClient client)
    {
        if (Thread.currentThread() == group.thread())
        {
            client.close();
        }
        else if (!client.isClosed())
        {
            try
            {
                group.thread().execute(() ->
                {
                    try
                    {
                        client.close();
                    }
                    catch (final Throwable t)
                    {
                        Fatal.check(t);
                    }
                });
            }
            catch (final RuntimeException ex)
            {
                // the I/O thread is gone: so is the connection
            }
        }
    }

    /** A parsed {@code GET /events}: filter and resume point, or what is wrong with it. Immutable. */
    record Request(NotificationFilter filter, long lastEventId, String error)
    {
        static Request bad(final String error)
        {
            return new Request(null, -1, error);
        }
    }

    /** The query of a request-target: each name with its values in order, or null when it is malformed. */
    static Map<String, List<String>> query(final String target)
    {
        final Map<String, List<String>> query = new LinkedHashMap<>();
        final int mark = target.indexOf('?');
        if (mark < 0)
        {
            return query;
        }
        for (final String pair : target.substring(mark + 1).split("&"))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name;
            final String value;
            try
            {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
            catch (final IllegalArgumentException ex)
            {
                return null;
            }
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /**
     * Reads a request's filter and resume point.
     *
     * @param queryString  the request-target after the {@code ?} (empty or null: none)
     * @param lastEventId  the {@code Last-Event-ID} header, or null
     */
    static Request parse(final String queryString, final String lastEventId)
    {
        final String target = null == queryString || queryString.isEmpty() ? "" : "?" + queryString;
        final Map<String, List<String>> query = query(target);
        if (null == query)
        {
            return Request.bad("malformed query (bad percent-encoding) in '" + queryString + "'");
        }
        for (final String name : query.keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                return Request.bad("unknown parameter '" + name + "'; known: presentity, event, watcher,"
                    + " last_event_id");
            }
        }
        String resume = lastEventId;
        if ((null == resume || resume.isBlank()) && query.containsKey("last_event_id"))
        {
            resume = query.get("last_event_id").get(0);
        }
        long resumeFrom = -1;
        if (null != resume && !resume.isBlank())
        {
            try
            {
                resumeFrom = Long.parseLong(resume.trim());
            }
            catch (final NumberFormatException ex)
            {
                resumeFrom = -2;
            }
            if (resumeFrom < 0)
            {
                return Request.bad("Last-Event-ID '" + resume + "' is not a sequence number (0, 1, 2, ...)");
            }
        }
        final NotificationFilter filter = new NotificationFilter(values(query, "presentity"), values(query, "event"),
            values(query, "watcher"));
        return new Request(filter, resumeFrom, null);
    }

    private static Set<String> values(final Map<String, List<String>> query, final String name)
    {
        final List<String> given = query.get(name);
        final Set<String> values = new HashSet<>();
        if (null != given)
        {
            for (final String v : given)
            {
                if (!v.isBlank())
                {
                    values.add(v.trim());
                }
            }
        }
        return values;
    }

    /**
     * {@code sse.clients} (connected now), {@code sse.connections} (ever), {@code sse.events_sent}, {@code
     * sse.dropped} (notifications lost by clients too slow while connected), {@code sse.resume_missed}
     * (notifications no longer kept when a client resumed), {@code sse.gaps}, {@code sse.heartbeats}, {@code
     * sse.stalled_closed}, {@code sse.write_errors} (connections ended by a write error, usually the client
     * left), {@code sse.bad_requests}, {@code sse.refused} (streams beyond the limit). Any thread.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> c = new TreeMap<>();
        c.put("sse.clients", counters.clients.sum());
        c.put("sse.connections", counters.connections.sum());
        c.put("sse.events_sent", counters.eventsSent.sum());
        c.put("sse.dropped", counters.dropped.sum());
        c.put("sse.resume_missed", counters.resumeMissed.sum());
        c.put("sse.gaps", counters.gaps.sum());
        c.put("sse.heartbeats", counters.heartbeats.sum());
        c.put("sse.stalled_closed", counters.stalledClosed.sum());
        c.put("sse.write_errors", counters.writeErrors.sum());
        c.put("sse.bad_requests", counters.badRequests.sum());
        c.put("sse.refused", counters.refused.sum());
        return c;
    }

    /** Stops waking the connections and refuses new ones (the HTTP server closes them when it stops). Any thread. */
    @Override
    public void close()
    {
        closed = true;
        for (final SseIoGroup group : groups.values())
        {
            hub.detach(group);
        }
    }
}
