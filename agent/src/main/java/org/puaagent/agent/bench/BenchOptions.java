package org.puaagent.agent.bench;

import org.puaagent.agent.config.OptionPairs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code pua-agent.jar bench}: where to send, which method, the shape of the load (closed loop
 * with N connections, or open loop at a target rate), the bounds of the run and the reports. {@link #parse}
 * never throws: a bad option is a value ({@link Parsed#error()}). Immutable.
 *
 * @param target           where to send ({@link BenchTarget})
 * @param method           {@code pua.publish} (answer after the SIP final reply) or {@code pua.send_publish}
 * @param concurrency      closed loop: connections, each with exactly one request in flight; open loop: the
 *                         bound on requests in flight ({@link OpenLoop#maxInFlight()})
 * @param warmupMillis     time before the measured window; its requests are sent but not counted
 * @param durationMillis   length of the measured window; the run always ends when it is over
 * @param maxRequests      most requests sent in the measured window ({@link Long#MAX_VALUE}: no bound)
 * @param presentities     how many presentities {@code sip:user<i>@127.0.0.1} the requests cycle over
 * @param bodyBytes        approximate size of the PIDF body
 * @param expires          the expires parameter of every publish
 * @param requestTimeoutMillis a request without answer after this long breaks its connection (counted as a
 *                         transport error, the connection is opened again)
 * @param ioThreads        binrpc and HTTP targets: the event-loop threads that drive the connections
 * @param openLoop         the open loop's rate and ramp, or null for the closed loop
 * @param html             where to write the HTML report, or null
 * @param sinkStats        sipp's {@code -trace_stat} file of the PUBLISH sink, or null
 * @param arguments        the arguments as given (shown in the reports)
 * @param sip              the SIP-direct workload ({@code --target sip:...}), or null for the RPC targets
 */
public record BenchOptions(
    BenchTarget target,
    String method,
    int concurrency,
    long warmupMillis,
    long durationMillis,
    long maxRequests,
    int presentities,
    int bodyBytes,
    int expires,
    long requestTimeoutMillis,
    int ioThreads,
    OpenLoop openLoop,
    Path html,
    Path sinkStats,
    List<String> arguments,
    SipWorkload sip)
{
    /**
     * The open loop: requests are due at a target rate (after a linear ramp, if any) whatever the answers do.
     *
     * @param rate        target rate, requests per second
     * @param rampFrom    rate at the start of the ramp (and during the warm-up); equal to rate without a ramp
     * @param rampMillis  length of the ramp, from the start of the measured window (0: no ramp)
     * @param maxInFlight most requests in flight (connections)
     */
    public record OpenLoop(double rate, double rampFrom, long rampMillis, int maxInFlight)
    {
        /** The schedule of intended send times, from the start of the run (the warm-up runs at rampFrom). */
        public RateSchedule schedule(final long warmupMillis)
        {
            return RateSchedule.of(warmupMillis / MILLIS_PER_SECOND, rampFrom, rampMillis / MILLIS_PER_SECOND, rate);
        }
    }

    public BenchOptions
    {
        arguments = List.copyOf(arguments);
    }

    /** An RPC target (no SIP-direct workload). */
    public BenchOptions(final BenchTarget target, final String method, final int concurrency, final long warmupMillis,
        final long durationMillis, final long maxRequests, final int presentities, final int bodyBytes,
        final int expires, final long requestTimeoutMillis, final int ioThreads, final OpenLoop openLoop,
        final Path html, final Path sinkStats, final List<String> arguments)
    {
        this(target, method, concurrency, warmupMillis, durationMillis, maxRequests, presentities, bodyBytes, expires,
            requestTimeoutMillis, ioThreads, openLoop, html, sinkStats, arguments, null);
    }

    /** An RPC target (no SIP-direct workload) with one client event loop. */
    public BenchOptions(final BenchTarget target, final String method, final int concurrency, final long warmupMillis,
        final long durationMillis, final long maxRequests, final int presentities, final int bodyBytes,
        final int expires, final long requestTimeoutMillis, final OpenLoop openLoop, final Path html,
        final Path sinkStats, final List<String> arguments)
    {
        this(target, method, concurrency, warmupMillis, durationMillis, maxRequests, presentities, bodyBytes, expires,
            requestTimeoutMillis, DEFAULT_IO_THREADS, openLoop, html, sinkStats, arguments, null);
    }

    /** The closed loop, without reports (the options of the first version of the command). */
    public BenchOptions(final BenchTarget target, final String method, final int concurrency, final long warmupMillis,
        final long durationMillis, final long maxRequests, final int presentities, final int bodyBytes,
        final int expires, final long requestTimeoutMillis)
    {
        this(target, method, concurrency, warmupMillis, durationMillis, maxRequests, presentities, bodyBytes, expires,
            requestTimeoutMillis, DEFAULT_IO_THREADS, null, null, null, List.of());
    }

    /** The method answered after the SIP final response. */
    public static final String PUBLISH = "pua.publish";
    /** The method answered once the PUBLISH is handed to the SIP layer. */
    public static final String SEND_PUBLISH = "pua.send_publish";

    private static final String DEFAULT_TARGET = "binrpc-tcp:127.0.0.1:2049";
    private static final int DEFAULT_CONCURRENCY = 16;
    private static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** More than any client on one machine can send: a bound for typing mistakes. */
    private static final double MAX_RATE = 10_000_000;
    private static final long DEFAULT_DURATION_MILLIS = 10_000;
    private static final int DEFAULT_PRESENTITIES = 10_000;
    private static final int DEFAULT_BODY_BYTES = 500;
    private static final int DEFAULT_EXPIRES = 3600;
    /** Above the agent's default transaction timeout (Timer F, 32 s): a slow answer is still an answer. */
    private static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 40_000;
    private static final int MAX_CONCURRENCY = 4096;
    private static final int DEFAULT_IO_THREADS = 1;
    private static final int MAX_IO_THREADS = 64;
    private static final int MAX_BODY_BYTES = 60_000;
    private static final double MAX_SECONDS = 86_400;
    private static final double MILLIS_PER_SECOND = 1000.0;

    public static final String USAGE = String.join("\n",
        "usage: java -jar pua-agent.jar bench [options]",
        "",
        "Load generator. Closed loop (default): N connections, each with one request in flight; every answer",
        "starts the next request. Open loop (--rate): requests are due at the target rate whatever the answers",
        "do; latency is measured from the time each was due (no coordinated omission). Progress (one line a",
        "second) and the summary go to stderr, a one-line JSON summary (with per-second series) to stdout.",
        "Exit status: 0 when every measured request was sent and got a successful reply (and the sink, if",
        "given, saw every acknowledged PUBLISH), 1 otherwise, 2 for a bad option.",
        "",
        "  --target T             binrpc-tcp:HOST:PORT | binrpc-unix:/path | http://HOST:PORT/RPC |",
        "                         fifo:/path (JSON-RPC over the jsonrpcs FIFO; no pua.publish on Kamailio)",
        "                         [" + DEFAULT_TARGET + "]",
        "                         | sip:HOST:PORT (a presence server over SIP/UDP: the bench runs its own",
        "                         PUBLISH/SUBSCRIBE pipeline; see the SIP-direct options below)",
        "  --method M             pua.publish (reply after the SIP final response) | pua.send_publish",
        "                         [" + PUBLISH + "]",
        "  --concurrency N        closed loop: connections, one request in flight each [" + DEFAULT_CONCURRENCY
            + "]",
        "  --rate R               open loop: R requests per second (e.g. 500 or 0.5)",
        "  --ramp-from R0         open loop: start at R0/s (also the warm-up's rate) ...",
        "  --ramp-seconds S       ... and rise (or fall) linearly to --rate over the first S seconds of the",
        "                         measured window",
        "  --max-in-flight N      open loop: at most N requests in flight (one connection each); a request due",
        "                         while N are in flight waits for the next free one, is sent late and keeps",
        "                         its due time as the start of its latency; still waiting when the window",
        "                         closes: counted as not sent [" + DEFAULT_MAX_IN_FLIGHT + "]",
        "  --warmup SECONDS       load before the measured window, not counted [0]",
        "  --duration SECONDS     measured window; the run always stops after it [" + DEFAULT_DURATION_MILLIS / 1000
            + "]",
        "  --requests N           stop after N measured requests if that comes first [no bound]",
        "  --presentities N       cycle over sip:user<i>@127.0.0.1, i < N [" + DEFAULT_PRESENTITIES + "]",
        "  --body-bytes N         approximate size of the PIDF body [" + DEFAULT_BODY_BYTES + "]",
        "  --expires N            expires parameter of each publish [" + DEFAULT_EXPIRES + "]",
        "  --request-timeout-ms N a request unanswered this long breaks its connection, counted as a",
        "                         transport error [" + DEFAULT_REQUEST_TIMEOUT_MILLIS + "]",
        "  --io-threads K         binrpc and HTTP targets: K event-loop threads drive the connections (each",
        "                         connection on one of them) [" + DEFAULT_IO_THREADS + "]",
        "  --fifo-reply-dir DIR   fifo target: the server's reply FIFO directory, where the bench makes one",
        "                         reply FIFO per connection (removed at the end) [/tmp]",
        "  --html FILE            also write a self-contained HTML report (SVG charts, no script) to FILE",
        "  --sink-stats FILE      sipp's -trace_stat CSV of the PUBLISH sink (run sipp with -fd 1): the report",
        "                         compares PUBLISHes that reached the sink with the ones acknowledged",
        "",
        "SIP-direct target (--target sip:HOST:PORT; each request is one PUBLISH, its latency is from the submit",
        "to the final response; publications and subscriptions are kept for the whole run and refreshed by the",
        "pipeline before they expire):",
        "  --expires S            the Expires of each PUBLISH, 2 or more [" + DEFAULT_EXPIRES + "]",
        "  --presentity-template U presentity i is U with %d replaced by i; SUBSCRIBEs go to this URI, PUBLISHes",
        "                         to the target [sip:user%d@HOST:PORT of the target]",
        "  --watchers M           SUBSCRIBE dialogs set up before the run: watcher j (sip:watcher<j>@127.0.0.1)",
        "                         subscribes to presentity j mod N; NOTIFYs are answered and counted [0]",
        "  --subscribe-expires S  the Expires of each SUBSCRIBE, 11 or more [3600]",
        "  --body-template FILE   PUBLISH body with ${presentity}, ${index}, ${sequence} (PUBLISHes of this",
        "                         presentity before) and ${basic} (open/closed, alternating) [a PIDF of",
        "                         --body-bytes]",
        "  --sip-listen HOST:PORT where the bench's SIP socket listens (the watchers' one: same host, any port)",
        "                         [127.0.0.1:0]",
        "  --cleanup C            at the end: all (unsubscribe and unpublish), unsubscribe, none [all]",
        "  --help                 this text");

    /** The outcome of parsing: options, a request for help, or an error message. Immutable. */
    public record Parsed(BenchOptions options, boolean help, String error)
    {
    }

    /** Whether the method's successful reply must carry a SIP-ETag (the final-reply method). */
    public boolean expectsEtag()
    {
        return PUBLISH.equals(method);
    }

    /** Parses the arguments that follow {@code bench}. */
    public static Parsed parse(final String[] args)
    {
        BenchTarget target = BenchTarget.parse(DEFAULT_TARGET).target();
        String method = PUBLISH;
        int concurrency = DEFAULT_CONCURRENCY;
        long warmupMillis = 0;
        long durationMillis = DEFAULT_DURATION_MILLIS;
        long maxRequests = Long.MAX_VALUE;
        int presentities = DEFAULT_PRESENTITIES;
        int bodyBytes = DEFAULT_BODY_BYTES;
        int expires = DEFAULT_EXPIRES;
        long requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;
        int ioThreads = DEFAULT_IO_THREADS;
        boolean ioThreadsGiven = false;
        double rate = 0;
        double rampFrom = -1;
        long rampMillis = -1;
        int maxInFlight = -1;
        boolean concurrencyGiven = false;
        Path html = null;
        Path sinkStats = null;
        Path fifoReplyDir = null;
        final SipWorkload.Builder sip = new SipWorkload.Builder();
        final OptionPairs.Split split = OptionPairs.split(args);
        if (split.help())
        {
            return new Parsed(null, true, null);
        }
        if (null != split.error())
        {
            return error(split.error());
        }
        for (final OptionPairs.Pair pair : split.pairs())
        {
            final String name = pair.name();
            final String value = pair.value();
            try
            {
                switch (name)
                {
                    case "target":
                    {
                        final BenchTarget.Parsed parsed = BenchTarget.parse(value);
                        if (null != parsed.error())
                        {
                            return error(parsed.error());
                        }
                        target = parsed.target();
                        break;
                    }
                    case "method":
                        if (!PUBLISH.equals(value) && !SEND_PUBLISH.equals(value))
                        {
                            return error("--method takes " + PUBLISH + " or " + SEND_PUBLISH + ", not '" + value + "'");
                        }
                        method = value;
                        break;
                    case "concurrency":
                        concurrency = (int) OptionPairs.whole(name, value, 1, MAX_CONCURRENCY);
                        concurrencyGiven = true;
                        break;
                    case "rate":
                        rate = rate(name, value, false);
                        break;
                    case "ramp-from":
                        rampFrom = rate(name, value, true);
                        break;
                    case "ramp-seconds":
                        rampMillis = millis(name, value, false);
                        break;
                    case "max-in-flight":
                        maxInFlight = (int) OptionPairs.whole(name, value, 1, MAX_CONCURRENCY);
                        break;
                    case "html":
                        html = path(name, value);
                        break;
                    case "sink-stats":
                        sinkStats = path(name, value);
                        break;
                    case "fifo-reply-dir":
                        fifoReplyDir = path(name, value);
                        break;
                    case "warmup":
                        warmupMillis = millis(name, value, true);
                        break;
                    case "duration":
                        durationMillis = millis(name, value, false);
                        break;
                    case "requests":
                        maxRequests = OptionPairs.whole(name, value, 1, Long.MAX_VALUE);
                        break;
                    case "presentities":
                        presentities = (int) OptionPairs.whole(name, value, 1, Integer.MAX_VALUE);
                        break;
                    case "body-bytes":
                        bodyBytes = (int) OptionPairs.whole(name, value, 0, MAX_BODY_BYTES);
                        break;
                    case "expires":
                        expires = (int) OptionPairs.whole(name, value, 0, Integer.MAX_VALUE);
                        break;
                    case "request-timeout-ms":
                        requestTimeoutMillis = OptionPairs.whole(name, value, 1, Long.MAX_VALUE);
                        break;
                    case "io-threads":
                        ioThreads = (int) OptionPairs.whole(name, value, 1, MAX_IO_THREADS);
                        ioThreadsGiven = true;
                        break;
                    default:
                        if (sip.accept(name, value))
                        {
                            break;
                        }
                        return error("unknown option --" + name + " (see bench --help)");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                return error(ex.getMessage());
            }
        }
        if (null != fifoReplyDir)
        {
            if (!(target instanceof BenchTarget.Fifo fifo))
            {
                return error("--fifo-reply-dir is for a fifo: target");
            }
            target = new BenchTarget.Fifo(fifo.fifo(), fifoReplyDir);
        }
        if (ioThreadsGiven && (target instanceof BenchTarget.Fifo || target instanceof BenchTarget.Sip))
        {
            return error("--io-threads is for binrpc and http targets (fifo: and sip: targets have a thread per "
                + "connection)");
        }
        OpenLoop openLoop = null;
        if (rate > 0)
        {
            if (concurrencyGiven)
            {
                return error("--concurrency is for the closed loop; with --rate bound the requests in flight with"
                    + " --max-in-flight");
            }
            if ((rampFrom >= 0) != (rampMillis > 0))
            {
                return error("a ramp needs both --ramp-from and --ramp-seconds");
            }
            concurrency = maxInFlight > 0 ? maxInFlight : DEFAULT_MAX_IN_FLIGHT;
            openLoop = new OpenLoop(rate, rampFrom >= 0 ? rampFrom : rate, Math.max(0, rampMillis), concurrency);
        }
        else if (rampFrom >= 0 || rampMillis > 0 || maxInFlight > 0)
        {
            return error("--ramp-from, --ramp-seconds and --max-in-flight need --rate (the open loop)");
        }
        final String sipError = SipBenchRun.checkOptions(target, method, presentities, expires, sip.given());
        if (null != sipError)
        {
            return error(sipError);
        }
        return new Parsed(new BenchOptions(target, method, concurrency, warmupMillis, durationMillis, maxRequests,
            presentities, bodyBytes, expires, requestTimeoutMillis, ioThreads, openLoop, html, sinkStats,
            List.of(args), target instanceof BenchTarget.Sip s ? sip.build(s) : null), false, null);
    }

    /** Whether the load is the open loop ({@code --rate}). */
    public boolean isOpenLoop()
    {
        return null != openLoop;
    }

    private static double rate(final String name, final String value, final boolean zeroAllowed)
    {
        final double r;
        try
        {
            r = Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " takes requests per second (e.g. 500 or 0.5), not '"
                + value + "'");
        }
        if (!(r >= 0) || r > MAX_RATE || (!zeroAllowed && r == 0))
        {
            throw new IllegalArgumentException("--" + name + " takes " + (zeroAllowed ? "0 or more" : "more than 0")
                + " requests per second, at most " + (long) MAX_RATE + ", not '" + value + "'");
        }
        return r;
    }

    private static Path path(final String name, final String value)
    {
        if (value.isEmpty())
        {
            throw new IllegalArgumentException("--" + name + " needs a file name");
        }
        try
        {
            return Path.of(value);
        }
        catch (final java.nio.file.InvalidPathException ex)
        {
            throw new IllegalArgumentException("--" + name + ": bad file name '" + value + "'");
        }
    }

    private static Parsed error(final String message)
    {
        return new Parsed(null, false, message);
    }

    private static long millis(final String name, final String value, final boolean zeroAllowed)
    {
        final double seconds;
        try
        {
            seconds = Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " takes seconds (e.g. 20 or 0.5), not '" + value + "'");
        }
        if (!(seconds >= 0) || seconds > MAX_SECONDS || (!zeroAllowed && seconds == 0))
        {
            throw new IllegalArgumentException("--" + name + " takes " + (zeroAllowed ? "0 or more" : "more than 0")
                + " seconds, at most " + (long) MAX_SECONDS + ", not '" + value + "'");
        }
        final long millis = Math.round(seconds * MILLIS_PER_SECOND);
        if (!zeroAllowed && millis == 0)
        {
            throw new IllegalArgumentException("--" + name + " is shorter than a millisecond: '" + value + "'");
        }
        return millis;
    }

    /** A short description for the report, e.g. {@code pua.publish x16 -> binrpc-tcp:127.0.0.1:2049, ...}. */
    public String describe()
    {
        return String.format(Locale.ROOT, "%s %s -> %s, warmup %.1f s, duration %.1f s%s, %d presentities,"
            + " body ~%d bytes%s", null == sip ? method : SipBenchRun.METHOD, load(), target.text(),
            warmupMillis / MILLIS_PER_SECOND, durationMillis / MILLIS_PER_SECOND, maxRequests == Long.MAX_VALUE ? ""
                : ", at most " + maxRequests + " requests", presentities, bodyBytes,
            null == sip ? "" : ", PUBLISH Expires " + expires + ", " + sip.describe());
    }

    /** The shape of the load in words: {@code x16} (closed loop) or {@code at 500/s, at most 64 in flight}. */
    public String load()
    {
        if (null == openLoop)
        {
            return "x" + concurrency;
        }
        final String ramp = openLoop.rampMillis() > 0 ? String.format(Locale.ROOT, " (ramp from %s/s over %.1f s)",
            number(openLoop.rampFrom()), openLoop.rampMillis() / MILLIS_PER_SECOND) : "";
        return String.format(Locale.ROOT, "at %s/s%s, at most %d in flight", number(openLoop.rate()), ramp,
            openLoop.maxInFlight());
    }

    /** A rate without a useless fraction: 500, 0.5. */
    static String number(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
