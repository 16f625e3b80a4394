package org.puaagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puaagent.agent.notify.DeliveryConfig;
import org.puaagent.agent.notify.NotificationFilter;
import org.puaagent.agent.notify.WebhookTarget;

/** The options of the notification delivery paths: defaults, webhooks with their filters, errors. */
class DeliveryOptionsTest
{
    @Test
    void defaults()
    {
        final DeliveryConfig d = CommandLine.parse(new String[0]).config().delivery();
        assertEquals(DeliveryConfig.defaults(), d);
        assertEquals(10_000, d.eventsBuffer());
        assertEquals(15_000, d.sseHeartbeatMillis());
        assertTrue(d.webhooks().isEmpty());
    }

    @Test
    void webhooksWithFiltersForTheOneBefore()
    {
        final DeliveryConfig d = CommandLine.parse(new String[] {
            "--webhook", "http://127.0.0.1:9000/all",
            "--webhook", "http://127.0.0.1:9001/alice", "--webhook-filter", "sip:alice@127.0.0.1/presence",
            "--webhook=http://[::1]:9002", "--webhook-filter", "*/dialog",
            "--webhook-attempts", "3", "--webhook-backoff-ms", "100", "--webhook-backoff-max-ms", "800",
            "--webhook-queue", "50", "--webhook-timeout-ms", "2000", "--events-buffer", "500",
            "--sse-heartbeat-ms", "5000"}).config().delivery();
        final List<WebhookTarget> w = d.webhooks();
        assertEquals(3, w.size());
        assertEquals("http://127.0.0.1:9000/all", w.get(0).uri().toString());
        assertEquals(NotificationFilter.ANY, w.get(0).filter());
        assertEquals(Set.of("sip:alice@127.0.0.1"), w.get(1).filter().presentities());
        assertEquals(Set.of("presence"), w.get(1).filter().events());
        assertEquals(Set.of(), w.get(2).filter().presentities());
        assertEquals(Set.of("dialog"), w.get(2).filter().events());
        assertEquals(new DeliveryConfig(500, 5000, w, 3, 100, 800, 50, 2000), d);
    }

    @Test
    void commandLineWebhooksReplaceTheFilesOnes(@TempDir final Path dir) throws IOException
    {
        final Path f = dir.resolve("agent.conf");
        Files.writeString(f, "webhook = http://127.0.0.1:1/a\nwebhook-filter = sip:a@127.0.0.1\n");
        assertEquals(1, CommandLine.parse(new String[] {"--config", f.toString()}).config().delivery().webhooks()
            .size());
        final List<WebhookTarget> w = CommandLine.parse(new String[] {"--config", f.toString(), "--webhook",
            "http://127.0.0.1:2/b"}).config().delivery().webhooks();
        assertEquals(1, w.size());
        assertEquals("http://127.0.0.1:2/b", w.get(0).uri().toString());
        assertTrue(CommandLine.parse(new String[] {"--config", f.toString(), "--webhook", "off"}).config()
            .delivery().webhooks().isEmpty());
    }

    @Test
    void badDeliveryOptionsAreErrors()
    {
        assertTrue(CommandLine.parse(new String[] {"--webhook", "http://localhost:9000/"}).error()
            .contains("numeric IP"));
        assertTrue(CommandLine.parse(new String[] {"--webhook", "https://127.0.0.1/"}).error()
            .contains("only http://"));
        assertTrue(CommandLine.parse(new String[] {"--webhook-filter", "sip:a@127.0.0.1/presence"}).error()
            .contains("after the --webhook"));
        assertTrue(CommandLine.parse(new String[] {"--webhook", "http://127.0.0.1:1/", "--webhook-filter",
            "alice/presence"}).error().contains("not a URI"));
        assertTrue(CommandLine.parse(new String[] {"--webhook-attempts", "0"}).error().contains("positive"));
        assertTrue(CommandLine.parse(new String[] {"--events-buffer", "x"}).error().contains("positive"));
    }
}
