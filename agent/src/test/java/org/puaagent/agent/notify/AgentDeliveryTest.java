package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;

/**
 * The wiring in the agent: the hub it builds feeds the SSE stream on its JSON-RPC HTTP server and the
 * configured webhook, and {@code agent.stats} shows the delivery counters. The test thread plays the
 * pipeline owner (the hub is not yet connected to the pipeline's subscriptions in this branch).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentDeliveryTest
{
    private static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return s.getLocalPort();
        }
    }

    private static JsonObject stats(final int httpPort)
    {
        try
        {
            final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            final HttpResponse<String> stats = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/RPC")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"agent.stats\",\"id\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
            return JsonParser.parseString(stats.body()).getAsJsonObject().getAsJsonObject("result");
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void oneNotificationReachesTheStreamTheWebhookAndTheCounters() throws Exception
    {
        final List<String> posted = new CopyOnWriteArrayList<>();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        receiver.createContext("/hook", ex ->
        {
            try (InputStream in = ex.getRequestBody())
            {
                posted.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        final int httpPort = freePort();
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "off", "--jsonrpc-fifo", "off", "--mi-fifo", "off",
            "--jsonrpc-http", "127.0.0.1:" + httpPort,
            "--sip-listen", "udp:127.0.0.1:0", "--presence-listen", "udp:127.0.0.1:0",
            "--webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
            "--webhook-filter", "sip:alice@127.0.0.1/presence"});
        assertEquals(null, parsed.error());
        try (Agent agent = new Agent(parsed.config()))
        {
            agent.start();
            assertTrue(agent.describe().stream().anyMatch(l -> l.contains("/events")), agent.describe().toString());
            try (SseReader sse = SseReader.open(httpPort, "/events?event=presence"))
            {
                assertEquals(200, sse.status());
                assertTrue(sse.next().isCommentOnly(), "greeting");
                agent.notifications().onNotification(Notifications.presence("alice"));
                final SseReader.Frame f = sse.nextEvent();
                assertNotNull(f);
                assertEquals("1", f.id());
                assertEquals("sip:alice@127.0.0.1",
                    JsonParser.parseString(f.data()).getAsJsonObject().get("presentity").getAsString());
                Await.until(() -> posted.size() == 1, () -> "webhook POST");
                assertEquals(f.data(), posted.get(0), "the webhook body is the SSE data");

                // the counter follows the receiver's answer: wait for it, bounded
                Await.until(() -> stats(httpPort).get("webhook.delivered").getAsInt() == 1, () -> "delivered");
                final JsonObject result = stats(httpPort);
                final String body = result.toString();
                assertEquals(1, result.get("hub.sequence").getAsInt(), body);
                assertEquals(1, result.get("sse.clients").getAsInt(), body);
                assertEquals(1, result.get("sse.events_sent").getAsInt(), body);
                assertEquals(1, result.get("webhook.delivered").getAsInt(), body);
                assertEquals(0, result.get("webhook.dropped").getAsInt(), body);
            }
        }
        finally
        {
            receiver.stop(0);
        }
    }
}
