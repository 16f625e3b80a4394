package org.puaagent.agent.pipeline;

import org.puaagent.agent.presence.PresenceServer;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.presence.RecordingRelay;
import org.puaagent.agent.sip.SipTimers;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded presence server, a {@link RecordingRelay} in front of it (which records what the agent sends) and
 * a pipeline whose default outbound proxy is the relay, all on 127.0.0.1 with free ports, Timer F 2 s. Test
 * code; one test thread.
 */
final class PipelineHarness implements AutoCloseable
{
    static final long WAIT_SECONDS = 15;
    static final SipTimers TEST_TIMERS = new SipTimers(500, 4000, 2000);
    static final String PIDF = "application/pidf+xml";
    /** The default server with the failure users (e412, e423, e503, timeout, noetag) on. */
    static final PresenceServerConfig WITH_FAILURE_USERS = PresenceServerConfig.defaults().withFailureUsers(true);

    private final PresenceServerConfig serverConfig;
    /** The server behind the relay (another one after {@link #restartServer}). */
    PresenceServer server;
    final RecordingRelay relay;
    final PresencePipeline pipeline;

    PipelineHarness(final PresenceServerConfig serverConfig,
        final UnaryOperator<PipelineConfig.Builder> pipelineConfig) throws IOException
    {
        this.serverConfig = serverConfig;
        server = PresenceServer.start(serverConfig);
        RecordingRelay opened = null;
        PresencePipeline started = null;
        try
        {
            opened = new RecordingRelay(server.address());
            started = PresencePipeline.start(pipelineConfig.apply(PipelineConfig.builder()
                .listen("udp:127.0.0.1:0")
                .defaultOutboundProxy(opened.uri())
                .sipTimers(TEST_TIMERS)).build());
        }
        finally
        {
            if (null == started)
            {
                if (null != opened)
                {
                    opened.close();
                }
                server.close();
            }
        }
        relay = opened;
        pipeline = started;
    }

    PipelineHarness() throws IOException
    {
        this(PresenceServerConfig.defaults(), b -> b);
    }

    /**
     * Replaces the server behind the relay with a new one of the same settings, as a restart would: it knows no
     * publication and no subscription.
     */
    void restartServer() throws IOException
    {
        server.close();
        server = PresenceServer.start(serverConfig);
        relay.target(server.address());
    }

    /** The requests the agent sent through the relay so far. */
    List<RecordingRelay.RecordedRequest> sent()
    {
        return relay.requests();
    }

    static String pidf(final String entity, final String basic)
    {
        return "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"" + entity
            + "\"><tuple><status><basic>" + basic + "</basic></status></tuple></presence>\n";
    }

    static PublishRequest presence(final String presentity, final int expires, final String id, final String etag,
        final String body)
    {
        return new PublishRequest(presentity, expires, EventPackage.PRESENCE, PIDF, id, etag, null, null, body);
    }

    CompletableFuture<PublishOutcome> submit(final PublishRequest request, final PublishSource source,
        final PublishMode mode)
    {
        final CompletableFuture<PublishOutcome> future = new CompletableFuture<>();
        assertTrue(pipeline.submitPublish(request, source, mode, future::complete), "submit refused");
        return future;
    }

    CompletableFuture<PublishOutcome> submit(final PublishRequest request)
    {
        return submit(request, PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY);
    }

    PublishOutcome publish(final PublishRequest request) throws Exception
    {
        return await(submit(request));
    }

    SubscribeOutcome subscribe(final SubscribeRequest request) throws Exception
    {
        final CompletableFuture<SubscribeOutcome> future = new CompletableFuture<>();
        assertTrue(pipeline.submitSubscribe(request, future::complete), "submit refused");
        return await(future);
    }

    SubscribeOutcome unsubscribe(final String presentity, final String watcher, final EventPackage event)
        throws Exception
    {
        final CompletableFuture<SubscribeOutcome> future = new CompletableFuture<>();
        assertTrue(pipeline.submitUnsubscribe(presentity, watcher, event, future::complete), "submit refused");
        return await(future);
    }

    List<SubscriptionView> subscriptions() throws Exception
    {
        final CompletableFuture<List<SubscriptionView>> future = new CompletableFuture<>();
        assertTrue(pipeline.querySubscriptions(future::complete), "query refused");
        return await(future);
    }

    Optional<SubscriptionView> subscription(final String presentity, final String watcher, final EventPackage event)
        throws Exception
    {
        final CompletableFuture<Optional<SubscriptionView>> future = new CompletableFuture<>();
        assertTrue(pipeline.querySubscription(presentity, watcher, event, future::complete), "query refused");
        return await(future);
    }

    /** Waits (bounded) until {@code condition} holds; fails the test otherwise. */
    static void awaitTrue(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("still not true: " + what);
            }
            Thread.sleep(5);
        }
    }

    static <T> T await(final CompletableFuture<T> future)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    long counter(final String name)
    {
        return pipeline.counters().getOrDefault(name, 0L);
    }

    /** Waits (bounded) until a counter reaches a value; fails the test otherwise. */
    void awaitCounter(final String name, final long atLeast) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (counter(name) < atLeast)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError(name + " did not reach " + atLeast + ": " + pipeline.counters());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close()
    {
        try
        {
            pipeline.close();
        }
        finally
        {
            relay.close();
            server.close();
        }
    }
}
