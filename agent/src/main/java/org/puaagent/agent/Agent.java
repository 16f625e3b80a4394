package org.puaagent.agent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.nio.file.Path;

import org.puaagent.agent.config.AgentConfig;
import org.puaagent.agent.notify.EventStream;
import org.puaagent.agent.notify.NotificationHub;
import org.puaagent.agent.notify.WebhookDelivery;
import org.puaagent.agent.posix.Posix;
import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.presence.PresenceServer;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.CoreMethods;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.PuaMethods;
import org.puaagent.agent.rpc.SubscriptionMethods;
import org.puaagent.agent.runtime.Limits;
import org.puaagent.agent.sip.SipTimers;
import org.puaagent.agent.transport.BinRpcDatagramEndpoint;
import org.puaagent.agent.transport.BinRpcStreamSession;
import org.puaagent.agent.transport.DatagramServer;
import org.puaagent.agent.transport.FifoReplies;
import org.puaagent.agent.transport.JsonRpcEndpoint;
import org.puaagent.agent.transport.JsonRpcFifo;
import org.puaagent.agent.transport.ListenAddress;
import org.puaagent.agent.transport.MiEndpoint;
import org.puaagent.agent.transport.MiFifo;
import org.puaagent.agent.transport.SharedSelector;
import org.puaagent.agent.transport.DescriptorBudget;
import org.puaagent.agent.transport.StreamLimits;
import org.puaagent.agent.transport.StreamServer;
import org.puaagent.agent.transport.http.HttpOptions;
import org.puaagent.agent.transport.http.HttpServer;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.jsonrpc.JsonLayout;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseWriter;
import org.puaagent.protocol.jsonrpc.VersionPolicy;

/**
 * The whole daemon: builds the dispatcher and its methods, the pipeline, and every configured listener, and
 * stops them in reverse order. Used by {@link Main} and, in-process, by tests.
 *
 * <p>Threading: {@link #start} and {@link #close} on one thread; what they start runs on its own threads.
 */
public final class Agent implements AutoCloseable
{

    private final AgentConfig config;
    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private PresenceServer presenceServer;
    private PresencePipeline pipeline;
    private HttpServer http;
    /** The limits the listeners use: the configured ones, their connection caps fitted to the open-file limit. */
    private StreamLimits binrpcLimits;
    private HttpOptions httpOptions;
    /** The pipeline thread's selector when the binrpc stream listeners run on it (--transport-thread), else null. */
    private SharedSelector transportHost;
    private NotificationHub hub;
    private EventStream events;
    private WebhookDelivery webhooks;

    public Agent(final AgentConfig config)
    {
        this.config = config;
    }

    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    public AgentCounters counters()
    {
        return counters;
    }

    public PresencePipeline pipeline()
    {
        return pipeline;
    }

    /** The embedded presence server, or null when an outbound proxy is configured. */
    public PresenceServer presenceServer()
    {
        return presenceServer;
    }

    /** Where the pipeline hands every NOTIFY; the SSE stream and the webhooks read it. */
    public NotificationHub notifications()
    {
        return hub;
    }

    /** The HTTP server, or null when JSON-RPC over HTTP is off. */
    public HttpServer http()
    {
        return http;
    }

