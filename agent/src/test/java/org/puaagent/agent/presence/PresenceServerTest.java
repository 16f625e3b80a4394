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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded presence server, fed with the requests Kamailio's pua sent in the captures. */
class PresenceServerTest
{
    private static final int READ_TIMEOUT_MILLIS = 10_000;

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
    void labKnobsAnswerAsTheCapturedServerDid() throws Exception
    {
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
        final ObservedRequest dropped = server.awaitRequest(r -> "timeout".equals(r.user()), READ_TIMEOUT_MILLIS)
            .orElseThrow();
        assertEquals(0, dropped.status(), "no answer");
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
