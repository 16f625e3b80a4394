package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Responses and requests from the captures, read into events. */
class SipMessageReaderTest
{
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5070);

    private final SipMessageReader reader = new SipMessageReader();

    @Test
    void okWithEtagAndExpires() throws Exception
    {
        final ReceivedResponse r = assertInstanceOf(ReceivedResponse.class,
            reader.read(Vectors.bytes("02-publish-modify-same-series", "02-"), FROM));
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        assertEquals("z9hG4bKb7a4.1c10ddf5000000000000000000000000.0", r.branch());
        assertEquals("PUBLISH", r.cseqMethod());
        assertEquals("22ca4075496b2b02-32717@127.0.0.1", r.callId());
        assertEquals("a.1795791743.32697.3.1", r.sipEtag());
        assertEquals(3600, r.expires());
        assertEquals(-1, r.minExpires());
        assertEquals(FROM, r.source());
    }

    @Test
    void intervalTooBriefCarriesMinExpires() throws Exception
    {
        final ReceivedResponse r = assertInstanceOf(ReceivedResponse.class,
            reader.read(Vectors.bytes("10-publish-423", "02-"), FROM));
        assertEquals(423, r.status());
        assertEquals("Interval Too Brief", r.reason());
        assertEquals(3600, r.minExpires());
    }

    @Test
    void okWithoutEtagAndExpiresReadsAsAbsent() throws Exception
    {
        final ReceivedResponse r = assertInstanceOf(ReceivedResponse.class,
            reader.read(Vectors.bytes("13-publish-200-without-etag", "02-"), FROM));
        assertEquals(200, r.status());
        assertNull(r.sipEtag());
        assertEquals(-1, r.expires());
    }

    @Test
    void aSubscribe2xxCarriesTheDialogFields() throws Exception
    {
        final ReceivedResponse r = assertInstanceOf(ReceivedResponse.class,
            reader.read(Vectors.bytes("15-subscribe-resubscribe-unsubscribe-check_remote_contact-0", "02-"), FROM));
        assertEquals("SUBSCRIBE", r.cseqMethod());
        assertEquals("25483a2a9fa04090c2dd4f1854d1ed2b-78550000", r.toTag());
        assertEquals("sip:127.0.0.1:5070", r.contact());
        assertEquals(List.of(), r.recordRoute());
        final String withRoutes = new String(Vectors.bytes("15-subscribe-resubscribe-unsubscribe-check_remote_contact-0",
            "02-"), StandardCharsets.US_ASCII).replace("Expires: 3600\r\n",
            "Expires: 3600\r\nRecord-Route: <sip:10.0.0.1;lr>, <sip:10.0.0.2;lr;ftag=x>\r\n");
        final ReceivedResponse routed = assertInstanceOf(ReceivedResponse.class,
            reader.read(withRoutes.getBytes(StandardCharsets.US_ASCII), FROM));
        assertEquals(List.of("<sip:10.0.0.1;lr>", "<sip:10.0.0.2;lr;ftag=x>"), routed.recordRoute());
        assertEquals("sip:10.0.0.2;lr;ftag=x", DialogHeaders.routeUri(routed.recordRoute().get(1)));
    }

    @Test
    void notifyIsHandedOverAsARequest() throws Exception
    {
        final ReceivedRequest r = assertInstanceOf(ReceivedRequest.class,
            reader.read(Vectors.bytes("14-subscribe-default-check_remote_contact", "03-"), FROM));
        assertEquals("NOTIFY", r.message().getMethod());
    }

    @Test
    void malformedDatagramsAreNotEvents() throws Exception
    {
        assertNull(reader.read("hello".getBytes(StandardCharsets.US_ASCII), FROM));
        assertNull(reader.read(new byte[0], FROM));
        assertNull(reader.read("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            FROM), "no Via/CSeq/Call-ID");
        final byte[] valid = Vectors.bytes("02-publish-modify-same-series", "02-");
        final long seed = 42;
        final Random random = new Random(seed);
        for (int i = 0; i < 300; i++)
        {
            final byte[] mangled = valid.clone();
            for (int k = 0; k < 4; k++)
            {
                mangled[random.nextInt(mangled.length)] = (byte)random.nextInt(256);
            }
            final int cut = random.nextInt(mangled.length + 1);
            // must not throw, whatever it returns
            reader.read(java.util.Arrays.copyOf(mangled, cut), FROM);
        }
    }
}
