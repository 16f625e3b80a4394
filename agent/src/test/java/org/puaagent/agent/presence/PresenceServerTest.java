package org.puaagent.agent.presence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded presence server, fed with the requests Kamailio's pua sent in the captures. */
class PresenceServerTest
{
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int QUIET_MILLIS = 300;

    private PresenceServer server;
    private DatagramChannel client;

    @BeforeEach
    void start() throws IOException
    {
        server = PresenceServer.start(PresenceServerConfig.defaults());
        client = DatagramChannel.open();
        client.bind(new InetSocketAddress("127.0.0.1", 0));
        client.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
    }

    @AfterEach
    void stop() throws IOException
    {
        client.close();
        server.close();
    }

    @Test
    void initialPublishIsStoredWithANewEtagAndRetransmissionsGetTheSameAnswer() throws Exception
    {
        final byte[] publish = capture("01-publish-initial", "01-");
        final String ok = exchange(publish);
        assertTrue(ok.startsWith("SIP/2.0 200 OK\r\n"), ok);
        assertEquals("3600", header(ok, "Expires"), "min(3601, max 3600)");
        final String etag = header(ok, "SIP-ETag");
        final StoredPublication stored = server.lookup("sip:alice@example.com", "presence").orElseThrow();
        assertEquals(etag, stored.etag());
        assertTrue(stored.body().contains("<basic>open</basic>"));
        assertEquals("application/pidf+xml", stored.contentType());

        assertEquals(ok, exchange(publish), "a retransmission is answered from the cache");
        assertEquals(1, server.publicationCount());
    }

    @Test
    void unknownEtagsGet412() throws Exception
    {
        assertTrue(exchange(capture("02-publish-modify-same-series", "01-")).startsWith("SIP/2.0 412 "));
        assertTrue(exchange(capture("06-unpublish-expires-0", "01-")).startsWith("SIP/2.0 412 "));
    }

    @Test
    void modifyRefreshAndRemoveFollowTheEtag() throws Exception
    {
        final String first = exchange(request("sip:carol@127.0.0.1", "presence", 120, null, "<presence><tuple/></presence>"));
        final String etag1 = header(first, "SIP-ETag");
        final String refreshed = exchange(request("sip:carol@127.0.0.1", "presence", 120, etag1, null));
        assertTrue(refreshed.startsWith("SIP/2.0 200 "), refreshed);
        final String etag2 = header(refreshed, "SIP-ETag");
        assertNotEquals(etag1, etag2);
        final StoredPublication stored = server.lookup("sip:carol@127.0.0.1", "presence").orElseThrow();
        assertEquals("<presence><tuple/></presence>", stored.body(), "a refresh keeps the body");
        assertEquals(1, stored.updates());
        assertTrue(exchange(request("sip:carol@127.0.0.1", "presence", 120, etag1, null)).startsWith("SIP/2.0 412 "),
            "the old ETag is gone");
        final String removed = exchange(request("sip:carol@127.0.0.1", "presence", 0, etag2, null));
        assertEquals("0", header(removed, "Expires"));
        assertFalse(server.lookup("sip:carol@127.0.0.1", "presence").isPresent());
    }

    @Test
    void badRequestsGetTheirStatus() throws Exception
    {
        assertTrue(exchange(request("sip:d@127.0.0.1", "foo", 120, null, "x")).startsWith("SIP/2.0 489 "));
        assertTrue(exchange(request("sip:d@127.0.0.1", "presence", 120, null, null)).startsWith("SIP/2.0 400 "),
            "initial PUBLISH without body");
        final String brief = exchange(request("sip:d@127.0.0.1", "presence", 10, null, "x"));
        assertTrue(brief.startsWith("SIP/2.0 423 Interval Too Brief\r\n"), brief);
        assertEquals("60", header(brief, "Min-Expires"));
        assertEquals(0, server.publicationCount());
    }

