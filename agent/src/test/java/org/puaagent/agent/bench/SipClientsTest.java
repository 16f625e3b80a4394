package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.presence.PresenceServer;
import org.puaagent.agent.presence.PresenceServerConfig;

/**
 * The SIP-direct clients as {@link BenchRun}'s loop sees them: giving up, the per-slice note, the figures, and
 * the progress lines of a short run (each with the NOTIFY rate of its slice). Counts only; no timed assertion.
 */
class SipClientsTest
{
    private static final Pattern SLICE_LINE = Pattern.compile(
        " *\\d+\\.\\ds (warmup|measure) .* ok \\d+  errors \\d+  NOTIFY \\d+/s");

    private static SipWorker.Shared idle(final int workers)
    {
        return new SipWorker.Shared(null, null, null, null, null, null, null, null, Map.of(), null, null, null, 0,
            new CountDownLatch(workers));
    }

    @Test
    void givingUpEndsTheWaitAndLeavesTheWorkersUnfinished() throws InterruptedException
    {
        final SipClients clients = new SipClients(idle(3), 3, seconds -> "", () -> null);
        assertFalse(clients.awaitDone(0));
        assertEquals(3, clients.unfinished());
        assertEquals(0, clients.busy());
        assertEquals(3, clients.recorders().size());
        assertEquals(42L, clients.lastMeasuredNanos(42L), "nothing measured: the fallback");
        clients.close();
        assertTrue(clients.awaitDone(0));
        assertEquals(3, clients.unfinished());
    }

    @Test
    void theNoteAndTheFiguresComeFromTheRun()
    {
        final SipFigures figures = new SipFigures("127.0.0.1:5060", null, 0, 0, Map.of(), 0, 0, Map.of(), 0, 0,
            new SipFigures.Refreshes(0, 0, 0, 0), 0, new SipFigures.Cleanup("none", 0, 0, 0, 0, 0, 0), Map.of(),
            List.of());
        final SipClients clients = new SipClients(idle(1), 1, seconds -> "  NOTIFY " + seconds, () -> figures);
        assertEquals("  NOTIFY 0.5", clients.sliceNote(0.5));
        assertSame(figures, clients.finish());
    }

    @Test
    void everyProgressLineOfASipRunCarriesTheNotifyRateOfItsSlice() throws IOException
    {
        final PresenceServer server = PresenceServer.start(PresenceServerConfig.defaults().withExpires(1, 2));
        try
        {
            final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target",
                "sip:127.0.0.1:" + server.address().getPort(), "--concurrency", "2", "--warmup", "0", "--duration",
                "1.5", "--presentities", "5", "--watchers", "5", "--expires", "2", "--request-timeout-ms", "5000"});
            assertNull(parsed.error());
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final BenchSummary s = new BenchRun(parsed.options(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run();
            final String progress = out.toString(StandardCharsets.UTF_8);
            final List<String> lines = progress.lines().filter(l -> !l.startsWith("bench:")).toList();
            assertTrue(progress.contains("bench: 5 of 5 subscriptions established"), progress);
            assertEquals(s.series().size(), lines.size(), progress);
            assertEquals(s.series().size(), s.sip().notifySeries().size(), progress);
            for (final String line : lines)
            {
                assertTrue(SLICE_LINE.matcher(line).matches(), line);
            }
            assertEquals(s.sip().notifies() > 0, s.sip().notifySeries().stream().mapToLong(Long::longValue).sum() > 0,
                s.text());
        }
        finally
        {
            server.close();
        }
    }
}
