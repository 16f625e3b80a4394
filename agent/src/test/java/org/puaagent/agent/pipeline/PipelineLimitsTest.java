package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.notify.Notification;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.runtime.Limits;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.puaagent.agent.pipeline.PipelineHarness.pidf;
import static org.puaagent.agent.pipeline.PipelineHarness.presence;

/**
 * The owner's byte budgets against the embedded presence server: a new publication or subscription beyond its
 * budget gets {@code LimitReached} (counted) while the existing ones go on changing, refreshing and ending; a
 * submit beyond the command budget is refused at once and the bytes come back with the outcomes; a NOTIFY
 * whose state does not fit is delivered but kept without its body.
 */
class PipelineLimitsTest
{
    private static final String ALICE = "sip:alice@127.0.0.1";
    private static final String CAROL = "sip:carol@127.0.0.1";
    private static final String WATCHER = "sip:bob@127.0.0.1";
    /** Slack under which one more record of the same shape cannot fit (records differ by a few bytes of tags). */
    private static final long SLACK = 64;

    private static Limits limits(final UnaryOperator<Limits.Builder> change)
    {
        return change.apply(Limits.builder(Limits.forHeap(1L << 30))).build();
    }

    private static PublishRequest initial(final String presentity, final String basic)
    {
        return presence(presentity, 3600, null, null, pidf(presentity, basic));
    }

