package org.puaagent.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.agent.notify.DeliveryConfig;
import org.puaagent.agent.notify.NotificationFilter;
import org.puaagent.agent.notify.NotificationHub;
import org.puaagent.agent.notify.WebhookTarget;
import org.puaagent.agent.pipeline.SubscribeContact;
import org.puaagent.agent.transport.StreamLimits;
import org.puaagent.agent.transport.http.HttpLimits;
import org.puaagent.agent.transport.http.HttpOptions;
import org.puaagent.agent.sip.ResponseSources;
import org.puaagent.agent.runtime.ByteSize;
import org.puaagent.agent.runtime.Limits;

/**
 * Reads the agent's options from the command line and an optional {@code --config FILE}.
 *
 * <p>The file holds the same options without the leading dashes, one {@code name = value} per line, {@code #}
 * starts a comment; repeatable options ({@code binrpc}) may appear on several lines. Options on the command line
 * are applied after the file, so they win (for {@code binrpc}: the command line's list replaces the file's).
 * A bad option is a value ({@link Parsed#error()}), never an exception. Not thread-safe; used once at start.
 */
public final class CommandLine
{
    public static final String USAGE = String.join("\n",
        "usage: java -jar pua-agent.jar [options]",
        "",
        "RPC transports (defaults in brackets; every default is on loopback or under /tmp):",
        "  --binrpc ADDR              binrpc listener, Kamailio ctl syntax, repeatable:",
        "                             unixs:/path | tcp:host:port | udp:host:port",
        "                             [unixs:/tmp/pua-agent_ctl and tcp:127.0.0.1:2049]",
        "  --unix-mode MODE           file mode of unix sockets and FIFOs we create [0660]",
        "  --binrpc-max-connections N  open connections per binrpc stream listener; more are closed at once;",
        "                             each listener has its own, so TCP cannot take the unix socket's [1024]",
        "  --binrpc-max-in-flight N   requests of one connection worked on at once; more get fault 503 [256]",
        "  --binrpc-max-queued-bytes N  unsent reply bytes per connection before it is no longer read [1048576]",
        "  --binrpc-idle-timeout-ms N close a connection idle this long (nothing sent, in flight or queued)",
        "                             [600000]",
        "  --binrpc-request-timeout-ms N  a packet begun must complete, and queued replies must move, within",
        "                             this long, or the connection is closed [10000]",
        "  --jsonrpc-http HOST:PORT   JSON-RPC over HTTP, POST /RPC or /jsonrpc [127.0.0.1:5080]",
        "  --jsonrpc-fifo PATH        JSON-RPC FIFO, as kamctl uses it [/tmp/pua-agent_rpc.fifo]",
        "  --jsonrpc-reply-dir DIR    where reply fifos live [/tmp/]",
        "  --json-pretty 0|1          tab-formatted JSON like jsonrpcs pretty_format [1]",
        "  --mi-fifo PATH             Kamailio 4.x MI FIFO [/tmp/pua-agent_fifo]",
        "  --mi-reply-dir DIR         where MI reply fifos live [/tmp/]",
        "  --fifo-reply-timeout-ms N  how long a FIFO client has to take its reply once it is ready (both",
        "                             FIFOs); after it the reply is dropped and counted [5000]",
        "  (give 'off' as the value to disable a transport)",
        "",
        "SIP:",
        "  --sip-listen PROTO:HOST:PORT   the agent's SIP address [udp:127.0.0.1:5062]",
        "  --outbound-proxy SIP-URI       presence server / next hop for PUBLISH; without it an embedded",
        "                                 presence server starts [none: embedded]",
        "  --presence-listen PROTO:HOST:PORT  embedded presence server address [udp:127.0.0.1:5070]",
        "  --presence-failure-users on|off  the embedded server answers R-URI users starting with e412, e423,",
        "                                 e503, timeout and noetag with those failures (for trying error",
        "                                 handling) [off]",
        "  --publish-with-ob-proxy 0|1    MI pua_publish takes an outbound proxy line (pua_mi modparam) [0]",
        "  --command-queue N              pipeline command queue; when full: fault 503 at once [65536]",
        "  --transaction-timeout-ms N     SIP transaction timeout, Timer F [32000]",
        "  --sip-accept-responses-from next-hop|any  take a response only from the address its request was",
        "                                 sent to, or from anywhere (a next hop that answers from another",
        "                                 address, e.g. a load balancer) [next-hop]",
        "  --subscribe-contact agent|watcher  who receives the NOTIFYs of pua.subscribe: the agent (keeps the",
        "                                 dialog, answers with the SUBSCRIBE's outcome, pua.presentity shows",
        "                                 the state) or, as Kamailio, the watcher URI (answers when sent) [agent]",
        "  --transport-thread auto|pipeline|own  which thread serves the binrpc stream listeners: the",
        "                                 pipeline's (fewer hand-offs, best on small machines) or one per",
        "                                 listener; auto = pipeline on 2 CPUs or fewer [auto]",
        "",
        "HTTP listener (--jsonrpc-http: JSON-RPC on /RPC and /jsonrpc, the event stream on /events):",
        "  --http-allow-origin ORIGIN  a web page origin allowed to send requests (scheme://host[:port], or *),",
        "                              repeatable; any other request with an Origin header gets 403 [none]",
        "  --http-allow-host NAME      a name the Host header may carry besides the listener's address (and",
        "                              localhost on loopback), repeatable; other Hosts get 403 [none]",
        "  --http-max-connections N    open connections at most; more are closed at once [1024]",
        "  --http-idle-timeout-ms N    close a kept-alive connection idle this long [60000]",
        "  --http-request-timeout-ms N a request head, a body and the write of an answer must each complete",
        "                              within this long, or the connection is closed [10000]",
        "  --http-max-body N           largest request body in bytes; larger gets 413 [1048576]",
        "  --http-body-budget N        bytes of request bodies being received, all connections together;",
        "                              over it a request gets 503 [67108864]",
        "  --http-io-threads N         Undertow I/O threads [2]",
        "  --sse-max-clients N         event streams open at once; more get 503 [256]",
        "",
        "Notifications of subscriptions (SSE at GET /events on the --jsonrpc-http server, webhooks):",
        "  --events-buffer N          notifications kept for slow and resuming readers [10000]",
        "  --sse-heartbeat-ms N       heartbeat comment on idle SSE connections [15000]",
        "  --webhook URL              POST each notification to URL, repeatable; http:// with a numeric",
        "                             host only (no DNS), e.g. http://127.0.0.1:9000/presence [none]",
        "  --webhook-filter P/E       only presentity P and event package E for the --webhook before it;",
        "                             '*' or an empty part matches anything, e.g. sip:alice@127.0.0.1/presence",
        "  --webhook-attempts N       tries per notification, 1 = no retry [5]",
        "  --webhook-backoff-ms N     wait before the first retry, doubled for each next one [500]",
        "  --webhook-backoff-max-ms N longest wait between retries [4000]",
        "  --webhook-queue N          notifications waiting per webhook; full: oldest dropped [1000]",
        "  --webhook-timeout-ms N     connect and request timeout of one POST [5000]",
        "",
        "Limits in bytes (SIZE: bytes, or with k, m, g for KiB, MiB, GiB; defaults are shares of the maximum",
        "heap, shown for -Xmx1g, about 470m in all; docs/limits.md says what each holds and costs):",
        "  --publications-bytes SIZE  publications held; a new one beyond: fault 503 [1/4 of the heap: 256m]",
        "  --subscriptions-bytes SIZE subscriptions held; a new one beyond: fault 503 [1/16: 64m]",
        "  --command-queue-bytes SIZE commands not yet finished, bodies included; beyond: fault 503 at once",
        "                             [1/16: 64m]",
        "  --events-buffer-bytes SIZE notifications kept for readers; beyond: the oldest are released, readers",
        "                             see a gap [1/16: 64m]",
        "  --webhook-queue-bytes SIZE notifications waiting per webhook; beyond: the oldest dropped [1/128: 8m]",
        "  --sip-answers-bytes SIZE   responses kept for retransmitted requests; beyond: the oldest forgotten",
        "                             [1/64: 16m]",
        "  --resolver-cache-bytes SIZE  next hops cached; beyond: the least recently used evicted [1/1024: 1m]",
        "  --jsonrpc-batch-limit N    requests in one JSON-RPC batch; more: fault 413, nothing run [1000]",
        "",
        "  --config FILE              read options from FILE (name = value lines, # comments)",
        "  --help                     this text");

