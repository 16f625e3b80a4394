package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;

/**
 * Short closed-loop runs against an in-process agent with its embedded presence server, on every transport the
 * load generator speaks. Counts only; no timed assertion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchRunTest
{
    private static final int REQUESTS = 500;
    private static final int CONCURRENCY = 4;
    /** Far above what 500 requests need: the request bound ends these runs. */
    private static final String DURATION = "60";

    private Path dir;
    private Agent agent;
    private int binrpcPort;
    private Path binrpcSocket;
    private int httpPort;

    @BeforeAll
    void startAgent() throws IOException
    {
        dir = Files.createTempDirectory("bench");
        binrpcSocket = dir.resolve("ctl");
        binrpcPort = freeTcpPort();
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "tcp:127.0.0.1:" + binrpcPort, "--binrpc", "unixs:" + binrpcSocket,
            "--jsonrpc-http", "127.0.0.1:0", "--jsonrpc-fifo", "off", "--mi-fifo", "off",
            "--sip-listen", "udp:127.0.0.1:0", "--presence-listen", "udp:127.0.0.1:0"});
        assertNull(parsed.error());
        agent = new Agent(parsed.config());
        try
        {
            agent.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            agent.close();
            throw ex;
        }
        httpPort = agent.http().localPort();
    }

    @AfterAll
    void stopAgent() throws IOException
    {
        if (null != agent)
        {
            agent.close();
        }
        Files.deleteIfExists(binrpcSocket);
        Files.deleteIfExists(dir);
    }

    /** A port that was free a moment ago (the StreamServer does not tell the port it bound for port 0). */
    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
    }

    private static BenchSummary run(final String target, final String method)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", target, "--method", method,
            "--concurrency", Integer.toString(CONCURRENCY), "--requests", Integer.toString(REQUESTS),
            "--duration", DURATION, "--presentities", "100"});
        assertNull(parsed.error());
        return new BenchRun(parsed.options(), null).run();
    }

    private static void assertAllOk(final BenchSummary s)
    {
        assertEquals(Map.of(), s.faults(), s.text());
        assertEquals(Map.of(), s.transportErrors(), s.text());
        assertEquals(REQUESTS, s.requests(), s.text());
        assertEquals(REQUESTS, s.ok(), s.text());
        assertEquals(REQUESTS, s.latency().count(), s.text());
        assertEquals(0, s.abandonedWorkers(), s.text());
        assertTrue(s.allOk(), s.text());
        assertTrue(s.throughput() > 0, s.text());
    }

    @Test
    void publishOverBinRpcTcpGetsEveryFinalReply()
    {
        assertAllOk(run("binrpc-tcp:127.0.0.1:" + binrpcPort, BenchOptions.PUBLISH));
    }

    @Test
    void publishOverBinRpcUnixGetsEveryFinalReply()
    {
        assertAllOk(run("binrpc-unix:" + binrpcSocket, BenchOptions.PUBLISH));
    }

    @Test
    void publishOverHttpGetsEveryFinalReply()
    {
        assertAllOk(run("http://127.0.0.1:" + httpPort + "/RPC", BenchOptions.PUBLISH));
    }

    @Test
    void sendPublishOverHttpGetsEveryEmptyReply()
    {
        assertAllOk(run("http://127.0.0.1:" + httpPort + "/RPC", BenchOptions.SEND_PUBLISH));
    }

    @Test
    void theCommandPrintsOneJsonLineAndExitsZero()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchCommand.run(new String[] {"--target", "binrpc-tcp:127.0.0.1:" + binrpcPort,
            "--concurrency", "2", "--requests", "50", "--duration", DURATION},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(BenchCommand.EXIT_ALL_OK, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.startsWith("{\"target\":\"binrpc-tcp:127.0.0.1:" + binrpcPort + "\""), json);
        assertTrue(json.contains("\"requests\":50,\"ok\":50,"), json);
        assertTrue(json.contains("\"faults\":{},\"transport_errors\":{}"), json);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("requests 50 (ok 50, faults 0, transport errors 0)"),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPublishReplyWithoutEtagIsNotOk()
    {
        // expires 0 and no publication to remove: nothing is sent and pua.publish answers {} (no SIP-ETag).
        // The first run removes what other tests may have published for sip:user0@127.0.0.1.
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target",
            "binrpc-tcp:127.0.0.1:" + binrpcPort, "--concurrency", "1", "--requests", "20", "--duration", DURATION,
            "--expires", "0", "--presentities", "1"});
        new BenchRun(parsed.options(), null).run();
        final BenchSummary s = new BenchRun(parsed.options(), null).run();
        assertEquals(20, s.requests(), s.text());
        assertEquals(0, s.ok(), s.text());
        assertEquals(20, s.withoutEtag(), s.text());
        assertEquals(Map.of(), s.transportErrors(), s.text());
        assertFalse(s.allOk(), s.text());
    }
}