    /** Starts every listener; throws if one cannot bind (the caller then closes what did start). */
    public void start() throws IOException
    {
        String proxy = config.outboundProxy();
        if (config.embeddedPresenceServer())
        {
            presenceServer = PresenceServer.start(PresenceServerConfig.defaults().withListen(config.presenceListen())
                .withFailureUsers(config.presenceFailureUsers()));
            running.add(presenceServer);
            proxy = presenceServer.uri();
            described.add("embedded presence server on " + proxy + " (no --outbound-proxy given"
                + (config.presenceFailureUsers() ? "; failure users e412, e423, e503, timeout, noetag on)" : ")"));
        }
        startDelivery();
        // NOTIFY delivery: the hub is the pipeline's NotificationSink (SSE stream and webhooks read it)
        pipeline = PresencePipeline.start(PipelineConfig.builder()
            .listen(config.sipListen())
            .defaultOutboundProxy(proxy)
            .commandQueueCapacity(config.commandQueue())
            .sipTimers(new SipTimers(SipTimers.RFC_3261.t1Millis(), SipTimers.RFC_3261.t2Millis(),
                config.transactionTimeoutMs()))
            .subscribeContact(config.subscribeContact())
            .acceptResponsesFrom(config.acceptResponsesFrom())
            .notificationSink(hub)
            .limits(config.limits())
            .build());
        running.add(pipeline);
        described.add("SIP on " + config.sipListen() + ", PUBLISH next hop " + proxy);
        if (config.transportThread().onPipeline(Runtime.getRuntime().availableProcessors()))
        {
            transportHost = new SharedSelector(pipeline.selector(), pipeline::addDuty);
            described.add("binrpc stream listeners on the pipeline thread (--transport-thread "
                + config.transportThread().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }

        final List<CoreMethods.CounterSource> counterSources = new ArrayList<>(List.of(pipeline::counters,
            hub::counters, events::counters, webhooks::counters));
        if (null != presenceServer)
        {
            counterSources.add(presenceServer::counters);
        }
        new CoreMethods(dispatcher, Instant.now(), counterSources).registerAll();
        new PuaMethods(dispatcher, pipeline).registerAll();
        new SubscriptionMethods(dispatcher, pipeline).registerAll();

        fitConnectionCaps();
        for (final String text : config.binrpc())
        {
            startBinRpc(text);
        }
        final JsonRpcEndpoint json = new JsonRpcEndpoint(dispatcher,
            new JsonRpcRequestParser(VersionPolicy.KAMAILIO, config.publishWithObProxy(), config.limits().jsonrpcBatch()),
            JsonRpcResponseWriter.kamailio(config.jsonPretty() ? JsonLayout.PRETTY : JsonLayout.COMPACT));
        if (null != config.jsonrpcHttp())
        {
            startHttp(json);
        }
        FifoReplies replies = null;
        if (null != config.jsonrpcFifo() || null != config.miFifo())
        {
            final String unavailable = Posix.unavailable();
            if (null != unavailable)
            {
                throw new IOException(unavailable + " (turn them off with --jsonrpc-fifo off --mi-fifo off)");
            }
            replies = new FifoReplies(counters, config.fifoReplyTimeoutMs());
            running.add(replies);
        }
        if (null != config.jsonrpcFifo())
        {
            final JsonRpcFifo fifo = new JsonRpcFifo(Path.of(config.jsonrpcFifo()), config.unixSocketMode(),
                config.jsonrpcReplyDir(), json, replies, counters);
            running.add(fifo);
            fifo.start();
            replies.refuse(Path.of(config.jsonrpcFifo()));
            described.add("JSON-RPC FIFO " + config.jsonrpcFifo() + " (replies in " + config.jsonrpcReplyDir() + ")");
        }
        if (null != config.miFifo())
        {
            final MiFifo fifo = new MiFifo(Path.of(config.miFifo()), config.unixSocketMode(), config.miReplyDir(),
                new MiEndpoint(pipeline, config.publishWithObProxy(), counters), replies, counters);
            running.add(fifo);
            fifo.start();
            replies.refuse(Path.of(config.miFifo()));
            described.add("MI FIFO " + config.miFifo() + " (replies in " + config.miReplyDir() + ")");
        }
        describeLimits(Runtime.getRuntime().maxMemory());
    }

    /** The limits in the banner, and a warning when they leave the heap too little room. */
    private void describeLimits(final long maxHeapBytes)
    {
        final int hooks = config.delivery().webhooks().size();
        described.add(config.limits().describe(maxHeapBytes, hooks));
        if (config.limits().tooLargeFor(maxHeapBytes, hooks))
        {
            described.add("warning: the limits add up to more than " + Limits.WARN_HEAP_PERCENT
                + "% of the maximum heap; lower them or raise -Xmx (docs/limits.md)");
        }
    }

    /** The hub, the SSE handler (routed by {@link #startHttp}) and the webhook thread. */
    private void startDelivery()
    {
        hub = new NotificationHub(config.delivery().eventsBuffer(), config.limits().eventBufferBytes());
        events = new EventStream(hub, config.delivery().sseHeartbeatMillis(), config.http().maxEventStreams());
        running.add(events);
        webhooks = new WebhookDelivery(hub, config.delivery(), config.limits().webhookQueueBytes());
        if (webhooks.size() > 0)
        {
            webhooks.start();
            running.add(webhooks);
            described.add("webhooks: " + config.delivery().webhooks());
        }
    }

    private void startHttp(final JsonRpcEndpoint json) throws IOException
    {
        final String hostPort = config.jsonrpcHttp();
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IOException("--jsonrpc-http " + hostPort + ": expected HOST:PORT");
        }
        final String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        if (!ListenAddress.numeric(host))
        {
            throw new IOException("--jsonrpc-http " + hostPort + ": host must be a numeric IP address");
        }
        final int port;
        try
        {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("--jsonrpc-http " + hostPort + ": bad port");
        }
        http = new HttpServer(host, port, httpOptions,
            (body, reply) -> json.handle(body, org.puaagent.agent.rpc.TransportKind.JSONRPC_HTTP,
                answer -> reply.send(answer.status().code(), answer.status().reason(), "application/json",
                    answer.body())),
            counters);
        http.route(EventStream.PATH, events);
        running.add(http);
        try
        {
            http.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IOException("--jsonrpc-http " + hostPort + ": " + ex.getMessage(), ex);
        }
        described.add("JSON-RPC over HTTP on http://" + hostPort + "/RPC, notifications (SSE) on http://" + hostPort
            + EventStream.PATH);
    }