    /** Default of {@code --fifo-reply-timeout-ms}: kamctl and kamcli read at once; a few seconds covers a busy host. */
    public static final int DEFAULT_FIFO_REPLY_TIMEOUT_MS = 5000;

    private final List<String> binrpc = new ArrayList<>();
    private boolean binrpcFromCommandLine;
    private int unixMode = 0660;
    private String jsonrpcHttp = "127.0.0.1:5080";
    private String jsonrpcFifo = "/tmp/pua-agent_rpc.fifo";
    private String jsonrpcReplyDir = "/tmp/";
    private boolean jsonPretty = true;
    private String miFifo = "/tmp/pua-agent_fifo";
    private String miReplyDir = "/tmp/";
    private int fifoReplyTimeoutMs = DEFAULT_FIFO_REPLY_TIMEOUT_MS;
    private String sipListen = "udp:127.0.0.1:5062";
    private String outboundProxy;
    private boolean publishWithObProxy;
    private String presenceListen = "udp:127.0.0.1:5070";
    private int commandQueue = 65536;
    private int transactionTimeoutMs = 32000;
    private final List<WebhookTarget> webhooks = new ArrayList<>();
    private boolean webhooksFromCommandLine;
    private int eventsBuffer = NotificationHub.DEFAULT_CAPACITY;
    private int sseHeartbeatMs = DeliveryConfig.DEFAULT_SSE_HEARTBEAT_MILLIS;
    private int webhookAttempts = DeliveryConfig.DEFAULT_WEBHOOK_ATTEMPTS;
    private int webhookBackoffMs = DeliveryConfig.DEFAULT_WEBHOOK_BACKOFF_MILLIS;
    private int webhookBackoffMaxMs = DeliveryConfig.DEFAULT_WEBHOOK_BACKOFF_MAX_MILLIS;
    private int webhookQueue = DeliveryConfig.DEFAULT_WEBHOOK_QUEUE;
    private int webhookTimeoutMs = DeliveryConfig.DEFAULT_WEBHOOK_TIMEOUT_MILLIS;
    private SubscribeContact subscribeContact = SubscribeContact.AGENT;
    private TransportThread transportThread = TransportThread.AUTO;
    private final List<String> httpAllowOrigins = new ArrayList<>();
    private final List<String> httpAllowHosts = new ArrayList<>();
    private int binrpcMaxConnections = StreamLimits.DEFAULT_MAX_CONNECTIONS;
    private int binrpcMaxInFlight = StreamLimits.DEFAULT_MAX_IN_FLIGHT;
    private int binrpcMaxQueuedBytes = StreamLimits.DEFAULT_MAX_QUEUED_BYTES;
    private long binrpcIdleTimeoutMs = StreamLimits.DEFAULT_IDLE_TIMEOUT_MILLIS;
    private long binrpcRequestTimeoutMs = StreamLimits.DEFAULT_REQUEST_TIMEOUT_MILLIS;
    private int httpMaxConnections = HttpLimits.DEFAULT_MAX_CONNECTIONS;
    private long httpIdleTimeoutMs = HttpLimits.DEFAULT_IDLE_TIMEOUT_MILLIS;
    private long httpRequestTimeoutMs = HttpLimits.DEFAULT_REQUEST_TIMEOUT_MILLIS;
    private int httpMaxBody = HttpLimits.DEFAULT_MAX_BODY_BYTES;
    private long httpBodyBudget = HttpLimits.DEFAULT_BODY_BUDGET_BYTES;
    private int httpIoThreads = HttpLimits.DEFAULT_IO_THREADS;
    private int sseMaxClients = HttpOptions.DEFAULT_MAX_EVENT_STREAMS;
    private ResponseSources acceptResponsesFrom = ResponseSources.NEXT_HOP;
    private boolean presenceFailureUsers;
    private final Limits.Builder limits;

