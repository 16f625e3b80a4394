package org.puaagent.agent.notify;

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

import org.puaagent.agent.transport.HttpResponses;
import org.puaagent.agent.transport.HttpRoute;
import org.puaagent.agent.transport.StreamConnection;
import org.puaagent.agent.transport.StreamServer;
import org.puaagent.agent.transport.StreamSession;
import org.puaagent.protocol.http.HttpRequest;

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
 * without blocking on the HTTP server's selector thread; while it does not take bytes it reads nothing, and
 * what the ring overwrites meanwhile is counted ({@code sse.dropped}) and announced as a gap when it reads
 * again. A client whose output has not moved for {@value #STALL_HEARTBEATS} heartbeat intervals is
 * disconnected ({@code sse.stalled_closed}).
 *
 * <p>Threading: {@link #handle} and the connections on the HTTP server's selector thread; {@link #counters}
 * and {@link #close} on any thread.
 */
public final class EventStream implements HttpRoute, AutoCloseable
{
    /** The path this handler serves. */
    public static final String PATH = "/events";
    /** Heartbeat intervals without output progress after which a client is disconnected. */
    public static final int STALL_HEARTBEATS = 4;

    private static final Set<String> PARAMETERS = Set.of("presentity", "event", "watcher", "last_event_id");
    private static final String LAST_EVENT_ID = "Last-Event-ID";

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
    }

    private final NotificationHub hub;
    private final long heartbeatMillis;
    private final long stallNanos;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<StreamServer, SseIoGroup> groups = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param heartbeatMillis interval of the heartbeat comment (and the unit of the stall limit) */
    public EventStream(final NotificationHub hub, final long heartbeatMillis)
    {
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis) * STALL_HEARTBEATS;
    }

    /** A complete request for {@link #PATH}; takes the connection over. Selector thread. */
    @Override
    public void handle(final HttpRequest httpRequest, final StreamConnection connection)
    {
        if (!"GET".equals(httpRequest.method()))
        {
            counters.badRequests.increment();
            refuse(connection, 405, "Method Not Allowed", "use GET for the event stream", "Allow: GET");
            return;
        }
        if (closed)
        {
            refuse(connection, 503, "Service Unavailable", "shutting down");
            return;
        }
        final Request request = parse(httpRequest);
        if (null != request.error())
        {
            counters.badRequests.increment();
            refuse(connection, 400, "Bad Request", request.error());
            return;
        }
        open(connection, request);
    }

    private void open(final StreamConnection connection, final Request request)
    {
        connection.send(HttpResponses.head(200, "OK", "text/event-stream", -1, true, "Cache-Control: no-cache",
            "X-Accel-Buffering: no"));
        final StreamServer server = connection.server();
        final SseIoGroup group = groups.computeIfAbsent(server,
            s -> new SseIoGroup(s, hub, heartbeatMillis, stallNanos));
        final SseClient client = new SseClient(connection, hub, group, request.filter(), counters);
        connection.replaceSession(new Session(client));
        counters.clients.increment();
        counters.connections.increment();
        group.add(client);
        client.open(request.lastEventId());
    }

    /** The connection's session once it streams: the client sends nothing more that matters. Selector thread. */
    private static final class Session implements StreamSession
    {
        private final SseClient client;

        Session(final SseClient client)
        {
            this.client = client;
        }

        @Override
        public void onBytes(final ByteBuffer in)
        {
            in.position(in.limit());
        }

        @Override
        public void onWritable()
        {
            client.onWritable();
        }

        @Override
        public void onClose()
        {
            client.close();
        }
    }

    private static void refuse(final StreamConnection connection, final int status, final String reason,
        final String text, final String... extraHeaders)
    {
        connection.send(HttpResponses.plain(status, reason, text, true, extraHeaders));
        connection.closeAfterFlush();
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

    static Request parse(final HttpRequest httpRequest)
    {
        final Map<String, List<String>> query = query(httpRequest.target());
        if (null == query)
        {
            return Request.bad("malformed query (bad percent-encoding) in '" + httpRequest.target() + "'");
        }
        for (final String name : query.keySet())
        {
            if (!PARAMETERS.contains(name))
            {
                return Request.bad("unknown parameter '" + name + "'; known: presentity, event, watcher,"
                    + " last_event_id");
            }
        }
        String resume = httpRequest.header(LAST_EVENT_ID);
        if ((null == resume || resume.isBlank()) && query.containsKey("last_event_id"))
        {
            resume = query.get("last_event_id").get(0);
        }
        long lastEventId = -1;
        if (null != resume && !resume.isBlank())
        {
            try
            {
                lastEventId = Long.parseLong(resume.trim());
            }
            catch (final NumberFormatException ex)
            {
                lastEventId = -2;
            }
            if (lastEventId < 0)
            {
                return Request.bad("Last-Event-ID '" + resume + "' is not a sequence number (0, 1, 2, ...)");
            }
        }
        final NotificationFilter filter = new NotificationFilter(values(query, "presentity"), values(query, "event"),
            values(query, "watcher"));
        return new Request(filter, lastEventId, null);
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
     * left), {@code sse.bad_requests}. Any thread.
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
