package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest
{
    private static BenchOptions ok(final String... args)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(args);
        assertNull(parsed.error(), "unexpected error");
        assertFalse(parsed.help());
        return parsed.options();
    }

    @Test
    void defaultsAreTheAgentsDefaultTcpListenerAndSixteenConnections()
    {
        final BenchOptions o = ok();
        assertEquals(new BenchTarget.BinRpcTcp(new java.net.InetSocketAddress("127.0.0.1", 2049)), o.target());
        assertEquals("pua.publish", o.method());
        assertEquals(16, o.concurrency());
        assertEquals(0, o.warmupMillis());
        assertEquals(10_000, o.durationMillis());
        assertEquals(Long.MAX_VALUE, o.maxRequests());
        assertEquals(10_000, o.presentities());
        assertEquals(500, o.bodyBytes());
        assertEquals(3600, o.expires());
        assertTrue(o.expectsEtag());
    }

    @Test
    void everyOptionIsRead()
    {
        final BenchOptions o = ok("--target", "http://127.0.0.1:5080/RPC", "--method", "pua.send_publish",
            "--concurrency", "4", "--warmup", "5", "--duration=0.5", "--requests", "500", "--presentities", "7",
            "--body-bytes", "900", "--expires", "60", "--request-timeout-ms", "1500");
        final BenchTarget.Http http = assertInstanceOf(BenchTarget.Http.class, o.target());
        assertEquals("/RPC", http.path());
        assertEquals(5080, http.address().getPort());
        assertEquals("pua.send_publish", o.method());
        assertFalse(o.expectsEtag());
        assertEquals(4, o.concurrency());
        assertEquals(5000, o.warmupMillis());
        assertEquals(500, o.durationMillis());
        assertEquals(500, o.maxRequests());
        assertEquals(7, o.presentities());
        assertEquals(900, o.bodyBytes());
        assertEquals(60, o.expires());
        assertEquals(1500, o.requestTimeoutMillis());
    }

    @Test
    void targetsOfEachKind()
    {
        assertEquals(new BenchTarget.BinRpcUnix(Path.of("/tmp/x_ctl")),
            ok("--target", "binrpc-unix:/tmp/x_ctl").target());
        assertEquals("binrpc-tcp:127.0.0.1:2049", ok("--target", "binrpc-tcp:127.0.0.1:2049").target().text());
        assertEquals("http://127.0.0.1:80/RPC", ok("--target", "http://127.0.0.1:80").target().text());
        assertEquals("http://[0:0:0:0:0:0:0:1]:5080/jsonrpc",
            ok("--target", "http://[::1]:5080/jsonrpc").target().text());
    }

    @Test
    void helpIsAskedFor()
    {
        assertTrue(BenchOptions.parse(new String[] {"--concurrency", "3", "--help"}).help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--concurrency|0|--concurrency must be between 1 and 4096, not 0",
        "--concurrency|x|--concurrency takes a whole number, not 'x'",
        "--duration|0|--duration takes more than 0 seconds",
        "--duration|-1|--duration takes more than 0 seconds",
        "--duration|soon|--duration takes seconds",
        "--warmup|NaN|--warmup takes 0 or more seconds",
        "--requests|0|--requests must be between 1",
        "--presentities|-5|--presentities must be between 1",
        "--body-bytes|1000000|--body-bytes must be between 0 and 60000",
        "--method|core.version|--method takes pua.publish or pua.send_publish, not 'core.version'",
        "--target|tcp:127.0.0.1:2049|expected binrpc-tcp:HOST:PORT, binrpc-unix:/path, http://HOST:PORT/RPC or fifo:/path",
        "--target|fifo:|the FIFO path is missing",
        "--fifo-reply-dir|/tmp/x|--fifo-reply-dir is for a fifo: target",
        "--target|binrpc-tcp:localhost:2049|the host must be a numeric IP address, not 'localhost'",
        "--target|binrpc-tcp:127.0.0.1|expected HOST:PORT",
        "--target|binrpc-tcp:127.0.0.1:99999|port out of range: 99999",
        "--target|binrpc-tcp:127.0.0.1:http|bad port 'http'",
        "--target|http://127.0.0.1/RPC|expected HOST:PORT",
        "--target|binrpc-unix:|the socket path is missing",
        "--colour|red|unknown option --colour",
        "--rate|0|--rate takes more than 0 requests per second",
        "--rate|fast|--rate takes requests per second",
        "--rate|1e9|at most 10000000",
        "--ramp-from|-3|--ramp-from takes 0 or more requests per second",
        "--ramp-from|100|--ramp-from, --ramp-seconds and --max-in-flight need --rate",
        "--max-in-flight|8|--ramp-from, --ramp-seconds and --max-in-flight need --rate",
        "--html|''|--html needs a file name",
    })
    void badOptionsSayWhatIsWrong(final String option, final String value, final String expected)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {option, value});
        assertNull(parsed.options());
        assertNotNull(parsed.error(), "no error for " + option + " " + value);
        assertTrue(parsed.error().contains(expected), "error was: " + parsed.error());
    }

    @Test
    void ioThreadsAreOneByDefaultAndOnlyForSocketTargets()
    {
        assertEquals(1, ok().ioThreads());
        assertEquals(3, ok("--io-threads", "3", "--target", "http://127.0.0.1:5080/RPC").ioThreads());
        assertTrue(BenchOptions.parse(new String[] {"--io-threads", "0"}).error().contains("between 1 and 64"));
        assertTrue(BenchOptions.parse(new String[] {"--target", "fifo:/tmp/f", "--io-threads", "2"}).error()
            .contains("--io-threads is for binrpc and http targets"));
    }

    @Test
    void theClosedLoopIsTheDefault()
    {
        final BenchOptions o = ok("--concurrency", "8");
        assertFalse(o.isOpenLoop());
        assertNull(o.openLoop());
        assertEquals(8, o.concurrency());
        assertEquals("x8", o.load());
    }

    @Test
    void aRateMakesAnOpenLoopWithAnOptionalRampAndBound()
    {
        final BenchOptions plain = ok("--rate", "500");
        assertTrue(plain.isOpenLoop());
        assertEquals(new BenchOptions.OpenLoop(500, 500, 0, 64), plain.openLoop());
        assertEquals(64, plain.concurrency());
        assertEquals("at 500/s, at most 64 in flight", plain.load());
        final BenchOptions ramp = ok("--rate", "2000", "--ramp-from", "0.5", "--ramp-seconds", "10",
            "--max-in-flight", "256", "--html", "r.html", "--sink-stats", "s.csv");
        assertEquals(new BenchOptions.OpenLoop(2000, 0.5, 10_000, 256), ramp.openLoop());
        assertEquals(256, ramp.concurrency());
        assertEquals(Path.of("r.html"), ramp.html());
        assertEquals(Path.of("s.csv"), ramp.sinkStats());
        assertEquals("at 2000/s (ramp from 0.5/s over 10.0 s), at most 256 in flight", ramp.load());
        assertEquals(12, ramp.arguments().size());
    }

    @Test
    void theOpenLoopRefusesHalfARampAndConcurrency()
    {
        assertEquals("a ramp needs both --ramp-from and --ramp-seconds",
            BenchOptions.parse(new String[] {"--rate", "10", "--ramp-from", "1"}).error());
        assertEquals("a ramp needs both --ramp-from and --ramp-seconds",
            BenchOptions.parse(new String[] {"--rate", "10", "--ramp-seconds", "1"}).error());
        assertTrue(BenchOptions.parse(new String[] {"--rate", "10", "--concurrency", "4"}).error()
            .contains("--max-in-flight"));
    }

    @Test
    void aMissingValueOrAStrayWordIsAnError()
    {
        assertEquals("option --target needs a value", BenchOptions.parse(new String[] {"--target"}).error());
        assertEquals("unexpected argument 'fast'", BenchOptions.parse(new String[] {"fast"}).error());
    }

    @Test
    void aBadOptionExitsWithStatusTwoAndNoOutput()
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final int status = BenchCommand.run(new String[] {"--concurrency", "-1"},
            new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(BenchCommand.EXIT_USAGE, status);
        assertEquals(0, out.size());
        assertTrue(err.toString().contains("--concurrency must be between"), err.toString());
    }
}