    /** The outcome of parsing: a config, a request for help, or an error message. Immutable. */
    public record Parsed(AgentConfig config, boolean help, String error)
    {
    }

    private CommandLine(final long maxHeapBytes)
    {
        limits = Limits.builder(Limits.forHeap(maxHeapBytes));
    }

    /** Parses for this JVM's maximum heap (the byte limits' defaults are shares of it). */
    public static Parsed parse(final String[] args)
    {
        return parse(args, Runtime.getRuntime().maxMemory());
    }

    /** Parses with the byte limits' defaults for a maximum heap of {@code maxHeapBytes}. */
    static Parsed parse(final String[] args, final long maxHeapBytes)
    {
        final CommandLine cl = new CommandLine(maxHeapBytes);
        final List<String[]> pairs = new ArrayList<>();
        final OptionPairs.Split split = OptionPairs.split(args);
        if (split.help())
        {
            return new Parsed(null, true, null);
        }
        if (null != split.error())
        {
            return new Parsed(null, false, split.error());
        }
        for (final OptionPairs.Pair pair : split.pairs())
        {
            final String name = pair.name();
            final String value = pair.value();
            if (name.equals("config"))
            {
                final String err = cl.readFile(Path.of(value));
                if (null != err)
                {
                    return new Parsed(null, false, err);
                }
                continue;
            }
            pairs.add(new String[] {name, value});
        }
        for (final String[] p : pairs)
        {
            final String err = cl.apply(p[0], p[1], true);
            if (null != err)
            {
                return new Parsed(null, false, err);
            }
        }
        try
        {
            return new Parsed(cl.build(), false, null);
        }
        catch (final IllegalArgumentException ex)
        {
            return new Parsed(null, false, ex.getMessage());
        }
    }

