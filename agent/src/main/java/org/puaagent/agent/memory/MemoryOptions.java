package org.puaagent.agent.memory;

import java.util.Locale;

/**
 * The options of {@link PublicationMemory}. {@link #parse} never throws: a bad option is a value
 * ({@link Parsed#error()}). Immutable.
 *
 * @param publications   publications held at the end (distinct presentities {@code sip:mem<i>@127.0.0.1})
 * @param warm           publications made before the baseline is taken (part of {@code publications}); they
 *                       load the classes and caches a first publication brings, so the baseline excludes them
 * @param outboundProxy  the presence server (a sink that answers 200 with SIP-ETag and a short Expires)
 * @param sipListen      the pipeline's own SIP address
 * @param rate           most publications submitted per second
 * @param window         most publications submitted and not yet answered
 * @param bodyBytes      approximate size of each PIDF body
 * @param expires        the requested expires (longer than the sink grants, so the pipeline refreshes)
 * @param refreshCycles  how many refreshes per publication to wait for (on average) before measuring
 * @param timeLimitSeconds the whole run ends after this, measured or not
 * @param top            classes listed in the report
 */
public record MemoryOptions(
    int publications,
    int warm,
    String outboundProxy,
    String sipListen,
    int rate,
    int window,
    int bodyBytes,
    int expires,
    int refreshCycles,
    int timeLimitSeconds,
    int top)
{
    public static final String USAGE = String.join("\n",
        "usage: java -cp pua-agent.jar org.puaagent.agent.memory.PublicationMemory [options]",
        "",
        "Heap per active publication: starts the presence pipeline against a presence server that answers",
        "every PUBLISH with 200, SIP-ETag and a short Expires (e.g. sipp with interop/sipp/publish_sink_expires.xml),",
        "publishes N distinct presentities at a bounded rate, waits until every publication has been refreshed,",
        "then compares the live heap (after full GCs) and the class histogram with those taken after the first",
        "--warm publications. The report (Markdown) goes to stdout, progress to stderr. Exit status 0 when",
        "measured, 1 when the run failed or hit --time-limit, 2 for a bad option.",
        "",
        "  --publications N     publications held at the end [100000]",
        "  --warm N             publications made before the baseline [1000]",
        "  --outbound-proxy URI the presence server, numeric host [sip:127.0.0.1:5090]",
        "  --sip-listen ADDR    the pipeline's SIP address [udp:127.0.0.1:5062]",
        "  --rate N             most new publications per second [20000]",
        "  --window N           most publications in flight [2000]",
        "  --body-bytes N       approximate PIDF size [500]",
        "  --expires N          requested expires; the server must grant less [3600]",
        "  --refresh-cycles N   refreshes per publication to wait for before measuring [1]",
        "  --time-limit S       the run always ends after S seconds [900]",
        "  --top N              classes in the report [12]",
        "  --help               this text");

    private static final int MAX_SECONDS = 86_400;

    /** The outcome of parsing: options, a request for help, or an error message. Immutable. */
    public record Parsed(MemoryOptions options, boolean help, String error)
    {
    }

    /** Parses the command line. */
    public static Parsed parse(final String[] args)
    {
        int publications = 100_000;
        int warm = 1000;
        String proxy = "sip:127.0.0.1:5090";
        String listen = "udp:127.0.0.1:5062";
        int rate = 20_000;
        int window = 2000;
        int bodyBytes = 500;
        int expires = 3600;
        int refreshCycles = 1;
        int timeLimit = 900;
        int top = 12;
        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i];
            if ("--help".equals(name) || "-h".equals(name))
            {
                return new Parsed(null, true, null);
            }
            if (i + 1 >= args.length)
            {
                return error("missing value after " + name);
            }
            final String value = args[++i];
            try
            {
                switch (name)
                {
                    case "--publications" -> publications = number(name, value, 1, Integer.MAX_VALUE);
                    case "--warm" -> warm = number(name, value, 0, Integer.MAX_VALUE);
                    case "--outbound-proxy" -> proxy = value;
                    case "--sip-listen" -> listen = value;
                    case "--rate" -> rate = number(name, value, 1, Integer.MAX_VALUE);
                    case "--window" -> window = number(name, value, 1, 1 << 20);
                    case "--body-bytes" -> bodyBytes = number(name, value, 0, 60_000);
                    case "--expires" -> expires = number(name, value, 1, Integer.MAX_VALUE);
                    case "--refresh-cycles" -> refreshCycles = number(name, value, 0, 1000);
                    case "--time-limit" -> timeLimit = number(name, value, 1, MAX_SECONDS);
                    case "--top" -> top = number(name, value, 0, 1000);
                    default ->
                    {
                        return error("unknown option " + name);
                    }
                }
            }
            catch (final IllegalArgumentException ex)
            {
                return error(ex.getMessage());
            }
        }
        if (warm >= publications)
        {
            return error("--warm (" + warm + ") must be below --publications (" + publications + ")");
        }
        return new Parsed(new MemoryOptions(publications, warm, proxy, listen, rate, window, bodyBytes, expires,
            refreshCycles, timeLimit, top), false, null);
    }

    private static int number(final String name, final String value, final int min, final int max)
    {
        final long n;
        try
        {
            n = Long.parseLong(value.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + ": not a number: '" + value + "'");
        }
        if (n < min || n > max)
        {
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, "%s: %d is outside %d..%d", name, n, min, max));
        }
        return (int)n;
    }

    private static Parsed error(final String message)
    {
        return new Parsed(null, false, message);
    }
}