    @Test
    void aNewPublicationBeyondTheBudgetIsRefusedAndTheHeldOnesGoOn() throws Exception
    {
        final long oneRecord = RecordSizes.newSeries(initial(ALICE, "open"));
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(),
            b -> b.limits(limits(l -> l.publicationBytes(oneRecord + SLACK)))))
        {
            final PublishOutcome.Published alice = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(initial(ALICE, "open")));
            final int sentBefore = h.sent().size();

            assertEquals(PublishOutcome.LIMIT_REACHED, h.publish(initial(CAROL, "open")), "no room for a second");
            assertEquals(1, h.counter("publish.outcome.limit_reached"));
            assertEquals(sentBefore, h.sent().size(), "nothing sent for it");

            final PublishOutcome.Published modified = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, alice.etag(), pidf(ALICE, "closed"))),
                "a modify of a held publication still works (a little larger is within the headroom)");
            assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, modified.etag(), null)), "so does a refresh");
            assertEquals(PublishOutcome.LIMIT_REACHED, h.publish(presence(ALICE, 3600, null, null,
                pidf(ALICE, "x".repeat((int)oneRecord)))), "a modify that grows it past the headroom does not");
            assertEquals(2, h.counter("publish.outcome.limit_reached"));
            assertTrue(h.server.lookup(ALICE, "presence").orElseThrow().body().contains("closed"),
                "the refused modify changed nothing");

            awaitGauge(h, "publish.bytes", v -> v > 0 && v <= oneRecord + SLACK);
            assertEquals(0, h.publish(presence(ALICE, 0, null, null, null)) instanceof PublishOutcome.Published p
                ? p.expires() : -1, "an unpublish always works");
            awaitGauge(h, "publish.bytes", v -> 0 == v);

            assertInstanceOf(PublishOutcome.Published.class, h.publish(initial(CAROL, "open")),
                "the released bytes take a new publication");
        }
    }

    @Test
    void aSubmitBeyondTheCommandBudgetIsRefusedAtOnceAndTheBytesComeBackWithTheOutcomes() throws Exception
    {
        final PublishRequest first = initial("sip:timeout1@127.0.0.1", "open");
        final PublishRequest second = initial("sip:timeout2@127.0.0.1", "open");
        final PublishRequest third = initial("sip:timeout3@127.0.0.1", "open");
        final long oneCommand = RecordSizes.command(first);
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS,
            b -> b.limits(limits(l -> l.commandBytes(2 * oneCommand + SLACK)))))
        {
            final CompletableFuture<PublishOutcome> one = h.submit(first);
            final CompletableFuture<PublishOutcome> two = h.submit(second);
            assertEquals(2 * oneCommand, h.counter("commands.bytes"), "both reserved while unanswered");

            assertFalse(h.pipeline.submitPublish(third, PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY,
                outcome -> { }), "refused at once: the caller answers 503");
            assertEquals(1, h.counter("commands.bytes_full"));
            assertEquals(0, h.counter("commands.queue_full"), "the queue has room: it is the bytes");

            final PublishOutcome.Failed timedOut = assertInstanceOf(PublishOutcome.Failed.class,
                PipelineHarness.await(one));
            assertEquals(408, timedOut.sipStatus());
            PipelineHarness.await(two);
            assertEquals(0, h.counter("commands.bytes"), "the outcomes gave the bytes back");
            final PublishOutcome.Failed later = assertInstanceOf(PublishOutcome.Failed.class,
                PipelineHarness.await(h.submit(third)), "room again");
            assertEquals(408, later.sipStatus());
        }
    }

    @Test
    void commandsAnsweredWithoutSipGiveTheirBytesBackAtOnce() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            for (int i = 0; i < 50; i++)
            {
                assertEquals(PublishOutcome.NOTHING_TO_REMOVE, h.publish(presence(ALICE, 0, null, null, null)));
                assertEquals(PublishOutcome.WRONG_ETAG, h.publish(presence(ALICE, 60, null, "nope", null)));
            }
            assertEquals(0, h.counter("commands.bytes"));
            assertInstanceOf(PublishOutcome.Published.class, h.publish(initial(ALICE, "open")));
            assertEquals(0, h.counter("commands.bytes"), "and so do those answered by SIP");
        }
    }

    @Test
    void aNewSubscriptionBeyondTheBudgetIsRefusedAndTheHeldOneRefreshes() throws Exception
    {
        final long oneSubscription = RecordSizes.newSubscription(subscribe(ALICE + ":5070", 600));
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(),
            b -> b.limits(limits(l -> l.subscriptionBytes(oneSubscription + SLACK)))))
        {
            final String alice = at(h, "alice");
            final SubscribeOutcome.Subscribed first = assertInstanceOf(SubscribeOutcome.Subscribed.class,
                h.subscribe(subscribe(alice, 600)));
            awaitGauge(h, "subscribe.bytes", v -> v > 0);

            assertEquals(SubscribeOutcome.LIMIT_REACHED, h.subscribe(subscribe(at(h, "carol"), 600)));
            assertEquals(1, h.counter("subscribe.outcome.limit_reached"));
            assertTrue(h.subscription(at(h, "carol"), WATCHER, EventPackage.PRESENCE).isEmpty(), "nothing kept");

            final SubscribeOutcome.Subscribed refreshed = assertInstanceOf(SubscribeOutcome.Subscribed.class,
                h.subscribe(subscribe(alice, 900)), "the held subscription still refreshes");
            assertEquals(first.id(), refreshed.id());
            final SubscribeOutcome.Subscribed ended = assertInstanceOf(SubscribeOutcome.Subscribed.class,
                h.unsubscribe(alice, WATCHER, EventPackage.PRESENCE), "and ends");
            assertEquals("terminated", ended.state());
        }
    }

    @Test
    void aNotifyWhoseStateDoesNotFitIsDeliveredButKeptWithoutItsBody() throws Exception
    {
        final List<Notification> delivered = new CopyOnWriteArrayList<>();
        final long oneSubscription = RecordSizes.newSubscription(subscribe(ALICE + ":5070", 600));
        final String large = pidf(ALICE, "open").replace("<basic>", "<note>" + "n".repeat(4000) + "</note><basic>");
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(),
            b -> b.notificationSink(delivered::add).limits(limits(l -> l.subscriptionBytes(2 * oneSubscription)))))
        {
            final String alice = at(h, "alice");
            assertInstanceOf(SubscribeOutcome.Subscribed.class, h.subscribe(subscribe(alice, 600)));
            assertInstanceOf(PublishOutcome.Published.class, h.publish(presence(ALICE, 600, null, null, large)));

            PipelineHarness.awaitTrue("the NOTIFY with the large body delivered", () -> delivered.stream()
                .anyMatch(n -> null != n.body() && n.body().contains("nnnn")));
            h.awaitCounter("notify.body_not_kept", 1);
            final SubscriptionView view = h.subscription(alice, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertNull(view.body(), "kept without the body that did not fit");
            assertNotNull(view.subscriptionState(), "the rest of the state is kept");
            assertTrue(view.notifyCount() >= 2);
        }
    }

    @Test
    void belowTheBudgetsNothingIsRefused() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            for (int i = 0; i < 20; i++)
            {
                assertInstanceOf(PublishOutcome.Published.class, h.publish(initial("sip:u" + i + "@127.0.0.1", "open")));
            }
            assertInstanceOf(SubscribeOutcome.Subscribed.class, h.subscribe(subscribe(at(h, "u1"), 600)));
            PipelineHarness.awaitTrue("the NOTIFY's body kept", () -> null != view(h, at(h, "u1")).body());
            assertEquals(0, h.counter("publish.outcome.limit_reached"));
            assertEquals(0, h.counter("subscribe.outcome.limit_reached"));
            assertEquals(0, h.counter("commands.bytes_full"));
            assertEquals(0, h.counter("notify.body_not_kept"));
            assertTrue(view(h, at(h, "u1")).body().contains("open"), "the body is kept");
            assertEquals(Limits.defaults().publicationBytes(), h.counter("publish.bytes_limit"),
                "the defaults: shares of the heap");
        }
    }

    private static SubscribeRequest subscribe(final String presentity, final int expires)
    {
        return new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, expires);
    }

    private static SubscriptionView view(final PipelineHarness h, final String presentity)
    {
        try
        {
            return h.subscription(presentity, WATCHER, EventPackage.PRESENCE).orElseThrow();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static String at(final PipelineHarness h, final String user)
    {
        return "sip:" + user + "@127.0.0.1:" + h.server.address().getPort();
    }

    /** Gauges are set at the end of the owner's duty cycle: wait (bounded) until one holds. */
    private static void awaitGauge(final PipelineHarness h, final String name,
        final java.util.function.LongPredicate holds) throws InterruptedException
    {
        PipelineHarness.awaitTrue(name + " (" + h.counter(name) + ")", () -> holds.test(h.counter(name)));
    }
}
