package org.puaagent.agent.bench.notify;

import org.puaagent.agent.config.OptionPairs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The options of {@code pua-agent.jar bench-notify}. {@link #parse} never throws: a bad option is a value
 * ({@link Parsed#error()}). Hosts must be numeric addresses (nothing is resolved). Immutable.
 *
 * @param binrpc            the agent's binrpc TCP listener
 * @param http              the agent's HTTP listener (serving {@code GET /events})
 * @param presentity        the Request-URI subscribed to (with the presence server's port); with
 *                          {@code presentities > 1} the index is appended to its user part
 * @param publishPresentity the AOR published (indexed like {@code presentity})
 * @param presentities      how many presentities the watchers are spread over (watcher i watches i mod n)
 * @param watchers          watchers {@code sip:w<i>@127.0.0.1}
 * @param warmup            changes published first and not measured (they warm the path up)
 * @param publishes         measured changes published (to every presentity), each with its own marker
 * @param intervalMillis    time between changes
 * @param stagger           spread the publishes of one change evenly over the interval instead of sending
 *                          them to all presentities at once
 * @param expires           the expires of each {@code pua.subscribe}
 * @param window            subscribes (and unsubscribes) in flight at most
 * @param readyTimeoutMillis  how long to wait for every watcher's active notification
 * @param drainTimeoutMillis  how long to wait after the last change for the deliveries still missing
 * @param cleanup           unsubscribe every watcher and remove the publications at the end
 */
public record NotifyBenchOptions(
    InetSocketAddress binrpc,
    InetSocketAddress http,
    String presentity,
    String publishPresentity,
    int presentities,
    int watchers,
    int warmup,
    int publishes,
    long intervalMillis,
    boolean stagger,
    int expires,
    int window,
    long readyTimeoutMillis,
    long drainTimeoutMillis,
    boolean cleanup)
{
    private static final String DEFAULT_BINRPC = "tcp:127.0.0.1:2049";
    private static final String DEFAULT_HTTP = "127.0.0.1:5080";
    private static final String DEFAULT_PRESENTITY = "sip:lat@127.0.0.1:5070";
    private static final int DEFAULT_WATCHERS = 1000;
    private static final int DEFAULT_PUBLISHES = 50;
    private static final int DEFAULT_WARMUP = 10;
    private static final long DEFAULT_INTERVAL_MILLIS = 200;
    private static final int DEFAULT_EXPIRES = 3600;
    private static final int DEFAULT_WINDOW = 100;
    private static final long DEFAULT_READY_TIMEOUT_MILLIS = 60_000;
    private static final long DEFAULT_DRAIN_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_WATCHERS = 100_000;
    private static final int MAX_PUBLISHES = 100_000;
    private static final long MAX_MILLIS = 3_600_000;
    private static final String TCP = "tcp:";

    public static final String USAGE = String.join("\n",
        "usage: java -jar pua-agent.jar bench-notify [options]",
        "",
        "PUBLISH-to-SSE latency of a running agent: subscribes the watchers (pua.subscribe over binrpc), reads",
        "GET /events, publishes paced changes (pua.publish) each with a distinct marker in the PIDF <note>, and",
        "measures for every (change, watcher) pair the time from sending the publish to reading the SSE event",
        "that carries the marker for that watcher. Summary to stderr, one line of JSON to stdout. Exit status:",
        "0 when every pair was delivered, 1 otherwise, 2 for a bad option. Every wait is bounded.",
        "",
        "  --binrpc tcp:HOST:PORT     the agent's binrpc listener [" + DEFAULT_BINRPC + "]",
        "  --http HOST:PORT           the agent's HTTP listener (GET /events) [" + DEFAULT_HTTP + "]",
        "  --presentity URI           Request-URI to subscribe to, with the presence server's port",
        "                             [" + DEFAULT_PRESENTITY + "]",
        "  --publish-presentity URI   AOR to publish [the presentity without its port]",
        "  --presentities N           spread the watchers over N presentities: the index is appended to the",
        "                             user part (lat0, lat1, ...); each change is published to all [1]",
        "  --watchers N               watchers sip:w<i>@127.0.0.1 [" + DEFAULT_WATCHERS + "]",
        "  --warmup N                 changes published first, not measured [" + DEFAULT_WARMUP + "]",
        "  --publishes N              measured changes [" + DEFAULT_PUBLISHES + "]",
        "  --interval-ms N            time between changes [" + DEFAULT_INTERVAL_MILLIS + "]",
        "  --stagger 0|1              with several presentities: send the publishes of one change evenly",
        "                             spread over the interval, not all at once [0]",
        "  --expires N                expires of each subscribe [" + DEFAULT_EXPIRES + "]",
        "  --window N                 subscribes in flight at most [" + DEFAULT_WINDOW + "]",
        "  --ready-timeout-ms N       wait this long at most for every watcher to be active",
        "                             [" + DEFAULT_READY_TIMEOUT_MILLIS + "]",
        "  --drain-timeout-ms N       after the last change, wait this long at most for missing deliveries",
        "                             [" + DEFAULT_DRAIN_TIMEOUT_MILLIS + "]",
        "  --cleanup 0|1              unsubscribe and unpublish at the end [1]",
        "  --help                     this text");

    /** The outcome of parsing: options, a request for help, or an error message. Immutable. */
    public record Parsed(NotifyBenchOptions options, boolean help, String error)
    {
    }

    /** Presentity {@code index} as subscribed. */
    public String subscribedUri(final int index)
    {
        return presentities == 1 ? presentity : indexed(presentity, index);
    }

    /** Presentity {@code index} as published. */
    public String publishedUri(final int index)
    {
        return presentities == 1 ? publishPresentity : indexed(publishPresentity, index);
    }

    /** Watcher {@code index}'s URI. */
    public static String watcherUri(final int index)
    {
        return "sip:w" + index + "@127.0.0.1";
    }

    /** Parses the arguments that follow {@code bench-notify}. */
    public static Parsed parse(final String[] args)
    {
        InetSocketAddress binrpc = null;
        InetSocketAddress http = null;
        String presentity = DEFAULT_PRESENTITY;
        String publishPresentity = null;
        int presentities = 1;
        int watchers = DEFAULT_WATCHERS;
        int publishes = DEFAULT_PUBLISHES;
        int warmup = DEFAULT_WARMUP;
        long interval = DEFAULT_INTERVAL_MILLIS;
        int expires = DEFAULT_EXPIRES;
        int window = DEFAULT_WINDOW;
        long readyTimeout = DEFAULT_READY_TIMEOUT_MILLIS;
        long drainTimeout = DEFAULT_DRAIN_TIMEOUT_MILLIS;
        boolean cleanup = true;
        boolean stagger = false;
        try
        {
            binrpc = address("binrpc", DEFAULT_BINRPC.substring(TCP.length()));
            http = address("http", DEFAULT_HTTP);
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
                switch (name)
                {
                    case "binrpc":
                        if (!value.startsWith(TCP))
                        {
                            return error("--binrpc takes tcp:HOST:PORT, not '" + value + "'");
                        }
                        binrpc = address(name, value.substring(TCP.length()));
                        break;
                    case "http":
                        http = address(name, value);
                        break;
                    case "presentity":
                        presentity = sipUri(name, value);
                        break;
                    case "publish-presentity":
                        publishPresentity = sipUri(name, value);
                        break;
                    case "presentities":
                        presentities = (int)OptionPairs.whole(name, value, 1, MAX_WATCHERS);
                        break;
                    case "watchers":
                        watchers = (int)OptionPairs.whole(name, value, 1, MAX_WATCHERS);
                        break;
                    case "warmup":
                        warmup = (int)OptionPairs.whole(name, value, 0, MAX_PUBLISHES);
                        break;
                    case "publishes":
                        publishes = (int)OptionPairs.whole(name, value, 1, MAX_PUBLISHES);
                        break;
                    case "interval-ms":
                        interval = OptionPairs.whole(name, value, 0, MAX_MILLIS);
                        break;
                    case "expires":
                        expires = (int)OptionPairs.whole(name, value, 1, Integer.MAX_VALUE);
                        break;
                    case "window":
                        window = (int)OptionPairs.whole(name, value, 1, MAX_WATCHERS);
                        break;
                    case "ready-timeout-ms":
                        readyTimeout = OptionPairs.whole(name, value, 1, MAX_MILLIS);
                        break;
                    case "drain-timeout-ms":
                        drainTimeout = OptionPairs.whole(name, value, 0, MAX_MILLIS);
                        break;
                    case "stagger":
                        stagger = OptionPairs.whole(name, value, 0, 1) == 1;
                        break;
                    case "cleanup":
                        cleanup = OptionPairs.whole(name, value, 0, 1) == 1;
                        break;
                    default:
                        return error("unknown option --" + name + " (see bench-notify --help)");
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return error(ex.getMessage());
        }
        if (presentities > watchers)
        {
            return error("--presentities (" + presentities + ") must not exceed --watchers (" + watchers + ")");
        }
        final String published = null == publishPresentity ? withoutPort(presentity) : publishPresentity;
        return new Parsed(new NotifyBenchOptions(binrpc, http, presentity, published, presentities, watchers,
            warmup, publishes, interval, stagger, expires, window, readyTimeout, drainTimeout, cleanup), false, null);
    }

    /** A short description for the report. */
    public String describe()
    {
        return String.format(Locale.ROOT, "%d watchers of %s%s, %d + %d warm-up changes every %d ms%s published to"
            + " %s, binrpc tcp:%s:%d, events http://%s:%d/events", watchers, presentity,
            presentities == 1 ? "" : " (x" + presentities + " presentities)", publishes, warmup, intervalMillis,
            stagger && presentities > 1 ? " (staggered)" : "",
            publishPresentity, binrpc.getAddress().getHostAddress(), binrpc.getPort(),
            http.getAddress().getHostAddress(), http.getPort());
    }

    /** {@code sip:user@host:port} with {@code index} appended to the user part. */
    static String indexed(final String uri, final int index)
    {
        final int at = uri.indexOf('@');
        return uri.substring(0, at) + index + uri.substring(at);
    }

    /** {@code sip:user@host:port;params} without the port. */
    static String withoutPort(final String uri)
    {
        final int at = uri.indexOf('@');
        int hostEnd = uri.length();
        for (int i = at + 1; i < uri.length(); i++)
        {
            final char c = uri.charAt(i);
            if (c == ';' || c == '?' || c == '>')
            {
                hostEnd = i;
                break;
            }
        }
        final String hostPort = uri.substring(at + 1, hostEnd);
        final int bracket = hostPort.lastIndexOf(']');
        final int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || colon < bracket || (bracket < 0 && hostPort.indexOf(':') != colon))
        {
            return uri;
        }
        return uri.substring(0, at + 1) + hostPort.substring(0, colon) + uri.substring(hostEnd);
    }

    private static String sipUri(final String name, final String value)
    {
        final String lower = value.toLowerCase(Locale.ROOT);
        final int at = value.indexOf('@');
        if (!(lower.startsWith("sip:") || lower.startsWith("sips:")) || at < 0 || at == value.length() - 1
            || value.indexOf('@', at + 1) >= 0 || value.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>'))
        {
            throw new IllegalArgumentException("--" + name + " takes a SIP URI sip:user@host[:port], not '" + value
                + "'");
        }
        return value;
    }

    private static InetSocketAddress address(final String name, final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("--" + name + " needs HOST:PORT, not '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port = (int)OptionPairs.whole(name, hostPort.substring(colon + 1), 1, 65535);
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-fA-F:]+"))
        {
            throw new IllegalArgumentException("--" + name + " needs a numeric address, not '" + host + "'");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("--" + name + ": '" + host + "' is not an IP address");
        }
    }

    private static Parsed error(final String message)
    {
        return new Parsed(null, false, message);
    }
}