    @Test
    void failureUsersAreUsersLikeAnyOtherUnlessSwitchedOn() throws Exception
    {
        final String ok = exchange(capture("09-publish-412", "01-"));
        assertTrue(ok.startsWith("SIP/2.0 200 OK\r\n"), "an e412 user publishes like anybody: " + ok);
        assertNotNull(header(ok, "SIP-ETag"));
        assertTrue(exchange(capture("13-publish-200-without-etag", "01-")).contains("\r\nSIP-ETag: "));
        assertEquals(0L, server.counters().get("presence.failure_user_answers"));
    }

    @Test
    void failureUsersAnswerAsTheCapturedServerDidWhenSwitchedOn() throws Exception
    {
        restart(PresenceServerConfig.defaults().withFailureUsers(true));
        assertEquals(firstLine(capture("09-publish-412", "02-")), firstLine(exchange(capture("09-publish-412", "01-"))));
        final String brief = exchange(capture("10-publish-423", "01-"));
        assertEquals(firstLine(capture("10-publish-423", "02-")), firstLine(brief));
        assertEquals("3600", header(brief, "Min-Expires"));
        assertEquals(firstLine(capture("11-publish-503", "02-")), firstLine(exchange(capture("11-publish-503", "01-"))));
        final String noEtag = exchange(capture("13-publish-200-without-etag", "01-"));
        assertTrue(noEtag.startsWith("SIP/2.0 200 OK\r\n"));
        assertEquals(null, header(noEtag, "SIP-ETag"));
        assertEquals(null, header(noEtag, "Expires"));
        client.send(ByteBuffer.wrap(capture("12-publish-timeout-408", "01-")), server.address());
        awaitCounter("presence.failure_user_answers", 5);
        assertNothingReceived("the timeout user gets no answer");
        assertEquals(5L, server.counters().get("presence.requests"));
        assertEquals(0, server.publicationCount());
    }

    @Test
    void subscribeIsAcceptedAndNotifiedWithTheCurrentStateThenUnsubscribed() throws Exception
    {
        final String me = "sip:bob@127.0.0.1:" + ((InetSocketAddress)client.getLocalAddress()).getPort();
        final String subscribe = new String(capture("14-subscribe-default-check_remote_contact", "01-"),
            StandardCharsets.UTF_8).replace("Contact: <sip:bob@127.0.0.1:5060>", "Contact: <" + me + ">");
        final String accepted = exchange(subscribe);
        assertTrue(accepted.startsWith("SIP/2.0 200 OK\r\n"), accepted);
        assertEquals("3600", header(accepted, "Expires"));
        assertEquals("<" + server.uri() + ">", header(accepted, "Contact"));
        final String serverTag = tag(header(accepted, "To"));

        final String first = receive();
        assertTrue(first.startsWith("NOTIFY " + me + " SIP/2.0\r\n"), "to the SUBSCRIBE's Contact: " + first);
        assertEquals("active;expires=3600", header(first, "Subscription-State"));
        assertEquals("presence", header(first, "Event"));
        assertEquals(header(subscribe, "Call-ID"), header(first, "Call-ID"));
        assertEquals(tag(header(subscribe, "From")), tag(header(first, "To")), "To tag = the subscriber's tag");
        assertEquals(serverTag, tag(header(first, "From")));
        assertEquals("0", header(first, "Content-Length"), "no publication: no body, as Kamailio");
        answer(first, 200);
        assertEquals(1, server.watcherCount());

        final String pidf = "<presence entity=\"sip:alice@127.0.0.1\"><note>here</note></presence>";
        assertTrue(exchange(request("sip:alice@127.0.0.1", "presence", 120, null, pidf)).startsWith("SIP/2.0 200 "));
        final String changed = receive();
        assertTrue(changed.endsWith("\r\n\r\n" + pidf), "the published body, whatever the R-URI port: " + changed);
        assertEquals("application/pidf+xml", header(changed, "Content-Type"));
        assertTrue(Long.parseLong(header(changed, "CSeq").split(" ")[0])
            > Long.parseLong(header(first, "CSeq").split(" ")[0]), "CSeq grows");
        answer(changed, 200);

        final String unsubscribe = subscribe.replace("To: <sip:alice@127.0.0.1:5070>",
            "To: <sip:alice@127.0.0.1:5070>;tag=" + serverTag).replace("Expires: 3610", "Expires: 0")
            .replace("CSeq: 10 ", "CSeq: 11 ").replaceFirst("branch=[^\r]*", "branch=z9hG4bKunsub");
        final String removed = exchange(unsubscribe);
        assertTrue(removed.startsWith("SIP/2.0 200 "), removed);
        assertEquals("0", header(removed, "Expires"));
        final String last = receive();
        assertEquals("terminated;reason=timeout", header(last, "Subscription-State"));
        answer(last, 200);
        assertEquals(0, server.watcherCount());
        assertTrue(exchange(unsubscribe.replaceFirst("branch=[^\r]*", "branch=z9hG4bKagain"))
            .startsWith("SIP/2.0 481 "), "the dialog is gone");
    }

