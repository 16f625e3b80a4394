package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.notify.Notification;
import org.puaagent.agent.notify.NotificationSink;
import org.puaagent.agent.presence.RecordingRelay.RecordedRequest;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent as subscriber: dialogs with the embedded presence server (and with a scripted notifier for the
 * flows it does not produce), NOTIFYs handed to the sink, refresh, unsubscribe, re-subscribe, failures.
 */
class SubscriptionDialogTest
{
    private static final String WATCHER = "sip:bob@127.0.0.1";
    private static final long WAIT_MILLIS = PipelineHarness.WAIT_SECONDS * 1000;

    private final RecordingSink sink = new RecordingSink();

    private PipelineHarness harness(final PresenceServerConfig server) throws Exception
    {
        return new PipelineHarness(server, b -> b.notificationSink(sink));
    }

    private PipelineHarness harness() throws Exception
    {
        return harness(PresenceServerConfig.defaults());
    }

    private static String presentityAt(final PipelineHarness h, final String user)
    {
        return "sip:" + user + "@127.0.0.1:" + h.relay.address().getPort();
    }

    private static String note(final String entity, final String note)
    {
        return "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"" + entity
            + "\"><tuple id=\"t1\"><status><basic>open</basic></status><note>" + note + "</note></tuple></presence>\n";
    }

    private static SubscribeOutcome.Subscribed subscribed(final SubscribeOutcome outcome)
    {
        return assertInstanceOf(SubscribeOutcome.Subscribed.class, outcome);
    }

    @Test
    void subscribeConfirmsTheDialogAndTheSinkGetsTheBodyTheServerNotified() throws Exception
    {
        try (PipelineHarness h = harness())
        {
            assertInstanceOf(PublishOutcome.Published.class, h.publish(PipelineHarness.presence(
                "sip:alice@127.0.0.1", 600, null, null, note("sip:alice@127.0.0.1", "in-a-meeting"))));
            final String presentity = presentityAt(h, "alice");

            final SubscribeOutcome.Subscribed outcome =
                subscribed(h.subscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 1800)));
            assertEquals(1810, outcome.expires(), "pua asks expires + 10; the server grants it");
            assertEquals("active", outcome.state());
            assertNull(outcome.reason());

