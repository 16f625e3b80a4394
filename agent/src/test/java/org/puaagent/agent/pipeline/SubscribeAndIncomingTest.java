package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.presence.RecordingRelay.RecordedRequest;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pua.subscribe's SUBSCRIBE in Kamailio-compatible mode, and the answers to requests that reach the agent. */
class SubscribeAndIncomingTest
{
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @Test
    void compatModeSendsTheSubscribeAsKamailioSendsItAndCompletesWhenHandedToSip() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(),
            b -> b.subscribeContact(SubscribeContact.WATCHER));
            DatagramChannel watcherPhone = DatagramChannel.open())
        {
            watcherPhone.bind(new InetSocketAddress("127.0.0.1", 0));
            watcherPhone.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
            final String presentity = "sip:alice@127.0.0.1:" + h.relay.address().getPort();
            final String watcher = "sip:bob@127.0.0.1:" + ((InetSocketAddress)watcherPhone.getLocalAddress()).getPort();

            assertEquals(SubscribeOutcome.SENT,
                h.subscribe(new SubscribeRequest(presentity, watcher, EventPackage.PRESENCE, 1800)));

            final RecordedRequest sent = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method()),
                PipelineHarness.WAIT_SECONDS * 1000).orElseThrow();
            assertEquals(1810, sent.expires(), "pua sends expires + 10");
            assertEquals("presence", sent.event());
            assertTrue(sent.raw().contains("\r\nContact: <" + watcher + ">\r\n"), sent.raw());
            assertTrue(sent.raw().contains("\r\nFrom: <" + watcher + ">;tag="), sent.raw());
            assertTrue(sent.raw().contains("\r\nTo: <" + presentity + ">\r\n"), sent.raw());
            assertTrue(sent.raw().contains("\r\nCSeq: 10 SUBSCRIBE\r\n"), sent.raw());
            h.awaitCounter("subscribe.accepted", 1);
            assertEquals(1, h.counter("sip.status.200"));
            final String notify = receive(watcherPhone);
            assertTrue(notify.startsWith("NOTIFY " + watcher + " SIP/2.0\r\n"),
                "the NOTIFY goes to the watcher URI, not to the agent: " + notify);
            assertEquals(0, h.counter("notify.received"));
        }
    }

    @Test
    void subscribeRefusalsAreValues() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final String watcher = "sip:bob@127.0.0.1:5060";
            assertInstanceOf(SubscribeOutcome.NotSubscribable.class, h.subscribe(
                new SubscribeRequest("sip:a@127.0.0.1", watcher, EventPackage.CONFERENCE, 60)));
            assertEquals(SubscribeOutcome.NOTHING_TO_REMOVE, h.subscribe(
                new SubscribeRequest("sip:a@127.0.0.1", watcher, EventPackage.PRESENCE, 0)));
            assertInstanceOf(SubscribeOutcome.Unroutable.class, h.subscribe(
                new SubscribeRequest("sip:a@example.com", watcher, EventPackage.PRESENCE, 60)),
                "SUBSCRIBE goes to the R-URI, never through the default proxy, and names are not resolved");
            assertEquals(0, h.sent().size());
            assertEquals(3, h.counter("subscribe.requests"));
        }
    }

    @Test
    void incomingRequestsGetStatelessAnswers() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness();
            DatagramChannel peer = DatagramChannel.open())
        {
            peer.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
            final InetSocketAddress agent = h.pipeline.sipAddress();

            assertTrue(exchange(peer, agent, request("OPTIONS", "opt-1")).startsWith("SIP/2.0 200 "));
            final String unknownNotify = exchange(peer, agent, request("NOTIFY", "not-ours"));
            assertTrue(unknownNotify.startsWith("SIP/2.0 481 "), unknownNotify);
            final String invite = exchange(peer, agent, request("INVITE", "inv-1"));
            assertTrue(invite.startsWith("SIP/2.0 405 "), invite);
            assertTrue(invite.contains("\r\nAllow: "), invite);

            final String presentity = "sip:alice@127.0.0.1:" + h.relay.address().getPort();
            h.subscribe(new SubscribeRequest(presentity, "sip:bob@127.0.0.1", EventPackage.PRESENCE, 60));
            final RecordedRequest subscribe = h.relay.awaitRequest(r -> "SUBSCRIBE".equals(r.method()),
                PipelineHarness.WAIT_SECONDS * 1000).orElseThrow();
            final String callId = header(subscribe.raw(), "Call-ID");
            final String notOurTag = exchange(peer, agent, request("NOTIFY", callId));
            assertTrue(notOurTag.startsWith("SIP/2.0 481 "), "our Call-ID but not our tag: " + notOurTag);
            h.awaitCounter("sip.notify.answered_200", 1);
            assertEquals(2, h.counter("sip.notify.answered_481"));
        }
    }

    @Test
    void answersToUnknownDialogsAreNotKeptForRetransmissions() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness();
            DatagramChannel peer = DatagramChannel.open())
        {
            peer.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
            final InetSocketAddress agent = h.pipeline.sipAddress();
            final String notify = request("NOTIFY", "nobody-knows");
            final String first = exchange(peer, agent, notify);
            assertTrue(first.startsWith("SIP/2.0 481 "), first);
            assertEquals(first, exchange(peer, agent, notify), "the same 481 again, answered anew");
            assertTrue(exchange(peer, agent, request("OPTIONS", "opt-9")).startsWith("SIP/2.0 200 "));
            assertEquals(0, h.counter("sip.requests.retransmissions_answered"), "nothing was kept to answer from");
            assertEquals(2, h.counter("sip.notify.answered_481"));
        }
    }

    @Test
    void strayResponsesAreCountedAndIgnored() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness();
            DatagramChannel peer = DatagramChannel.open())
        {
            peer.bind(new InetSocketAddress("127.0.0.1", 0));
            final String stray = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKnobody\r\n"
                + "To: <sip:a@127.0.0.1>;tag=1\r\nFrom: <sip:a@127.0.0.1>;tag=2\r\nCall-ID: stray\r\n"
                + "CSeq: 10 PUBLISH\r\nContent-Length: 0\r\n\r\n";
            peer.send(ByteBuffer.wrap(stray.getBytes(StandardCharsets.US_ASCII)), h.pipeline.sipAddress());
            peer.send(ByteBuffer.wrap("garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                h.pipeline.sipAddress());
            h.awaitCounter("sip.stray_responses", 1);
            h.awaitCounter("sip.parse_errors", 1);
        }
    }

    private static String request(final String method, final String callId)
    {
        return method + " sip:agent@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-" + method + "-" + callId.hashCode() + "\r\n"
            + "To: <sip:agent@127.0.0.1>;tag=totag\r\n"
            + "From: <sip:server@127.0.0.1>;tag=fromtag\r\n"
            + "CSeq: 2 " + method + "\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "Event: presence\r\nSubscription-State: active;expires=60\r\n"
            + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private static String exchange(final DatagramChannel peer, final InetSocketAddress agent, final String message)
        throws Exception
    {
        peer.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.US_ASCII)), agent);
        return receive(peer);
    }

    private static String receive(final DatagramChannel peer) throws Exception
    {
        final byte[] buffer = new byte[65536];
        final java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
        try
        {
            peer.socket().receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("nothing received");
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    private static String header(final String message, final String name)
    {
        for (final String line : message.split("\r\n"))
        {
            if (line.startsWith(name + ":"))
            {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }
}
