package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIFO target: JSON-RPC over the agent's jsonrpcs FIFO with one reply FIFO per connection, and a FIFO
 * nobody reads (every request times out, the run still ends, the reply FIFOs are removed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FifoTargetTest
{
    private InProcessAgent agent;

    @BeforeAll
    void start() throws IOException
    {
        agent = new InProcessAgent();
    }

    @AfterAll
    void stop() throws IOException
    {
        if (null != agent)
        {
            agent.close();
        }
    }

    private static BenchSummary run(final String... args)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(args);
        assertNull(parsed.error());
        return new BenchRun(parsed.options(), null).run();
    }

    private static List<Path> replyFifos(final Path dir) throws IOException
    {
        try (var files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("pua_bench_")).toList();
        }
    }

    @Test
    void everyRequestOverTheFifoIsAnsweredOnItsReplyFifo() throws IOException
    {
        for (final String method : List.of(BenchOptions.SEND_PUBLISH, BenchOptions.PUBLISH))
        {
            final BenchSummary s = run("--target", "fifo:" + agent.fifo(), "--fifo-reply-dir",
                agent.replyDir().toString(), "--method", method, "--concurrency", "3", "--requests", "90",
                "--duration", "60", "--presentities", "50");
            assertEquals(90, s.requests(), s.text());
            assertEquals(90, s.ok(), s.text());
            assertEquals(Map.of(), s.transportErrors(), s.text());
            assertTrue(s.allOk(), s.text());
            assertEquals(List.of(), replyFifos(agent.replyDir()), "reply FIFOs left behind");
        }
    }

    @Test
    void aFifoNobodyReadsTimesOutAndTheRunEnds(@TempDir final Path dir) throws Exception
    {
        final Path fifo = dir.resolve("silent.fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        final BenchSummary s = run("--target", "fifo:" + fifo, "--fifo-reply-dir", dir.toString(), "--method",
            BenchOptions.SEND_PUBLISH, "--concurrency", "2", "--duration", "0.5", "--request-timeout-ms", "300");
        assertTrue(s.requests() >= 2, s.text());
        assertEquals(Map.of("timeout", s.requests()), s.transportErrors(), s.text());
        assertEquals(0, s.abandonedWorkers(), s.text());
        assertFalse(s.allOk(), s.text());
        assertEquals(List.of(), replyFifos(dir), "reply FIFOs left behind");
    }

    @Test
    void aMissingFifoIsAConnectError(@TempDir final Path dir)
    {
        final BenchSummary s = run("--target", "fifo:" + dir.resolve("absent.fifo"), "--fifo-reply-dir",
            dir.toString(), "--concurrency", "1", "--duration", "0.3");
        assertTrue(s.requests() >= 1, s.text());
        assertEquals(Map.of("connect", s.requests()), s.transportErrors(), s.text());
    }
}