    /**
     * The connection caps of the stream listeners and of HTTP, lowered in proportion when together they do not
     * fit the open-file limit (then no listener can take the descriptors another needs; said in the banner).
     */
    private void fitConnectionCaps()
    {
        int streams = 0;
        for (final String text : config.binrpc())
        {
            final ListenAddress.Parsed parsed = ListenAddress.parse(text);
            if (null != parsed.address() && (parsed.address().kind() == ListenAddress.Kind.TCP
                || parsed.address().kind() == ListenAddress.Kind.UNIX_STREAM))
            {
                streams++;
            }
        }
        final boolean withHttp = null != config.jsonrpcHttp();
        final int[] caps = new int[streams + (withHttp ? 1 : 0)];
        java.util.Arrays.fill(caps, 0, streams, config.binrpcLimits().maxConnections());
        if (withHttp)
        {
            caps[streams] = config.http().limits().maxConnections();
        }
        final long limit = DescriptorBudget.openFileLimit();
        final int[] fitted = DescriptorBudget.fit(caps, limit);
        binrpcLimits = 0 == streams ? config.binrpcLimits() : config.binrpcLimits().withMaxConnections(fitted[0]);
        httpOptions = withHttp
            ? config.http().withLimits(config.http().limits().withMaxConnections(fitted[streams])) : config.http();
        if (!java.util.Arrays.equals(caps, fitted))
        {
            described.add("open-file limit " + limit + " (ulimit -n): connection caps lowered to " + (0 == streams
                ? "" : binrpcLimits.maxConnections() + " per binrpc stream listener" + (withHttp ? ", " : ""))
                + (withHttp ? httpOptions.limits().maxConnections() + " for HTTP" : ""));
        }
    }

    private void startBinRpc(final String text) throws IOException
    {
        final ListenAddress.Parsed parsed = ListenAddress.parse(text);
        if (null != parsed.error())
        {
            throw new IOException("--binrpc " + text + ": " + parsed.error());
        }
        final ListenAddress address = parsed.address();
        switch (address.kind())
        {
            case UDP:
            {
                final DatagramServer server = new DatagramServer(address, counters);
                running.add(server);
                server.start(new BinRpcDatagramEndpoint(server, dispatcher, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE),
                    "binrpc-udp");
                break;
            }
            case UNIX_DATAGRAM:
                throw new IOException("--binrpc " + text + ": unix datagram sockets are not supported (Java has no"
                    + " AF_UNIX datagram channel); use unixs:, tcp: or udp:");
            default:
            {
                final StreamServer server = new StreamServer(address,
                    conn -> new BinRpcStreamSession(conn, dispatcher, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE),
                    counters, binrpcLimits, config.unixSocketMode());
                running.add(server);
                final String name = "binrpc-" + (address.kind() == ListenAddress.Kind.TCP ? "tcp" : "unix");
                if (null == transportHost)
                {
                    server.start(name);
                }
                else
                {
                    server.startOn(transportHost);
                }
                break;
            }
        }
        described.add("binrpc listening on " + address);
    }

    /** One line per listener, for the start-up banner. */
    public List<String> describe()
    {
        return List.copyOf(described);
    }

    @Override
    public void close()
    {
        for (int i = running.size() - 1; i >= 0; i--)
        {
            try
            {
                running.get(i).close();
            }
            catch (final Exception ignored)
            {
                // stopping anyway
            }
        }
        running.clear();
    }
}
