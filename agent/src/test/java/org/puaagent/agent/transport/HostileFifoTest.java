package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;
import org.puaagent.agent.rpc.CoreMethods;

/**
 * The agent in-process with both FIFOs, fed what the landed code wedged on, through real FIFOs and its own
 * reader threads: the next request is answered each time, and the counters say what happened.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFifoTest
{
    private static final long PATIENCE_MILLIS = 20_000;

    private Path dir;
    private Agent agent;

    @BeforeAll
    void start() throws IOException
    {
        dir = Files.createTempDirectory("pua-agent-hostile");
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "off",
            "--jsonrpc-http", "off",
            "--jsonrpc-fifo", dir.resolve("rpc.fifo").toString(),
            "--jsonrpc-reply-dir", dir.toString(),
            "--mi-fifo", dir.resolve("mi.fifo").toString(),
            "--mi-reply-dir", dir.toString(),
            "--fifo-reply-timeout-ms", "500",
            "--sip-listen", "udp:127.0.0.1:0",
            "--presence-listen", "udp:127.0.0.1:0"});
        assertEquals(null, parsed.error());
        agent = new Agent(parsed.config());
        agent.start();
    }

    @AfterAll
    void stop() throws IOException
    {
        if (null != agent)
        {
            agent.close();
        }
        try (var files = Files.list(dir))
        {
            for (final Path p : files.toList())
            {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private void write(final String fifo, final byte[] bytes) throws IOException
    {
        try (FileOutputStream out = new FileOutputStream(dir.resolve(fifo).toFile()))
        {
            out.write(bytes);
        }
    }

    /** Makes the reply FIFO, writes the request, reads until {@code complete} holds; returns what was read. */
    private String exchange(final String fifo, final String replyName, final String request,
        final Predicate<String> complete) throws Exception
    {
        final Path reply = dir.resolve(replyName);
        Files.deleteIfExists(reply);
        Fifo.create(reply, 0600);
        try (FifoEnd end = FifoEnd.reader(reply))
        {
            write(fifo, request.getBytes(StandardCharsets.UTF_8));
            final StringBuilder got = new StringBuilder();
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
            while (!complete.test(got.toString()))
            {
                assertTrue(System.nanoTime() - until < 0, "no answer on " + replyName + ", got: " + got);
                Thread.sleep(5);
                got.append(end.drainText());
            }
            return got.toString();
        }
        finally
        {
            Files.deleteIfExists(reply);
        }
    }

    private String version(final String replyName) throws Exception
    {
        return exchange("rpc.fifo", replyName, "{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \""
            + replyName + "\", \"id\": 1}\n", s -> s.endsWith("}"));
    }

    private String miVersion(final String replyName) throws Exception
    {
        return exchange("mi.fifo", replyName, ":version:" + replyName + "\n\n", s -> s.endsWith("\n\n"));
    }

    @Test
    void aLoneBraceDoesNotWedgeTheJsonRpcFifo() throws Exception
    {
        final long before = agent.counters().get("errors.fifo_truncated");
        write("rpc.fifo", "{".getBytes(StandardCharsets.UTF_8));
        assertTrue(version("kamailio_receiver_1").contains(CoreMethods.VERSION));
        assertEquals(before + 1, agent.counters().get("errors.fifo_truncated"));
        assertTrue(version("kamailio_rpc_reply.fifo").contains(CoreMethods.VERSION), "kamcli's default name");
    }

    @Test
    void aNulOnTheMiFifoDoesNotWedgeIt() throws Exception
    {
        final long before = agent.counters().get("errors.fifo_nul");
        write("mi.fifo", ":version:a\0b\n\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(miVersion("mi_reply_1").startsWith("200 OK\n"));
        assertEquals(before + 1, agent.counters().get("errors.fifo_nul"));
    }

    @Test
    void theAgentsOwnRequestFifosAreNeverUsedAsReplyFifos() throws Exception
    {
        final long before = agent.counters().get("errors.fifo_reply_unsafe");
        write("rpc.fifo", ("{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \"rpc.fifo\", \"id\": 3}"
            + "{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \"mi.fifo\", \"id\": 4}")
            .getBytes(StandardCharsets.UTF_8));
        write("mi.fifo", ":version:rpc.fifo\n\n".getBytes(StandardCharsets.UTF_8));
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (agent.counters().get("errors.fifo_reply_unsafe") < before + 3)
        {
            assertTrue(System.nanoTime() - until < 0, "the three replies are refused");
            Thread.sleep(10);
        }
        assertTrue(version("kamailio_receiver_3").contains(CoreMethods.VERSION));
        assertTrue(miVersion("mi_reply_3").startsWith("200 OK\n"));
    }

    @Test
    void aReplyFifoNobodyReadsIsGivenUpAndTheNextClientIsAnswered() throws Exception
    {
        final long before = agent.counters().get("errors.fifo_reply_no_reader");
        Fifo.create(dir.resolve("never_read"), 0600);
        write("rpc.fifo", ("{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \"never_read\", "
            + "\"id\": 2}").getBytes(StandardCharsets.UTF_8));
        assertTrue(version("kamailio_receiver_2").contains(CoreMethods.VERSION), "answered while the other waits");
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (agent.counters().get("errors.fifo_reply_no_reader") == before)
        {
            assertTrue(System.nanoTime() - until < 0, "the reply nobody reads is given up");
            Thread.sleep(10);
        }
    }
}
