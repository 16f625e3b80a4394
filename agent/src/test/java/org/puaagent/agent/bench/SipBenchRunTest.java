package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.puaagent.agent.presence.PresenceServer;
import org.puaagent.agent.presence.PresenceServerConfig;

/**
 * Short SIP-direct runs ({@code --target sip:...}) against the embedded presence server started in this
 * process, which grants at most 2 s so that the pipelines' own refresh cycles run during the load. Counts only;
 * no timed assertion.
 */
class SipBenchRunTest
{
    private static final int WATCHERS = 20;
    private static final int PRESENTITIES = 50;

    private PresenceServer server;

    @BeforeEach
    void startServer() throws IOException
    {
        server = PresenceServer.start(PresenceServerConfig.defaults().withExpires(1, 2));
    }

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    private String target()
    {
        return "sip:127.0.0.1:" + server.address().getPort();
    }

    @Test
    void aClosedLoopRunPublishesSubscribesRefreshesAndCleansUp()
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", target(), "--concurrency",
            "4", "--warmup", "0.5", "--duration", "2", "--presentities", Integer.toString(PRESENTITIES), "--watchers",
            Integer.toString(WATCHERS), "--expires", "2", "--subscribe-expires", "11", "--request-timeout-ms", "5000"});
        assertNull(parsed.error());
        final BenchSummary s = new BenchRun(parsed.options(), null).run();
        final SipFigures sip = s.sip();
        assertNotNull(sip);
        assertTrue(s.requests() > 0, s.text());
        assertEquals(s.requests(), s.ok(), s.text());
        assertEquals(WATCHERS, sip.established(), s.json());
        assertTrue(s.allOk(), s.text());
        assertEquals(0, s.outcomes().unaccounted(), s.text());
        assertEquals(s.requests(), sip.initialPublishes() + sip.modifyPublishes(), s.text());
        assertEquals(s.ok(), sip.publishOutcomes().getOrDefault("200", 0L), s.text());
        assertEquals(WATCHERS, sip.established(), s.json());
        assertTrue(sip.notifies() >= WATCHERS, s.text());
        assertTrue(sip.refreshes().subscribeSent() > 0, s.text());
        assertEquals(0, sip.refreshes().failed(), s.text());
        assertEquals(0, sip.duplicateOutcomes(), s.text());
        assertEquals(WATCHERS, sip.cleanup().unsubscribed(), s.text());
        assertEquals(PRESENTITIES, sip.cleanup().unpublished(), s.text());
        assertEquals(0, sip.cleanup().unfinished(), s.text());
        assertEquals(0, server.publicationCount(), s.text());
        assertEquals(s.series().size(), sip.notifySeries().size());
        final String json = s.json();
        assertTrue(json.contains("\"method\":\"SIP PUBLISH\""), json);
        assertTrue(json.contains("\"sip\":{\"publisher\":"), json);
        assertTrue(json.contains("\"subscriptions\":{\"watchers\":" + WATCHERS + ",\"established\":" + WATCHERS),
            json);
        assertTrue(s.text().contains("sip: subscriptions " + WATCHERS + " of " + WATCHERS + " established"),
            s.text());
        final String html = HtmlReport.render(s, parsed.options(), Instant.EPOCH);
        assertTrue(html.contains("<h2>SIP</h2>"), html);
        assertTrue(html.contains("NOTIFYs received per second"), html);
    }

    @Test
    void anOpenLoopRunLeavesIdlePublicationsToThePipelinesRefreshes()
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", target(), "--rate", "40",
            "--duration", "2.5", "--presentities", "100", "--expires", "2", "--cleanup", "unsubscribe"});
        assertNull(parsed.error());
        final BenchSummary s = new BenchRun(parsed.options(), null).run();
        assertTrue(s.allOk(), s.text());
        assertEquals(s.requests(), s.outcomes().scheduled(), s.text());
        assertTrue(s.sip().refreshes().publishSent() > 0, s.text());
        assertEquals(0, s.sip().refreshes().publishFailed(), s.text());
        assertEquals(0, s.sip().cleanup().unpublishes(), s.text());
        assertEquals(0, s.sip().watchers(), s.text());
        assertTrue(server.publicationCount() > 0, "left to expire by themselves: " + s.text());
    }

    @Test
    void aBodyTemplateFillsInThePlaceholders() throws IOException
    {
        final Path file = Files.createTempFile("body", ".xml");
        try
        {
            Files.writeString(file, "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
                + " entity=\"${presentity}\"><tuple id=\"t${index}\"><status><basic>${basic}</basic></status>"
                + "<note>n${sequence}</note></tuple></presence>\n");
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final int status = BenchCommand.run(new String[] {"--target", target(), "--concurrency", "1",
                "--duration", "5", "--requests", "3", "--presentities", "1", "--body-template", file.toString(), "--cleanup", "none"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
                    true, StandardCharsets.UTF_8));
            assertEquals(BenchCommand.EXIT_ALL_OK, status, out.toString(StandardCharsets.UTF_8));
            final String body = server.lookup("sip:user0@127.0.0.1:" + server.address().getPort(), "presence").orElseThrow().body();
            assertTrue(body.contains("entity=\"sip:user0@127.0.0.1:" + server.address().getPort() + "\""), body);
            assertTrue(body.contains("<tuple id=\"t0\"><status><basic>open</basic></status><note>n2</note>"), body);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