    @Test
    void subscribeRefusals() throws Exception
    {
        final String subscribe = new String(capture("14-subscribe-default-check_remote_contact", "01-"),
            StandardCharsets.UTF_8);
        assertTrue(exchange(subscribe.replace("Event: presence", "Event: nonsense")).startsWith("SIP/2.0 489 "));
        assertTrue(exchange(subscribe.replace("Expires: 3610", "Expires: 5").replaceFirst("branch=[^\r]*",
            "branch=z9hG4bKshort")).startsWith("SIP/2.0 423 "));
        assertEquals(0, server.watcherCount());
    }

    @Test
    void entityTagsAndToTagsAreRandomTokens() throws Exception
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++)
        {
            final String ok = exchange(request("sip:u" + i + "@127.0.0.1", "presence", 120, null, "<presence/>"));
            final String etag = header(ok, "SIP-ETag");
            final String toTag = tag(header(ok, "To"));
            for (final String token : new String[] {etag, toTag})
            {
                assertTrue(token.matches("[a-z2-7]{13}"), "13 base32 characters: " + token);
                assertTrue(seen.add(token), "never twice: " + token);
            }
        }
    }

    @Test
    void publicationsAreBoundedInCountAndBodyBytesAndRefusedWith503() throws Exception
    {
        restart(PresenceServerConfig.defaults().withLimits(PresenceLimits.defaults().withPublications(2, 100)));
        final String body40 = "x".repeat(40);
        final String first = exchange(request("sip:a@127.0.0.1", "presence", 120, null, body40));
        final String second = exchange(request("sip:b@127.0.0.1", "presence", 120, null, body40));
        assertTrue(first.startsWith("SIP/2.0 200 ") && second.startsWith("SIP/2.0 200 "), first + second);
        final String third = exchange(request("sip:c@127.0.0.1", "presence", 120, null, "x"));
        assertTrue(third.startsWith("SIP/2.0 503 Service Unavailable\r\n"), "a third publication: " + third);
        assertEquals("30", header(third, "Retry-After"));
        final String grown = exchange(request("sip:a@127.0.0.1", "presence", 120, header(first, "SIP-ETag"),
            "y".repeat(61)));
        assertTrue(grown.startsWith("SIP/2.0 503 "), "40 + 61 bytes of bodies: " + grown);
        assertEquals(body40, server.lookup("sip:a@127.0.0.1", "presence").orElseThrow().body(), "kept as it was");
        final String shrunk = exchange(request("sip:a@127.0.0.1", "presence", 120, header(first, "SIP-ETag"),
            "z".repeat(60)));
        assertTrue(shrunk.startsWith("SIP/2.0 200 "), "40 + 60 bytes fit: " + shrunk);
        final String refreshed = exchange(request("sip:a@127.0.0.1", "presence", 120, header(shrunk, "SIP-ETag"),
            null));
        assertTrue(refreshed.startsWith("SIP/2.0 200 "), "a refresh keeps the body and fits: " + refreshed);
        assertTrue(exchange(request("sip:b@127.0.0.1", "presence", 0, header(second, "SIP-ETag"), null))
            .startsWith("SIP/2.0 200 "));
        assertTrue(exchange(request("sip:c@127.0.0.1", "presence", 120, null, "x")).startsWith("SIP/2.0 200 "),
            "room again after a removal");
        assertEquals(2L, server.counters().get("presence.refused.publications_full"));
        assertEquals(2L, server.counters().get("presence.publications"));
        assertEquals(61L, server.counters().get("presence.publication_bytes"));
    }

    @Test
    void watchersAreBoundedAndRefusedWith503() throws Exception
    {
        restart(PresenceServerConfig.defaults().withLimits(PresenceLimits.defaults().withWatchers(1)));
        final String me = "sip:bob@127.0.0.1:" + ((InetSocketAddress)client.getLocalAddress()).getPort();
        final String subscribe = new String(capture("14-subscribe-default-check_remote_contact", "01-"),
            StandardCharsets.UTF_8).replace("Contact: <sip:bob@127.0.0.1:5060>", "Contact: <" + me + ">");
        assertTrue(exchange(subscribe).startsWith("SIP/2.0 200 "));
        answer(receive(), 200);
        final String another = subscribe.replace("Call-ID: ", "Call-ID: other-").replaceFirst("branch=[^\r]*",
            "branch=z9hG4bKother");
        final String refused = exchange(another);
        assertTrue(refused.startsWith("SIP/2.0 503 "), refused);
        assertEquals("30", header(refused, "Retry-After"));
        final String fetch = exchange(another.replace("Expires: 3610", "Expires: 0").replaceFirst("branch=[^\r]*",
            "branch=z9hG4bKfetch"));
        assertTrue(fetch.startsWith("SIP/2.0 200 "), "a fetch holds no watcher: " + fetch);
        answer(receive(), 200);
        assertEquals(1, server.watcherCount());
        assertEquals(1L, server.counters().get("presence.refused.watchers_full"));
    }

    @Test
    void notifiesBeyondTheInFlightLimitWaitForAnAnswer() throws Exception
    {
        restart(PresenceServerConfig.defaults().withLimits(PresenceLimits.defaults().withNotifiesInFlight(1,
            1_000_000)));
        final String me = "sip:bob@127.0.0.1:" + ((InetSocketAddress)client.getLocalAddress()).getPort();
        final String subscribe = new String(capture("14-subscribe-default-check_remote_contact", "01-"),
            StandardCharsets.UTF_8).replace("Contact: <sip:bob@127.0.0.1:5060>", "Contact: <" + me + ">");
        assertTrue(exchange(subscribe).startsWith("SIP/2.0 200 "));
        final String firstNotify = receive();
        final String second = subscribe.replace("Call-ID: ", "Call-ID: second-").replaceFirst("branch=[^\r]*",
            "branch=z9hG4bKsecond");
        assertTrue(exchange(second).startsWith("SIP/2.0 200 "));
        awaitCounter("presence.notifies_deferred", 1);
        assertNothingReceived("the second NOTIFY waits while the first is unanswered");
        assertEquals(1L, server.counters().get("presence.notifies_in_flight"));
        answer(firstNotify, 200);
        final String secondNotify = receive();
        assertTrue(secondNotify.startsWith("NOTIFY "), secondNotify);
        assertEquals("second-" + header(subscribe, "Call-ID"), header(secondNotify, "Call-ID"));
        answer(secondNotify, 200);
        awaitCounter("presence.notifies_sent", 2);
    }

    @Test
    void garbageIsCountedAndCostsNothingElse() throws Exception
    {
        for (int i = 0; i < 100; i++)
        {
            client.send(ByteBuffer.wrap(("garbage " + i).getBytes(StandardCharsets.US_ASCII)), server.address());
        }
        awaitCounter("presence.sip.parse_errors", 100);
        assertTrue(exchange(request("sip:g@127.0.0.1", "presence", 120, null, "<presence/>"))
            .startsWith("SIP/2.0 200 "));
        assertEquals(1L, server.counters().get("presence.requests"));
    }

    /** Replaces the server of this test with one of other settings. */
    private void restart(final PresenceServerConfig config) throws IOException
    {
        server.close();
        server = PresenceServer.start(config);
    }

    private void awaitCounter(final String name, final long atLeast) throws InterruptedException
    {
        final long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        while (server.counters().get(name) < atLeast)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError(name + " did not reach " + atLeast + ": " + server.counters());
            }
            Thread.sleep(5);
        }
    }

    /** Nothing arrives at the client within a short while. */
    private void assertNothingReceived(final String why) throws IOException
    {
        client.socket().setSoTimeout(QUIET_MILLIS);
        try
        {
            final byte[] buffer = new byte[65536];
            client.socket().receive(new DatagramPacket(buffer, buffer.length));
            throw new AssertionError(why + ": " + new String(buffer, StandardCharsets.UTF_8).trim());
        }
        catch (final SocketTimeoutException expected)
        {
            // nothing came
        }
        finally
        {
            client.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    private String receive() throws IOException
    {
        final byte[] buffer = new byte[65536];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try
        {
            client.socket().receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("nothing received");
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** Answers a request the server sent (a NOTIFY) with a copy of its Via, From, To, Call-ID and CSeq. */
    private void answer(final String request, final int status) throws IOException
    {
        final String response = "SIP/2.0 " + status + " OK\r\nVia: " + header(request, "Via") + "\r\nFrom: "
            + header(request, "From") + "\r\nTo: " + header(request, "To") + "\r\nCall-ID: " + header(request, "Call-ID")
            + "\r\nCSeq: " + header(request, "CSeq") + "\r\nContent-Length: 0\r\n\r\n";
        client.send(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)), server.address());
    }

    private static String tag(final String nameAddr)
    {
        final int at = nameAddr.indexOf(";tag=");
        return at < 0 ? null : nameAddr.substring(at + ";tag=".length()).split(";")[0];
    }

    private String exchange(final byte[] request) throws IOException
    {
        client.send(ByteBuffer.wrap(request), server.address());
        final byte[] buffer = new byte[65536];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try
        {
            client.socket().receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no answer");
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static long branches;

    private static String request(final String uri, final String event, final int expires, final String ifMatch,
        final String body)
    {
        final String content = null == body ? "" : body;
        return "PUBLISH " + uri + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK" + Long.toHexString(++branches) + "\r\n"
            + "To: <" + uri + ">\r\nFrom: <" + uri + ">;tag=1\r\nCSeq: 10 PUBLISH\r\nCall-ID: c" + System.nanoTime()
            + "\r\nMax-Forwards: 70\r\nEvent: " + event + "\r\nExpires: " + expires + "\r\n"
            + (null == ifMatch ? "" : "SIP-If-Match: " + ifMatch + "\r\n")
            + (null == body ? "" : "Content-Type: application/pidf+xml\r\n")
            + "Content-Length: " + content.length() + "\r\n\r\n" + content;
    }

    private String exchange(final String text) throws IOException
    {
        return exchange(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(final String message, final String name)
    {
        for (final String line : message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n"))
        {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
            {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static String firstLine(final String message)
    {
        return message.substring(0, message.indexOf("\r\n"));
    }

    private static String firstLine(final byte[] message)
    {
        return firstLine(new String(message, StandardCharsets.UTF_8));
    }

    private static byte[] capture(final String scenario, final String prefix) throws IOException
    {
        final Path directory = Path.of(System.getProperty("puaagent.vectors"), "sip", scenario);
        try (Stream<Path> files = Files.list(directory))
        {
            return Files.readAllBytes(files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow());
        }
    }
}