    private String readFile(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "cannot read config file " + file + ": " + ex.getMessage();
        }
        int n = 0;
        for (final String raw : lines)
        {
            n++;
            final int hash = raw.indexOf('#');
            final String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                return file + ":" + n + ": expected 'name = value'";
            }
            final String err = apply(line.substring(0, eq).trim(), line.substring(eq + 1).trim(), false);
            if (null != err)
            {
                return file + ":" + n + ": " + err;
            }
        }
        return null;
    }

    private static String offOr(final String value)
    {
        return value.equalsIgnoreCase("off") || value.isEmpty() ? null : value;
    }

    private String apply(final String name, final String value, final boolean fromCommandLine)
    {
        try
        {
            switch (name)
            {
                case "binrpc":
                    if (fromCommandLine && !binrpcFromCommandLine)
                    {
                        binrpc.clear();
                        binrpcFromCommandLine = true;
                    }
                    if (null != offOr(value))
                    {
                        binrpc.add(value);
                    }
                    else
                    {
                        binrpc.add("off");
                    }
                    return null;
                case "unix-mode":
                    unixMode = Integer.parseInt(value, 8);
                    return null;
                case "jsonrpc-http":
                    jsonrpcHttp = offOr(value);
                    return null;
                case "jsonrpc-fifo":
                    jsonrpcFifo = offOr(value);
                    return null;
                case "jsonrpc-reply-dir":
                    jsonrpcReplyDir = value;
                    return null;
                case "json-pretty":
                    jsonPretty = bool(name, value);
                    return null;
                case "mi-fifo":
                    miFifo = offOr(value);
                    return null;
                case "mi-reply-dir":
                    miReplyDir = value;
                    return null;
                case "fifo-reply-timeout-ms":
                    fifoReplyTimeoutMs = positive(name, value);
                    return null;
                case "sip-listen":
                    sipListen = value;
                    return null;
                case "outbound-proxy":
                    outboundProxy = offOr(value);
                    return null;
                case "publish-with-ob-proxy":
                    publishWithObProxy = bool(name, value);
                    return null;
                case "presence-listen":
                    presenceListen = value;
                    return null;
                case "presence-failure-users":
                    presenceFailureUsers = onOff(name, value);
                    return null;
                case "sip-accept-responses-from":
                    acceptResponsesFrom = ResponseSources.parse(value);
                    if (null == acceptResponsesFrom)
                    {
                        throw new IllegalArgumentException("--" + name + " takes next-hop or any, not '" + value
                            + "'");
                    }
                    return null;
                case "command-queue":
                    commandQueue = positive(name, value);
                    return null;
                case "transaction-timeout-ms":
                    transactionTimeoutMs = positive(name, value);
                    return null;
                case "webhook":
                    return webhook(value, fromCommandLine);
                case "webhook-filter":
                    return webhookFilter(value);
                case "events-buffer":
                    eventsBuffer = positive(name, value);
                    return null;
                case "sse-heartbeat-ms":
                    sseHeartbeatMs = positive(name, value);
                    return null;
                case "webhook-attempts":
                    webhookAttempts = positive(name, value);
                    return null;
                case "webhook-backoff-ms":
                    webhookBackoffMs = positive(name, value);
                    return null;
                case "webhook-backoff-max-ms":
                    webhookBackoffMaxMs = positive(name, value);
                    return null;
                case "webhook-queue":
                    webhookQueue = positive(name, value);
                    return null;
                case "webhook-timeout-ms":
                    webhookTimeoutMs = positive(name, value);
                    return null;
                case "publications-bytes":
                    limits.publicationBytes(size(name, value));
                    return null;
                case "subscriptions-bytes":
                    limits.subscriptionBytes(size(name, value));
                    return null;
                case "command-queue-bytes":
                    limits.commandBytes(size(name, value));
                    return null;
                case "events-buffer-bytes":
                    limits.eventBufferBytes(size(name, value));
                    return null;
                case "webhook-queue-bytes":
                    limits.webhookQueueBytes(size(name, value));
                    return null;
                case "sip-answers-bytes":
                    limits.sipAnswerBytes(size(name, value));
                    return null;
                case "resolver-cache-bytes":
                    limits.resolverCacheBytes(size(name, value));
                    return null;
                case "jsonrpc-batch-limit":
                    limits.jsonrpcBatch(positive(name, value));
                    return null;
                case "subscribe-contact":
                    subscribeContact = SubscribeContact.parse(value);
                    if (null == subscribeContact)
                    {
                        throw new IllegalArgumentException("--" + name + " takes agent or watcher, not '" + value + "'");
                    }
                    return null;
                case "transport-thread":
                    transportThread = TransportThread.parse(value);
                    if (null == transportThread)
                    {
                        throw new IllegalArgumentException("--" + name + " takes auto, pipeline or own, not '" + value
                            + "'");
                    }
                    return null;
                case "binrpc-max-connections":
                    binrpcMaxConnections = positive(name, value);
                    return null;
                case "binrpc-max-in-flight":
                    binrpcMaxInFlight = positive(name, value);
                    return null;
                case "binrpc-max-queued-bytes":
                    binrpcMaxQueuedBytes = positive(name, value);
                    return null;
                case "binrpc-idle-timeout-ms":
                    binrpcIdleTimeoutMs = positive(name, value);
                    return null;
                case "binrpc-request-timeout-ms":
                    binrpcRequestTimeoutMs = positive(name, value);
                    return null;
                case "http-allow-origin":
                    httpAllowOrigins.add(origin(name, value));
                    return null;
                case "http-allow-host":
                    httpAllowHosts.add(value.trim());
                    return null;
                case "http-max-connections":
                    httpMaxConnections = positive(name, value);
                    return null;
                case "http-idle-timeout-ms":
                    httpIdleTimeoutMs = positive(name, value);
                    return null;
                case "http-request-timeout-ms":
                    httpRequestTimeoutMs = positive(name, value);
                    return null;
                case "http-max-body":
                    httpMaxBody = positive(name, value);
                    return null;
                case "http-body-budget":
                    httpBodyBudget = positiveLong(name, value);
                    return null;
                case "sse-max-clients":
                    sseMaxClients = positive(name, value);
                    return null;
                case "http-io-threads":
                    httpIoThreads = positive(name, value);
                    return null;
                default:
                    return "unknown option --" + name + " (see --help)";
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    /** {@code --webhook}: like binrpc, the command line's list replaces the config file's. */
    private String webhook(final String value, final boolean fromCommandLine)
    {
        if (fromCommandLine && !webhooksFromCommandLine)
        {
            webhooks.clear();
            webhooksFromCommandLine = true;
        }
        if (null == offOr(value))
        {
            return null;
        }
        final WebhookTarget.Parsed parsed = WebhookTarget.parse(value);
        if (null != parsed.error())
        {
            return "--webhook: " + parsed.error();
        }
        webhooks.add(parsed.target());
        return null;
    }

    /** {@code --webhook-filter}: applies to the {@code --webhook} just before it. */
    private String webhookFilter(final String value)
    {
        if (webhooks.isEmpty())
        {
            return "--webhook-filter " + value + ": give it after the --webhook it applies to";
        }
        final NotificationFilter.Parsed parsed = NotificationFilter.parsePath(value);
        if (null != parsed.error())
        {
            return "--webhook-filter: " + parsed.error();
        }
        final int last = webhooks.size() - 1;
        webhooks.set(last, webhooks.get(last).withFilter(parsed.filter()));
        return null;
    }

    private static boolean bool(final String name, final String value)
    {
        switch (value)
        {
            case "1":
            case "true":
            case "yes":
                return true;
            case "0":
            case "false":
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("--" + name + " takes 0 or 1, not '" + value + "'");
        }
    }

    /** An origin as browsers send it: {@code *}, or scheme://host[:port] without a path. */
    private static String origin(final String name, final String value)
    {
        final String v = value.trim();
        if ("*".equals(v) || v.matches("(?i)https?://[^/\\s]+"))
        {
            return v;
        }
        throw new IllegalArgumentException("--" + name + " takes * or scheme://host[:port] (no path), not '" + value
            + "'");
    }

    private static long positiveLong(final String name, final String value)
    {
        try
        {
            final long n = Long.parseLong(value);
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " takes a positive number, not '" + value + "'");
    }

    private static boolean onOff(final String name, final String value)
    {
        switch (value)
        {
            case "on":
            case "1":
            case "yes":
            case "true":
                return true;
            case "off":
            case "0":
            case "no":
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("--" + name + " takes on or off, not '" + value + "'");
        }
    }

    private static int positive(final String name, final String value)
    {
        try
        {
            final int n = Integer.parseInt(value);
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " takes a positive number, not '" + value + "'");
    }

    private static long size(final String name, final String value)
    {
        final long bytes = ByteSize.parse(value);
        if (bytes <= 0)
        {
            throw new IllegalArgumentException("--" + name + " takes a size in bytes (e.g. 1048576, 512k, 64m, 1g), not '"
                + value + "'");
        }
        return bytes;
    }

    private AgentConfig build()
    {
        final List<String> listeners = new ArrayList<>();
        if (binrpc.isEmpty())
        {
            listeners.add("unixs:/tmp/pua-agent_ctl");
            listeners.add("tcp:127.0.0.1:2049");
        }
        else
        {
            for (final String b : binrpc)
            {
                if (!b.equals("off"))
                {
                    listeners.add(b);
                }
            }
        }
        return new AgentConfig(listeners, unixMode, jsonrpcHttp, jsonrpcFifo, jsonrpcReplyDir, jsonPretty, miFifo,
            miReplyDir, sipListen, outboundProxy, publishWithObProxy, presenceListen, commandQueue,
            transactionTimeoutMs, new DeliveryConfig(eventsBuffer, sseHeartbeatMs, webhooks, webhookAttempts,
                webhookBackoffMs, webhookBackoffMaxMs, webhookQueue, webhookTimeoutMs), subscribeContact,
            transportThread, new HttpOptions(new HttpLimits(HttpLimits.DEFAULT_MAX_HEAD_BYTES, httpMaxBody, httpBodyBudget,
                httpMaxConnections, httpIdleTimeoutMs, httpRequestTimeoutMs, httpIoThreads), httpAllowOrigins,
                httpAllowHosts, sseMaxClients),
            new StreamLimits(binrpcMaxConnections, binrpcMaxInFlight, binrpcMaxQueuedBytes, binrpcIdleTimeoutMs,
                binrpcRequestTimeoutMs), fifoReplyTimeoutMs, acceptResponsesFrom,
            presenceFailureUsers, limits.build());
    }
}
