package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Webhooks against a small receiver on 127.0.0.1 (the JDK's HTTP server): every POST with the JSON, in order;
 * filters; retries with back-off for 5xx and refused connections; no retry for a 4xx; a full queue drops the
 * oldest. The test thread plays the pipeline owner: its calls to the hub return whatever the receiver does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookDeliveryTest
{
    /** One POST as the receiver saw it. */
    record Received(String path, long sequence, int attempt, String contentType, JsonObject json)
    {
    }

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final NotificationHub hub = new NotificationHub(1000);

    @AfterEach
    void stop() throws Exception
    {
        for (int i = closing.size() - 1; i >= 0; i--)
        {
            closing.get(i).close();
        }
    }

    /** A receiver answering the status {@code answer} gives for the n-th request (0-based); returns its port. */
    private int receiver(final IntUnaryOperator answer, final CountDownLatch hold) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        final AtomicInteger n = new AtomicInteger();
        server.createContext("/", ex -> handle(ex, answer.applyAsInt(n.getAndIncrement()), hold));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r ->
        {
            final Thread t = new Thread(r, "test-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        closing.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange ex, final int status, final CountDownLatch hold) throws IOException
    {
        try (InputStream in = ex.getRequestBody())
        {
            final String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestURI().getPath(),
                Long.parseLong(ex.getRequestHeaders().getFirst(Webhook.SEQUENCE_HEADER)),
                Integer.parseInt(ex.getRequestHeaders().getFirst(Webhook.ATTEMPT_HEADER)),
                ex.getRequestHeaders().getFirst("Content-Type"),
                JsonParser.parseString(body).getAsJsonObject()));
        }
        if (null != hold)
        {
            try
            {
                hold.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private WebhookDelivery delivery(final DeliveryConfig config)
    {
        final WebhookDelivery d = new WebhookDelivery(hub, config);
        d.start();
        closing.add(d);
        return d;
    }

    private static DeliveryConfig config(final int attempts, final int backoffMs, final int queue,
        final WebhookTarget... targets)
    {
        return new DeliveryConfig(1000, 15_000, List.of(targets), attempts, backoffMs, backoffMs * 4, queue, 5_000);
    }

    private static WebhookTarget target(final String url)
    {
        final WebhookTarget.Parsed p = WebhookTarget.parse(url);
        assertEquals(null, p.error());
        return p.target();
    }

    private static long count(final WebhookDelivery d, final String name)
    {
        return d.counters().get(name);
    }

    @Test
    void everyNotificationIsPostedInOrderWithItsJson() throws IOException
    {
        final int port = receiver(n -> 200, null);
        final WebhookTarget all = target("http://127.0.0.1:" + port + "/all");
        final WebhookTarget bob = target("http://127.0.0.1:" + port + "/bob")
            .withFilter(NotificationFilter.parsePath("sip:bob@127.0.0.1/presence").filter());
        final WebhookDelivery d = delivery(config(3, 10, 1000, all, bob));
        final int total = 60;
        for (int i = 1; i <= total; i++)
        {
            hub.onNotification(Notifications.presence(i % 3 == 0 ? "bob" : "alice"));
        }
        Await.until(() -> count(d, "webhook.delivered") == total + total / 3, () -> d.counters().toString());
        final List<Long> allSeq = new ArrayList<>();
        final List<Long> bobSeq = new ArrayList<>();
        synchronized (received)
        {
            for (final Received r : received)
            {
                assertEquals("application/json", r.contentType());
                assertEquals(1, r.attempt());
                assertEquals(r.sequence(), r.json().get("sequence").getAsLong());
                assertEquals(Notifications.PIDF_OPEN, r.json().get("body").getAsString());
                (r.path().equals("/all") ? allSeq : bobSeq).add(r.sequence());
                if (r.path().equals("/bob"))
                {
                    assertEquals("sip:bob@127.0.0.1", r.json().get("presentity").getAsString());
                }
            }
        }
        final List<Long> expectAll = new ArrayList<>();
        final List<Long> expectBob = new ArrayList<>();
        for (long i = 1; i <= total; i++)
        {
            expectAll.add(i);
            if (i % 3 == 0)
            {
                expectBob.add(i);
            }
        }
        assertEquals(expectAll, allSeq, "one POST each, in sequence order");
        assertEquals(expectBob, bobSeq);
        assertEquals(0L, count(d, "webhook.retried"));
        assertEquals(0L, count(d, "webhook.failed"));
        assertEquals(0L, count(d, "webhook.dropped"));
        assertEquals(2L, count(d, "webhook.targets"));
    }

    @Test
    void serverErrorsAreRetriedAndARefusalIsNot() throws IOException
    {
        // first two answers 503, then 200 for the first notification; 400 for the second
        final int port = receiver(n -> n < 2 ? 503 : n == 2 ? 200 : 400, null);
        final WebhookDelivery d = delivery(config(3, 10, 1000, target("http://127.0.0.1:" + port)));
        hub.onNotification(Notifications.presence("alice"));
        Await.until(() -> count(d, "webhook.delivered") == 1, () -> d.counters().toString());
        hub.onNotification(Notifications.presence("alice"));
        Await.until(() -> count(d, "webhook.failed") == 1, () -> d.counters().toString());
        assertEquals(2L, count(d, "webhook.retried"));
        final List<Integer> attempts = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        synchronized (received)
        {
            received.forEach(r -> attempts.add(r.attempt()));
            received.forEach(r -> sequences.add(r.sequence()));
        }
        assertEquals(List.of(1, 2, 3, 1), attempts);
        assertEquals(List.of(1L, 1L, 1L, 2L), sequences);
        assertEquals("/", received.get(0).path(), "an URL without path posts to /");
    }

    @Test
    void aDeadWebhookIsRetriedBoundedlyAndCountedWithoutHoldingTheOwner() throws IOException
    {
        final int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            deadPort = s.getLocalPort();
        }
        final WebhookDelivery d = delivery(config(3, 5, 1000, target("http://127.0.0.1:" + deadPort + "/x")));
        final int total = 10;
        for (int i = 0; i < total; i++)
        {
            hub.onNotification(Notifications.presence("alice"));
        }
        assertEquals(total, hub.lastSequence(), "the owner's calls all returned");
        Await.until(() -> count(d, "webhook.failed") == total, () -> d.counters().toString());
        assertEquals(2L * total, count(d, "webhook.retried"), "3 attempts = 2 retries each");
        assertEquals(0L, count(d, "webhook.delivered"));
        assertEquals(0L, count(d, "webhook.dropped"));
        assertEquals(0L, count(d, "webhook.queued"));
    }

    @Test
    void aFullQueueDropsTheOldestWaiting() throws IOException
    {
        final CountDownLatch hold = new CountDownLatch(1);
        final int port = receiver(n -> 200, hold);
        final WebhookDelivery d = delivery(config(1, 10, 2, target("http://127.0.0.1:" + port)));
        hub.onNotification(Notifications.presence("first"));
        Await.until(() -> received.size() == 1, () -> "first POST in flight");
        for (int i = 0; i < 10; i++)
        {
            hub.onNotification(Notifications.presence("next" + i));
        }
        Await.until(() -> count(d, "webhook.dropped") == 8, () -> d.counters().toString());
        assertEquals(2L, count(d, "webhook.queued"));
        hold.countDown();
        Await.until(() -> count(d, "webhook.delivered") == 3, () -> d.counters().toString());
        final List<Long> sequences = new ArrayList<>();
        synchronized (received)
        {
            received.forEach(r -> sequences.add(r.sequence()));
        }
        assertEquals(List.of(1L, 10L, 11L), sequences, "the newest two waited, the rest was dropped");
    }

    @Test
    void backoffDoublesUpToTheCap()
    {
        final Webhook w = new Webhook(target("http://127.0.0.1:9/"), hub,
            new DeliveryConfig(10, 1000, List.of(), 6, 500, 4000, 10, 1000), new WebhookDelivery.Counters());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), w.backoffNanos(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1000), w.backoffNanos(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2000), w.backoffNanos(3));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(4000), w.backoffNanos(4));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(4000), w.backoffNanos(5));
    }

    @Test
    void theQueueIsBoundedInBytesTooAndDropsTheOldest()
    {
        final WebhookDelivery.Counters counters = new WebhookDelivery.Counters();
        final Webhook w = new Webhook(target("http://127.0.0.1:9/"), hub,
            new DeliveryConfig(10, 1000, List.of(), 6, 500, 4000, 100, 1000), counters, 3000);
        for (int i = 1; i <= 5; i++)
        {
            w.onEvent(new HubEvent(i, Notifications.presence("u" + i), 1000));
        }
        assertEquals(3, counters.queued.sum(), "three of 1000 bytes fit in 3000 (the count limit is 100)");
        assertEquals(2, counters.dropped.sum());
        assertEquals(2, counters.queueBytesFull.sum());
        w.onEvent(new HubEvent(6, Notifications.presence("u6"), 500));
        assertEquals(3, counters.queued.sum(), "a smaller one still pushes out the oldest: 1000 + 1000 + 500");
        assertEquals(3, counters.queueBytesFull.sum());
        w.onEvent(new HubEvent(7, Notifications.presence("u7"), 500));
        assertEquals(4, counters.queued.sum(), "a small one fits in the room left: 1000 + 1000 + 500 + 500");
        assertEquals(3, counters.dropped.sum());
    }

    @Test
    void webhookUrlsAreHttpWithNumericHostsOnly()
    {
        assertEquals("http://127.0.0.1:8080/hook?x=1", target("http://127.0.0.1:8080/hook?x=1").uri().toString());
        assertEquals("http://[::1]:8080/", target("http://[::1]:8080").uri().toString());
        assertTrue(WebhookTarget.parse("http://localhost:8080/").error().contains("numeric IP"));
        assertTrue(WebhookTarget.parse("https://127.0.0.1/").error().contains("only http://"));
        assertTrue(WebhookTarget.parse("127.0.0.1:8080").error().contains("only http://"));
        assertTrue(WebhookTarget.parse("http://u:p@127.0.0.1/").error().contains("user info"));
        assertTrue(WebhookTarget.parse("http://127.0.0.1:0/").error().contains("bad port"));
        assertTrue(WebhookTarget.parse("http://127.0.0.1/a b").error().contains("not a URL"));
    }
}