            final RecordedRequest sent = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method()), WAIT_MILLIS)
                .orElseThrow();
            assertTrue(sent.raw().contains("\r\nContact: <sip:127.0.0.1:" + h.pipeline.sipAddress().getPort()
                + ">\r\n"), "the agent is the subscriber: " + sent.raw());
            assertTrue(sent.raw().contains("\r\nFrom: <" + WATCHER + ">;tag="), sent.raw());

            final Notification notification = sink.await(n -> n.subscriptionId().equals(outcome.id()));
            assertTrue(notification.body().contains("<note>in-a-meeting</note>"), notification.body());
            assertEquals("application/pidf+xml", notification.contentType());
            assertTrue(notification.subscriptionState().startsWith("active;expires="),
                notification.subscriptionState());
            assertEquals(presentity, notification.presentity());
            assertEquals(WATCHER, notification.watcher());
            assertEquals("presence", notification.event());

            final SubscriptionView view =
                h.subscription(presentity, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertEquals(outcome.id(), view.id());
            assertEquals("active", view.state());
            assertEquals(notification.body(), view.body());
            assertEquals(1, view.notifyCount());
            assertTrue(view.expires() > 1700 && view.expires() <= 1810, "seconds left: " + view.expires());
            assertEquals(1, h.counter("notify.delivered"));
            assertEquals(1, h.counter("subscribe.outcome.subscribed"));
        }
    }

    @Test
    void everyPublicationChangeReachesTheWatcher() throws Exception
    {
        try (PipelineHarness h = harness())
        {
            final String presentity = presentityAt(h, "erin");
            final String id = subscribed(h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600))).id();
            assertNull(sink.await(n -> id.equals(n.subscriptionId())).body(), "no publication yet: no body");

            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class, h.publish(
                PipelineHarness.presence("sip:erin@127.0.0.1", 600, null, null, note("sip:erin@127.0.0.1", "one"))));
            sink.await(n -> null != n.body() && n.body().contains("<note>one</note>"));
            h.publish(PipelineHarness.presence("sip:erin@127.0.0.1", 600, null, first.etag(),
                note("sip:erin@127.0.0.1", "two")));
            sink.await(n -> null != n.body() && n.body().contains("<note>two</note>"));
            h.publish(PipelineHarness.presence("sip:erin@127.0.0.1", 0, null, null, null));
            final Notification removed = sink.await(n -> null == n.body());
            assertTrue(removed.subscriptionState().startsWith("active"), removed.subscriptionState());
        }
    }

    @Test
    void aShortGrantIsRefreshedInDialogBeforeItRunsOut() throws Exception
    {
        try (PipelineHarness h = harness(PresenceServerConfig.defaults().withExpires(1, 2)))
        {
            final String presentity = presentityAt(h, "fred");
            final SubscribeOutcome.Subscribed outcome =
                subscribed(h.subscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, -1)));
            assertEquals(2, outcome.expires());
            final RecordedRequest initial = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method()), WAIT_MILLIS)
                .orElseThrow();
            assertEquals(3610, initial.expires(), "negative expires: default_expires + 10");

            final RecordedRequest refresh = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method())
                && r.raw().contains("\r\nCSeq: 11 SUBSCRIBE\r\n") && 0 != r.status(), WAIT_MILLIS).orElseThrow();
            assertEquals(header(initial.raw(), "Call-ID"), header(refresh.raw(), "Call-ID"));
            assertTrue(header(refresh.raw(), "To").contains(";tag="), "in-dialog: " + refresh.raw());
            assertEquals(h.relay.uri(), refresh.requestUri(), "to the remote target (the 2xx's Contact)");
            assertEquals(3610, refresh.expires(), "kept forever: refreshed with default_expires + 10");
            assertEquals(200, refresh.status());
            h.awaitCounter("subscribe.refresh.sent", 1);
            assertEquals(1, h.server.watcherCount(), "one dialog");
            assertEquals(1, h.counter("subscribe.initial.sent"));
        }
    }

    @Test
    void aRepeatedSubscribeRefreshesTheSameDialog() throws Exception
    {
        try (PipelineHarness h = harness())
        {
            final String presentity = presentityAt(h, "gina");
            final String first = subscribed(h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600))).id();
            final SubscribeOutcome.Subscribed second =
                subscribed(h.subscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 1200)));
            assertEquals(first, second.id());
            assertEquals(1210, second.expires());

            final List<RecordedRequest> sent = h.sent().stream()
                .filter(r -> "SUBSCRIBE".equals(r.method())).toList();
            assertEquals(2, sent.size());
            assertEquals(header(sent.get(0).raw(), "Call-ID"), header(sent.get(1).raw(), "Call-ID"));
            assertTrue(sent.get(1).raw().contains("\r\nCSeq: 11 SUBSCRIBE\r\n"), sent.get(1).raw());
            assertEquals(1, h.server.watcherCount());
            assertEquals(1, h.subscriptions().size());
        }
    }

    @Test
    void unsubscribeEndsTheDialogAndTheFinalNotifyIsDelivered() throws Exception
    {
        try (PipelineHarness h = harness())
        {
            final String presentity = presentityAt(h, "hugo");
            final String id = subscribed(h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600))).id();
            sink.await(n -> id.equals(n.subscriptionId()));

            final SubscribeOutcome.Subscribed gone =
                subscribed(h.unsubscribe(presentity, WATCHER, EventPackage.PRESENCE));
            assertEquals(new SubscribeOutcome.Subscribed(id, 0, "terminated", "unsubscribed"), gone);
            final RecordedRequest removal = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method())
                && 0 == r.expires(), WAIT_MILLIS).orElseThrow();
            assertTrue(removal.raw().contains("\r\nCSeq: 11 SUBSCRIBE\r\n"), removal.raw());
            final Notification last = sink.await(n -> n.subscriptionState().startsWith("terminated"));
            assertEquals(id, last.subscriptionId());
            PipelineHarness.awaitTrue("the server forgot the watcher", () -> 0 == h.server.watcherCount());

            final SubscriptionView view = h.subscription(presentity, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertEquals("terminated", view.state());
            assertEquals("unsubscribed", view.reason());
            assertEquals(0, h.counter("subscribe.resubscribe"), "terminated after an unsubscribe: no re-subscribe");
            assertEquals(SubscribeOutcome.NO_SUCH_SUBSCRIPTION, h.unsubscribe(presentity, WATCHER,
                EventPackage.PRESENCE));
            assertEquals(SubscribeOutcome.NOTHING_TO_REMOVE, h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 0)));
            assertEquals(1, h.counter("subscribe.initial.sent"));
        }
    }

    @Test
    void a481ToARefreshStartsAFreshDialog() throws Exception
    {
        try (PipelineHarness h = harness())
        {
            final String presentity = presentityAt(h, "ida");
            final String id = subscribed(h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600))).id();
            h.restartServer();
            PipelineHarness.awaitTrue("the server forgot the watcher", () -> 0 == h.server.watcherCount());

            final SubscribeOutcome.Subscribed again =
                subscribed(h.subscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600)));
            assertEquals(id, again.id(), "the same subscription, in a new dialog");
            assertEquals("active", again.state());

            final List<RecordedRequest> sent = h.sent().stream()
                .filter(r -> "SUBSCRIBE".equals(r.method())).toList();
            assertEquals(3, sent.size(), sent.toString());
            assertEquals(481, sent.get(1).status());
            assertFalse(header(sent.get(2).raw(), "To").contains(";tag="), "a fresh initial SUBSCRIBE");
            assertNotEquals(header(sent.get(0).raw(), "Call-ID"), header(sent.get(2).raw(), "Call-ID"));
            assertTrue(sent.get(2).expires() > 590 && sent.get(2).expires() <= 610,
                "the remaining lifetime + 10: " + sent.get(2).expires());
            assertEquals(1, h.counter("subscribe.recover.481_408"));
            assertEquals(1, h.server.watcherCount());
        }
    }

    @Test
    void notifiesOfKnownDialogsPassWhileUnknownRequestsAreShed() throws Exception
    {
        try (PipelineHarness h = harness();
            DatagramChannel stranger = DatagramChannel.open())
        {
            stranger.bind(new InetSocketAddress("127.0.0.1", 0));
            final String presentity = presentityAt(h, "jill");
            final String id = subscribed(h.subscribe(
                new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE, 600))).id();
            sink.await(n -> id.equals(n.subscriptionId()));
            final int unknown = 3 * SipEndpoint.UNKNOWN_REQUESTS_PER_SECOND;
            for (int i = 0; i < unknown; i++)
            {
                final String options = "OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKo"
                    + i + "\r\nFrom: <sip:x@127.0.0.1>;tag=1\r\nTo: <sip:agent@127.0.0.1>\r\nCall-ID: stranger" + i
                    + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                stranger.send(ByteBuffer.wrap(options.getBytes(StandardCharsets.US_ASCII)),
                    h.pipeline.sipAddress());
            }
            h.awaitCounter("sip.requests_shed", 1);
            h.publish(PipelineHarness.presence("sip:jill@127.0.0.1", 600, null, null,
                note("sip:jill@127.0.0.1", "still-here")));
            final Notification changed = sink.await(n -> null != n.body() && n.body().contains("still-here"));
            assertEquals(id, changed.subscriptionId(), "the NOTIFY of a known dialog is never shed");
            assertTrue(h.counter("sip.requests_received") < unknown, "strangers beyond the ration were not parsed");
        }
    }

    @Test
    void failuresOfTheInitialSubscribeAreReportedAndLeaveNothingBehind() throws Exception
    {
        try (PipelineHarness h = harness(PipelineHarness.WITH_FAILURE_USERS))
        {
            assertEquals(new SubscribeOutcome.Failed(408, "Request Timeout"), h.subscribe(new SubscribeRequest(
                presentityAt(h, "timeout1"), WATCHER, EventPackage.PRESENCE, 600)));
            assertEquals(new SubscribeOutcome.Failed(503, "Service Unavailable"), h.subscribe(new SubscribeRequest(
                presentityAt(h, "e503x"), WATCHER, EventPackage.PRESENCE, 600)));
            assertEquals(1, h.counter("subscribe.timeouts"));
            assertEquals(2, h.counter("subscribe.outcome.failed"));
            assertTrue(h.subscriptions().isEmpty(), "never established: forgotten");
        }
    }

    @Test
    void aNotifyBeforeThe2xxConfirmsTheDialog() throws Exception
    {
        try (PipelineHarness h = harness();
            ScriptedNotifier uas = new ScriptedNotifier())
        {
            final String presentity = uas.presentity("carol");
            final CompletableFuture<SubscribeOutcome> pending = new CompletableFuture<>();
            assertTrue(h.pipeline.submitSubscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE,
                300), pending::complete));
            final ScriptedNotifier.Received subscribe = uas.receiveRequest("SUBSCRIBE");

            uas.notify(subscribe, "uas-1", 1, "active;expires=300", note(presentity, "early"));
            assertTrue(uas.receiveNotifyAnswer(1).text().startsWith("SIP/2.0 200 "), "the early NOTIFY is ours");
            assertFalse(pending.isDone(), "the command waits for the SUBSCRIBE's final response");
            uas.answer(subscribe, 200, "OK", "uas-1", "Expires: 300\r\nContact: <" + presentity + ">\r\n");

            final SubscribeOutcome.Subscribed outcome = subscribed(PipelineHarness.await(pending));
            assertEquals("active", outcome.state());
            assertEquals(300, outcome.expires());
            assertTrue(sink.await(n -> outcome.id().equals(n.subscriptionId())).body().contains("<note>early</note>"));
            assertEquals(1, h.counter("notify.early"));

            final CompletableFuture<SubscribeOutcome> refresh = new CompletableFuture<>();
            assertTrue(h.pipeline.submitSubscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE,
                300), refresh::complete));
            final ScriptedNotifier.Received inDialog = uas.receiveRequest("SUBSCRIBE");
            assertEquals(subscribe.header("Call-ID"), inDialog.header("Call-ID"));
            assertTrue(inDialog.header("To").endsWith(";tag=uas-1"), "the NOTIFY's From tag: " + inDialog.text());
            assertTrue(inDialog.text().startsWith("SUBSCRIBE sip:127.0.0.1:"), "to the NOTIFY's Contact");
            uas.answer(inDialog, 200, "OK", null, "Expires: 300\r\n");
            assertEquals(outcome.id(), subscribed(PipelineHarness.await(refresh)).id());
        }
    }

    @Test
    void terminatedDeactivatedStartsAFreshSubscribe() throws Exception
    {
        try (PipelineHarness h = harness();
            ScriptedNotifier uas = new ScriptedNotifier())
        {
            final String presentity = uas.presentity("dave");
            final ScriptedNotifier.Received subscribe = establish(h, uas, presentity, -1, "u1");
            uas.notify(subscribe, "u1", 2, "terminated;reason=deactivated", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 200 "));

            final ScriptedNotifier.Received fresh = uas.receiveRequest("SUBSCRIBE");
            assertNotEquals(subscribe.header("Call-ID"), fresh.header("Call-ID"));
            assertFalse(fresh.header("To").contains(";tag="), fresh.text());
            assertEquals("3610", fresh.header("Expires"));
            uas.answer(fresh, 200, "OK", "u2", "Expires: 3600\r\n");
            h.awaitCounter("subscribe.accepted", 2);
            final SubscriptionView view = h.subscription(presentity, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertEquals("active", view.state());
            assertEquals(1, h.counter("subscribe.resubscribe"));
            assertEquals(1, h.subscriptions().size());
        }
    }

    @Test
    void terminatedNoresourceEndsTheSubscription() throws Exception
    {
        try (PipelineHarness h = harness();
            ScriptedNotifier uas = new ScriptedNotifier())
        {
            final String presentity = uas.presentity("eve");
            final ScriptedNotifier.Received subscribe = establish(h, uas, presentity, 300, "u1");
            uas.notify(subscribe, "u1", 2, "terminated;reason=noresource", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 200 "));

            final SubscriptionView view = h.subscription(presentity, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertEquals("terminated", view.state());
            assertEquals("noresource", view.reason());
            assertEquals("terminated;reason=noresource", view.subscriptionState());
            assertEquals(0, h.counter("subscribe.resubscribe"));
            assertEquals(1, h.counter("subscribe.ended"));

            uas.notify(subscribe, "u1", 2, "terminated;reason=noresource", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 200 "), "a retransmission: 200 again");
            assertEquals(1, h.counter("notify.retransmissions"));
            uas.notify(subscribe, "u1", 1, "active", null);
            assertTrue(uas.receiveNotifyAnswer(1).text().startsWith("SIP/2.0 500 "), "an older CSeq");
        }
    }

    @Test
    void aRetransmittedOlderNotifyGetsItsFirstAnswerAgainNotA500() throws Exception
    {
        try (PipelineHarness h = harness();
            ScriptedNotifier uas = new ScriptedNotifier())
        {
            final String presentity = uas.presentity("gus");
            final ScriptedNotifier.Received subscribe = establish(h, uas, presentity, 300, "r1");
            uas.notify(subscribe, "r1", 2, "active;expires=300", null);
            final String second = uas.receiveNotifyAnswer(2).text();
            assertTrue(second.startsWith("SIP/2.0 200 "), second);
            uas.notify(subscribe, "r1", 3, "active;expires=300", null);
            assertTrue(uas.receiveNotifyAnswer(3).text().startsWith("SIP/2.0 200 "));
            final long received = h.counter("notify.received");

            uas.retransmitNotify(2, subscribe);
            assertEquals(second, uas.receiveNotifyAnswer(2).text(), "the cached 200, byte for byte");
            assertEquals(1, h.counter("sip.requests.retransmissions_answered"));
            assertEquals(0, h.counter("notify.out_of_order"));
            assertEquals(received, h.counter("notify.received"), "not processed a second time");

            uas.notify(subscribe, "r1", 2, "active;expires=300", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 500 "),
                "a new transaction with an older CSeq is still out of order");
            assertEquals(1, h.counter("notify.out_of_order"));
        }
    }

    @Test
    void probationRetriesAfterRetryAfterAndGiveupWithoutItEnds() throws Exception
    {
        try (PipelineHarness h = harness();
            ScriptedNotifier uas = new ScriptedNotifier())
        {
            final String later = uas.presentity("fay");
            final ScriptedNotifier.Received first = establish(h, uas, later, 300, "p1");
            uas.notify(first, "p1", 2, "terminated;reason=probation;retry-after=1", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 200 "));
            final ScriptedNotifier.Received fresh = uas.receiveRequest("SUBSCRIBE");
            assertNotEquals(first.header("Call-ID"), fresh.header("Call-ID"));
            final int expires = Integer.parseInt(fresh.header("Expires"));
            assertTrue(expires > 290 && expires <= 310, "the remaining lifetime + 10: " + expires);
            uas.answer(fresh, 200, "OK", "p2", "Expires: 300\r\n");
            h.awaitCounter("subscribe.accepted", 2);

            final String gone = uas.presentity("gus");
            final ScriptedNotifier.Received second = establish(h, uas, gone, 300, "g1");
            uas.notify(second, "g1", 2, "terminated;reason=giveup", null);
            assertTrue(uas.receiveNotifyAnswer(2).text().startsWith("SIP/2.0 200 "));
            final SubscriptionView view = h.subscription(gone, WATCHER, EventPackage.PRESENCE).orElseThrow();
            assertEquals("terminated", view.state());
            assertEquals("giveup", view.reason());
            assertEquals(1, h.counter("subscribe.resubscribe"), "only the probation one");
        }
    }

    /** Subscribe through the scripted notifier: 200, then NOTIFY 1 active, answered. @return the SUBSCRIBE */
    private ScriptedNotifier.Received establish(final PipelineHarness h, final ScriptedNotifier uas,
        final String presentity, final int expires, final String tag) throws Exception
    {
        final CompletableFuture<SubscribeOutcome> pending = new CompletableFuture<>();
        assertTrue(h.pipeline.submitSubscribe(new SubscribeRequest(presentity, WATCHER, EventPackage.PRESENCE,
            expires), pending::complete));
        final ScriptedNotifier.Received subscribe = uas.receiveRequest("SUBSCRIBE");
        uas.answer(subscribe, 200, "OK", tag, "Expires: 3600\r\nContact: <" + presentity + ">\r\n");
        assertEquals("active", subscribed(PipelineHarness.await(pending)).state());
        uas.notify(subscribe, tag, 1, "active;expires=3600", note(presentity, "x"));
        assertTrue(uas.receiveNotifyAnswer(1).text().startsWith("SIP/2.0 200 "));
        return subscribe;
    }

    private static String header(final String message, final String name)
    {
        return ScriptedNotifier.header(message, name);
    }

    /** Collects notifications from the owner thread; the test thread waits for them (bounded). */
    private static final class RecordingSink implements NotificationSink
    {
        private final LinkedBlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        private final List<Notification> seen = new ArrayList<>();

        @Override
        public void onNotification(final Notification notification)
        {
            received.add(notification);
        }

        Notification await(final Predicate<Notification> filter) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PipelineHarness.WAIT_SECONDS);
            while (true)
            {
                final long left = deadline - System.nanoTime();
                final Notification next = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (null == next)
                {
                    throw new AssertionError("no such notification; seen: " + seen);
                }
                seen.add(next);
                if (filter.test(next))
                {
                    return next;
                }
            }
        }
    }
}
