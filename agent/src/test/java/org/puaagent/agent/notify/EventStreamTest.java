package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.transport.http.HttpOptions;
import org.puaagent.agent.transport.http.HttpServer;

/**
 * {@code GET /events} end to end through the agent's real HTTP server on 127.0.0.1: ids and filters,
 * resume with Last-Event-ID, gap events, heartbeats, bad requests, and slow or stalled clients that must not
 * hold up the owner (the test thread plays the pipeline owner and calls the hub directly).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamTest
{
    private static final byte[] RPC_ANSWER = "{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":1}"
        .getBytes(StandardCharsets.UTF_8);

    private final List<SseReader> readers = new ArrayList<>();
    private NotificationHub hub;
    private EventStream stream;
    private HttpServer server;

    private void start(final int ring, final long heartbeatMillis)
    {
        start(ring, heartbeatMillis, HttpOptions.DEFAULT_MAX_EVENT_STREAMS);
    }

    private void start(final int ring, final long heartbeatMillis, final int maxStreams)
    {
        hub = new NotificationHub(ring);
        stream = new EventStream(hub, heartbeatMillis, maxStreams);
        server = new HttpServer("127.0.0.1", 0, HttpOptions.defaults(),
            (body, reply) -> reply.send(200, "OK", "application/json", RPC_ANSWER), new AgentCounters());
        server.route(EventStream.PATH, stream);
        try
        {
            server.start();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @AfterEach
    void stop() throws IOException
    {
        for (final SseReader r : readers)
        {
            r.close();
        }
        if (null != stream)
        {
            stream.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    /** Opens {@code GET target} and waits for the greeting comment (the client is registered after it). */
    private SseReader connect(final String target, final Map<String, String> headers) throws IOException
    {
        final SseReader r = SseReader.open(server.localPort(), target, headers, 0);
        readers.add(r);
        assertEquals(200, r.status(), () -> "GET " + target + ": " + r.errorBody());
        final SseReader.Frame greeting = r.next();
        assertNotNull(greeting);
        assertTrue(greeting.isCommentOnly() && greeting.comments().get(0).startsWith("pua-agent notifications"),
            greeting.toString());
        return r;
    }

    private SseReader connect(final String target) throws IOException
    {
        return connect(target, Map.of());
    }

    private long counter(final String name)
    {
        return stream.counters().get(name);
    }

    private static long notifyId(final SseReader.Frame f)
    {
        assertEquals("notify", f.event(), f.toString());
        final JsonObject o = JsonParser.parseString(f.data()).getAsJsonObject();
        assertEquals(Long.parseLong(f.id()), o.get("sequence").getAsLong(), "id and sequence agree");
        return o.get("sequence").getAsLong();
    }

    private List<Long> ids(final SseReader r, final int n) throws IOException
    {
        final List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final SseReader.Frame f = r.nextEvent();
            assertNotNull(f, "stream ended after " + ids);
            ids.add(notifyId(f));
        }
        return ids;
    }

    @Test
    void eventsCarryIdsAndFiltersSelectThem() throws IOException
    {
        start(1000, 60_000);
        final SseReader all = connect("/events");
        final SseReader alice = connect("/events?presentity=sip:alice@127.0.0.1");
        final SseReader dialogs = connect("/events?presentity=sip:alice@127.0.0.1&presentity=sip%3Abob%40127.0.0.1"
            + "&event=dialog");
        final SseReader watcher = connect("/events?watcher=sip:nobody@127.0.0.1");
        assertEquals("text/event-stream", all.header("Content-Type"));
        assertEquals("no-cache", all.header("Cache-Control"));
        assertEquals(4L, counter("sse.clients"));

        hub.onNotification(Notifications.presence("alice"));
        hub.onNotification(Notifications.presence("bob"));
        hub.onNotification(Notifications.of("alice", "dialog", "<dialog-info/>"));
        hub.onNotification(Notifications.of("carol", "dialog", null));
        hub.onNotification(Notifications.of("bob", "dialog", "<dialog-info>\n</dialog-info>"));

        final SseReader.Frame first = all.nextEvent();
        assertEquals("1", first.id());
        final JsonObject o = JsonParser.parseString(first.data()).getAsJsonObject();
        assertEquals("sip:alice@127.0.0.1", o.get("presentity").getAsString());
        assertEquals(Notifications.PIDF_OPEN, o.get("body").getAsString(), "multi-line body intact in one data line");
        assertEquals("active;expires=3600", o.get("state").getAsString());
        assertEquals(List.of(2L, 3L, 4L, 5L), ids(all, 4));
        assertEquals(List.of(1L, 3L), ids(alice, 2));
        assertEquals(List.of(3L, 5L), ids(dialogs, 2));
        // the marker matches every filter: nothing else came before it on the filtered streams
        hub.onNotification(new Notification("m", "sip:alice@127.0.0.1", "sip:nobody@127.0.0.1", "dialog",
            "active", null, null, 0));
        assertEquals(List.of(6L), ids(alice, 1));
        assertEquals(List.of(6L), ids(dialogs, 1));
        assertEquals(List.of(6L), ids(watcher, 1));
        assertEquals(List.of(6L), ids(all, 1));
        assertEquals(6L + 3 + 3 + 1, counter("sse.events_sent"));
        assertEquals(0L, counter("sse.dropped"));

        assertEquals(4L, counter("sse.connections"));
    }

    @Test
    void streamsBeyondTheLimitGet503AndAPlaceFreesWhenOneLeaves() throws Exception
    {
        start(1000, 60_000, 2);
        final SseReader first = connect("/events");
        connect("/events");
        try (SseReader third = SseReader.open(server.localPort(), "/events", Map.of(), 0))
        {
            assertEquals(503, third.status());
            assertTrue(third.errorBody().contains("--sse-max-clients"), third.errorBody());
        }
        assertEquals(1L, counter("sse.refused"));
        first.close();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter("sse.clients") != 1L)
        {
            assertTrue(System.nanoTime() < deadline, "the first stream's place is freed");
            Thread.sleep(5);
        }
        connect("/events");
        assertEquals(2L, counter("sse.clients"));
    }

    @Test
    void lastEventIdReplaysExactlyWhatWasMissed() throws IOException
    {
        start(1000, 60_000);
        for (int i = 1; i <= 10; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        final SseReader header = connect("/events", Map.of("Last-Event-ID", "6"));
        final SseReader query = connect("/events?last_event_id=10");
        final SseReader fromStart = connect("/events?last_event_id=0");
        final SseReader filtered = connect("/events?presentity=sip:u9@127.0.0.1", Map.of("Last-Event-ID", "2"));
        final SseReader fresh = connect("/events");
        hub.onNotification(Notifications.presence("u11"));
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L), ids(header, 5));
        assertEquals(List.of(11L), ids(query, 1));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), ids(fromStart, 11));
        assertEquals(List.of(11L), ids(fresh, 1), "a new client gets only what comes after it connected");
        hub.onNotification(Notifications.presence("u9"));
        assertEquals(List.of(9L, 12L), ids(filtered, 2));
        assertEquals(0L, counter("sse.resume_missed"));
        assertEquals(0L, counter("sse.gaps"));
    }

    @Test
    void resumingFromOutsideTheRingGetsAGapEventFirst() throws IOException
    {
        start(8, 60_000);
        for (int i = 1; i <= 20; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        final SseReader expired = connect("/events", Map.of("Last-Event-ID", "3"));
        SseReader.Frame gap = expired.nextEvent();
        assertEquals("gap", gap.event(), gap.toString());
        assertEquals("12", gap.id(), "resuming from the gap's id goes on after it");
        JsonObject g = JsonParser.parseString(gap.data()).getAsJsonObject();
        assertEquals("expired", g.get("reason").getAsString());
        assertEquals(4, g.get("first").getAsLong());
        assertEquals(12, g.get("last").getAsLong());
        assertEquals(9, g.get("missed").getAsLong());
        assertEquals(3, g.get("last_event_id").getAsLong());
        assertEquals(List.of(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), ids(expired, 8));

        final SseReader restarted = connect("/events", Map.of("Last-Event-ID", "5000"));
        gap = restarted.nextEvent();
        assertEquals("gap", gap.event(), gap.toString());
        g = JsonParser.parseString(gap.data()).getAsJsonObject();
        assertEquals("reset", g.get("reason").getAsString());
        assertEquals(5000, g.get("last_event_id").getAsLong());
        assertEquals(12, g.get("missed").getAsLong());
        assertEquals(List.of(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), ids(restarted, 8));

        final SseReader resumedAtGap = connect("/events", Map.of("Last-Event-ID", "12"));
        hub.onNotification(Notifications.presence("u21"));
        assertEquals(13L, notifyId(resumedAtGap.nextEvent()), "no gap: 12 is the oldest lost one");
        assertEquals(21L, counter("sse.resume_missed"));
        assertEquals(2L, counter("sse.gaps"));
        assertEquals(0L, counter("sse.dropped"));
    }

    @Test
    void badRequestsAreRefusedAndJsonRpcStillWorks() throws Exception
    {
        start(16, 60_000);
        try (SseReader unknown = SseReader.open(server.localPort(), "/events?presentiy=sip:a@127.0.0.1"))
        {
            assertEquals(400, unknown.status());
            assertTrue(unknown.errorBody().contains("unknown parameter 'presentiy'"), unknown.errorBody());
        }
        try (SseReader badId = SseReader.open(server.localPort(), "/events", Map.of("Last-Event-ID", "abc"), 0))
        {
            assertEquals(400, badId.status());
            assertTrue(badId.errorBody().contains("not a sequence number"), badId.errorBody());
        }
        final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        final URI base = URI.create("http://127.0.0.1:" + server.localPort());
        final HttpResponse<String> post = client.send(HttpRequest.newBuilder(base.resolve("/events"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        final HttpResponse<String> rpc = client.send(HttpRequest.newBuilder(base.resolve("/RPC"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"core.version\",\"id\":1}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rpc.statusCode());
        assertEquals(new String(RPC_ANSWER, StandardCharsets.UTF_8), rpc.body());
        final HttpResponse<String> other = client.send(HttpRequest.newBuilder(base.resolve("/eventsx")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
        assertEquals(3L, counter("sse.bad_requests"));
        assertEquals(0L, counter("sse.clients"));
    }

    @Test
    void idleClientsGetHeartbeatsWhichAlsoNoticeClientsThatLeft() throws IOException
    {
        start(16, 50);
        final SseReader r = connect("/events");
        final SseReader.Frame f = r.next();
        assertTrue(f.isCommentOnly(), f.toString());
        assertEquals(List.of("heartbeat"), f.comments());
        hub.onNotification(Notifications.presence("after"));
        assertEquals(List.of(1L), ids(r, 1), "heartbeats do not disturb the events");
        assertTrue(counter("sse.heartbeats") >= 1);

        // a client whose filter matches nothing is only ever written heartbeats: they find out it left
        final SseReader idle = connect("/events?event=dialog");
        assertEquals(2L, counter("sse.clients"));
        idle.close();
        r.close();
        Await.until(() -> counter("sse.clients") == 0, () -> "clients still counted: " + stream.counters());
        assertEquals(2L, counter("sse.connections"));
    }

    /** Enough bytes to fill any loopback socket buffers several times over. */
    private static final int FLOOD = 2000;
    private static final String BIG_BODY = "<presence>" + "x".repeat(8 * 1024) + "</presence>";

    @Test
    void aClientThatDoesNotReadSlowsNobodyAndIsToldWhatItMissed() throws Exception
    {
        start(64, 60_000);
        final SseReader slow = SseReader.open(server.localPort(), "/events", Map.of(), 4096);
        readers.add(slow);
        assertEquals(200, slow.status());
        final SseReader fast = connect("/events");
        Await.until(() -> counter("sse.clients") == 2, () -> "two clients: " + stream.counters());

        final AtomicLong fastLast = new AtomicLong();
        final AtomicReference<Throwable> fastError = new AtomicReference<>();
        final Thread fastThread = new Thread(() ->
        {
            try
            {
                for (SseReader.Frame f = fast.nextEvent(); null != f; f = fast.nextEvent())
                {
                    if ("notify".equals(f.event()))
                    {
                        fastLast.set(notifyId(f));
                        if (fastLast.get() == FLOOD)
                        {
                            return;
                        }
                    }
                }
            }
            catch (final Throwable t)
            {
                fastError.set(t);
            }
        }, "test-fast-sse-reader");
        fastThread.start();

        // The test thread is the owner: every call returns although one client takes nothing.
        for (int i = 1; i <= FLOOD; i++)
        {
            hub.onNotification(Notifications.of("flood" + (i % 7), "presence", BIG_BODY));
        }
        assertEquals(FLOOD, hub.lastSequence());
        Await.until(() -> counter("sse.dropped") > 0, () -> "overflow counted: " + stream.counters());
        fastThread.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(null, fastError.get());
        assertEquals(FLOOD, fastLast.get(), "the reading client got to the last notification");

        // The slow client, once it reads, is told how many it lost, then gets the rest up to the last one.
        long gapMissed = 0;
        long last = 0;
        while (last != FLOOD)
        {
            final SseReader.Frame f = slow.nextEvent();
            assertNotNull(f, "slow stream ended at " + last);
            if ("gap".equals(f.event()))
            {
                final JsonObject g = JsonParser.parseString(f.data()).getAsJsonObject();
                assertEquals("overflow", g.get("reason").getAsString());
                assertEquals(last + 1, g.get("first").getAsLong(), "the gap starts right after what it got");
                gapMissed += g.get("missed").getAsLong();
                last = g.get("last").getAsLong();
                assertEquals(last, Long.parseLong(f.id()));
            }
            else
            {
                final long id = notifyId(f);
                assertEquals(last + 1, id, "no silent loss");
                last = id;
            }
        }
        assertTrue(gapMissed > 0, "the slow client was told it missed notifications");
        assertTrue(counter("sse.dropped") >= gapMissed, stream.counters().toString());
    }

    @Test
    void stoppingTheServerEndsTheStreamsAndTheGaugeDrops() throws Exception
    {
        start(64, 60_000);
        final SseReader r = connect("/events");
        Await.until(() -> counter("sse.clients") == 1, () -> "one client: " + stream.counters());
        server.close();
        assertEquals(0L, counter("sse.clients"), stream.counters().toString());
        SseReader.Frame f;
        do
        {
            f = r.next();
        }
        while (null != f);
    }

    @Test
    void aStalledClientIsDisconnected() throws Exception
    {
        start(64, 100);
        final SseReader slow = SseReader.open(server.localPort(), "/events", Map.of(), 4096);
        readers.add(slow);
        Await.until(() -> counter("sse.clients") == 1, () -> "one client: " + stream.counters());
        // Keep output pending (a stall is output that does not move), as an owner under load would.
        Await.until(() ->
        {
            for (int i = 0; i < 100; i++)
            {
                hub.onNotification(Notifications.of("stall", "presence", BIG_BODY));
            }
            return counter("sse.stalled_closed") == 1 && counter("sse.clients") == 0;
        }, () -> "stalled client closed: " + stream.counters());
        assertTrue(counter("sse.dropped") > 0);
    }
}
