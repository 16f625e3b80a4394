package org.puaagent.agent.bench;

import java.util.Locale;

/**
 * The options of {@code pua-agent.jar bench}: where to send, which method, how many connections, and the bounds
 * of the run. {@link #parse} never throws: a bad option is a value ({@link Parsed#error()}). Immutable.
 *
 * @param target           where to send ({@link BenchTarget})
 * @param method           {@code pua.publish} (answer after the SIP final reply) or {@code pua.send_publish}
 * @param concurrency      connections, each with exactly one request in flight (closed loop)
 * @param warmupMillis     time before the measured window; its requests are sent but not counted
 * @param durationMillis   length of the measured window; the run always ends when it is over
 * @param maxRequests      most requests sent in the measured window ({@link Long#MAX_VALUE}: no bound)
 * @param presentities     how many presentities {@code sip:user<i>@127.0.0.1} the requests cycle over
 * @param bodyBytes        approximate size of the PIDF body
 * @param expires          the expires parameter of every publish
 * @param requestTimeoutMillis a request without answer after this long breaks its connection (counted as a
 *                         transport error, the connection is opened again)
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
    long requestTimeoutMillis)
{
    /** The method answered after the SIP final response. */
    public static final String PUBLISH = "pua.publish";
    /** The method answered once the PUBLISH is handed to the SIP layer. */
    public static final String SEND_PUBLISH = "pua.send_publish";

    private static final String DEFAULT_TARGET = "binrpc-tcp:127.0.0.1:2049";
    private static final int DEFAULT_CONCURRENCY = 16;
    private static final long DEFAULT_DURATION_MILLIS = 10_000;
    private static final int DEFAULT_PRESENTITIES = 10_000;
    private static final int DEFAULT_BODY_BYTES = 500;
    private static final int DEFAULT_EXPIRES = 3600;
    /** Above the agent's default transaction timeout (Timer F, 32 s): a slow answer is still an answer. */
    private static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 40_000;
    private static final int MAX_CONCURRENCY = 4096;
    private static final int MAX_BODY_BYTES = 60_000;
    private static final double MAX_SECONDS = 86_400;
    private static final double MILLIS_PER_SECOND = 1000.0;

    public static final String USAGE = String.join("\n",
        "usage: java -jar pua-agent.jar bench [options]",
        "",
        "Closed-loop load generator: N connections, each with one request in flight; every answer starts the",
        "next request. Progress (one line a second) and the summary go to stderr, a one-line JSON summary to",
        "stdout. Exit status: 0 when every measured request got a successful reply, 1 otherwise, 2 bad option.",
        "",
        "  --target T             binrpc-tcp:HOST:PORT | binrpc-unix:/path | http://HOST:PORT/RPC",
        "                         [" + DEFAULT_TARGET + "]",
        "  --method M             pua.publish (reply after the SIP final response) | pua.send_publish",
        "                         [" + PUBLISH + "]",
        "  --concurrency N        connections, one request in flight each [" + DEFAULT_CONCURRENCY + "]",
        "  --warmup SECONDS       load before the measured window, not counted [0]",
        "  --duration SECONDS     measured window; the run always stops after it [" + DEFAULT_DURATION_MILLIS / 1000
            + "]",
        "  --requests N           stop after N measured requests if that comes first [no bound]",
        "  --presentities N       cycle over sip:user<i>@127.0.0.1, i < N [" + DEFAULT_PRESENTITIES + "]",
        "  --body-bytes N         approximate size of the PIDF body [" + DEFAULT_BODY_BYTES + "]",
        "  --expires N            expires parameter of each publish [" + DEFAULT_EXPIRES + "]",
        "  --request-timeout-ms N a request unanswered this long breaks its connection, counted as a",
        "                         transport error [" + DEFAULT_REQUEST_TIMEOUT_MILLIS + "]",
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
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h"))
            {
                return new Parsed(null, true, null);
            }
            if (!arg.startsWith("--"))
            {
                return error("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            final String value;
            final int eq = name.indexOf('=');
            if (eq >= 0)
            {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            else if (i + 1 < args.length)
            {
                value = args[++i];
            }
            else
            {
                return error("option --" + name + " needs a value");
            }
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
                        concurrency = (int) whole(name, value, 1, MAX_CONCURRENCY);
                        break;
                    case "warmup":
                        warmupMillis = millis(name, value, true);
                        break;
                    case "duration":
                        durationMillis = millis(name, value, false);
                        break;
                    case "requests":
                        maxRequests = whole(name, value, 1, Long.MAX_VALUE);
                        break;
                    case "presentities":
                        presentities = (int) whole(name, value, 1, Integer.MAX_VALUE);
                        break;
                    case "body-bytes":
                        bodyBytes = (int) whole(name, value, 0, MAX_BODY_BYTES);
                        break;
                    case "expires":
                        expires = (int) whole(name, value, 0, Integer.MAX_VALUE);
                        break;
                    case "request-timeout-ms":
                        requestTimeoutMillis = whole(name, value, 1, Long.MAX_VALUE);
                        break;
                    default:
                        return error("unknown option --" + name + " (see bench --help)");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                return error(ex.getMessage());
            }
        }
        return new Parsed(new BenchOptions(target, method, concurrency, warmupMillis, durationMillis, maxRequests,
            presentities, bodyBytes, expires, requestTimeoutMillis), false, null);
    }

    private static Parsed error(final String message)
    {
        return new Parsed(null, false, message);
    }

    private static long whole(final String name, final String value, final long min, final long max)
    {
        final long n;
        try
        {
            n = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
        if (n < min || n > max)
        {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", not "
                + value);
        }
        return n;
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

    /** A short description for the report, e.g. {@code pua.publish x16 -> binrpc-tcp:127.0.0.1:2049}. */
    public String describe()
    {
        return String.format(Locale.ROOT, "%s x%d -> %s, warmup %.1f s, duration %.1f s%s, %d presentities,"
            + " body ~%d bytes", method, concurrency, target.text(), warmupMillis / MILLIS_PER_SECOND,
            durationMillis / MILLIS_PER_SECOND, maxRequests == Long.MAX_VALUE ? "" : ", at most " + maxRequests
                + " requests", presentities, bodyBytes);
    }
}
