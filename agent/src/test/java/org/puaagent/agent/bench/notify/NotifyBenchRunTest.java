package org.puaagent.agent.bench.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;

/**
 * {@code bench-notify} against an agent started in-process with its embedded presence server: a short run
 * delivers every (change, watcher) pair, with one presentity and with the watchers spread over several; the
 * command's exit status and JSON say so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyBenchRunTest
{
    private static Agent agent;
    private static int tcpPort;
    private static int httpPort;
    private static int presencePort;

    @BeforeAll
    static void start() throws IOException
    {
        tcpPort = freePort();
        httpPort = freePort();
        presencePort = freePort();
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "tcp:127.0.0.1:" + tcpPort,
            "--jsonrpc-http", "127.0.0.1:" + httpPort,
            "--jsonrpc-fifo", "off",
            "--mi-fifo", "off",
            "--sip-listen", "udp:127.0.0.1:0",
            "--presence-listen", "udp:127.0.0.1:" + presencePort,
            "--transaction-timeout-ms", "3000"});
        assertNull(parsed.error());
        agent = new Agent(parsed.config());
        agent.start();
    }

    @AfterAll
    static void stop()
    {
        if (null != agent)
        {
            agent.close();
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return s.getLocalPort();
        }
    }

    private static NotifyBenchOptions options(final String user, final String... more)
    {
        final String[] base = {"--binrpc", "tcp:127.0.0.1:" + tcpPort, "--http", "127.0.0.1:" + httpPort,
            "--presentity", "sip:" + user + "@127.0.0.1:" + presencePort, "--watchers", "20", "--warmup", "2",
            "--publishes", "3", "--interval-ms", "50", "--ready-timeout-ms", "20000", "--drain-timeout-ms", "10000"};
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        final NotifyBenchOptions.Parsed parsed = NotifyBenchOptions.parse(args);
        assertNull(parsed.error());
        return parsed.options();
    }

    @Test
    void everyWatcherOfOnePresentityGetsEveryChange()
    {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final NotifyBenchResult result = new NotifyBenchRun(options("one"),
            new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        final String text = result.text() + log.toString(StandardCharsets.UTF_8);
        assertNull(result.abort(), text);
        assertEquals(20, result.subscribed(), text);
        assertEquals(20, result.activeWatchers(), text);
        assertEquals(0, result.gaps(), text);
        final LatencyReport report = result.report();
        assertNotNull(report, text);
        assertEquals(0, report.missing(), text);
        assertEquals(0, report.superseded(), text);
        assertEquals(60, report.delivered(), text);
        assertEquals(60, report.latency().getTotalCount(), text);
        assertEquals(3, report.roundTrip().getTotalCount(), text);
        assertEquals(100, result.agentCounters().get("notify.delivered"), text);
        assertTrue(result.ok(), text);
    }

    @Test
    void watchersSpreadOverPresentitiesThroughTheCommand()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final NotifyBenchOptions o = options("many", "--presentities", "4");
        final int status = NotifyBenchCommand.run(new String[] {"--binrpc", "tcp:127.0.0.1:" + tcpPort, "--http",
            "127.0.0.1:" + httpPort, "--presentity", o.presentity(), "--presentities", "4", "--watchers", "20",
            "--warmup", "1", "--publishes", "3", "--interval-ms", "50", "--stagger", "1"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String json = out.toString(StandardCharsets.UTF_8);
        final String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(NotifyBenchCommand.EXIT_ALL_DELIVERED, status, text + json);
        assertTrue(json.contains("\"delivered\":60,\"superseded\":0,\"missing\":0,"), json);
        assertTrue(json.contains("\"presentities\":4,"), json);
        assertTrue(text.contains("60 delivered, 0 superseded, 0 missing"), text);
    }
}
