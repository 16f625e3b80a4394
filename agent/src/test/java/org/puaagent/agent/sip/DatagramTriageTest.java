package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first look at a datagram: it refuses only what JAIN-SIP's parser refuses too (checked on every capture,
 * every truncation of every capture, and random mutations of them), and a branch or Call-ID it reports is the
 * one JAIN-SIP reads, when JAIN-SIP reads one (a response without a readable branch is a stray either way).
 */
class DatagramTriageTest
{
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5070);
    private static final String RESPONSE = "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabcdefghijklm;rport=5062\r\n"
        + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>;tag=2\r\nCall-ID: c1\r\n"
        + "CSeq: 10 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n";

    private final DatagramTriage triage = new DatagramTriage();
    private final SipMessageReader reader = new SipMessageReader();

    @Test
    void keepAlivesGarbageRequestsAndResponses()
    {
        assertEquals(DatagramTriage.KEEP_ALIVE, classify("\r\n\r\n"));
        assertEquals(DatagramTriage.KEEP_ALIVE, classify(""));
        assertEquals(DatagramTriage.KEEP_ALIVE, classify(" \0\n"));
        assertEquals(DatagramTriage.GARBAGE, classify("garbage\r\n\r\n"));
        assertEquals(DatagramTriage.GARBAGE, classify("GET / HTTP/1.1\r\n\r\n"));
        assertEquals(DatagramTriage.GARBAGE, classify("NOTIFY sip:a@b SIP/2.0"), "no line end");
        assertEquals(DatagramTriage.GARBAGE, classify("SIP/2.0 200 OK"), "no line end");
        assertEquals(DatagramTriage.GARBAGE, classify("sip/2.0 200 OK\r\n\r\n"), "not a request line either");
        assertEquals(DatagramTriage.GARBAGE, classify("NOTIFY sip:a@b\r\n"), "no version");
        assertEquals(DatagramTriage.REQUEST, classify("NOTIFY  sip:a@b\t SIP/2.0\r\n"), "runs of blanks");
        assertEquals(DatagramTriage.GARBAGE, classify(":NOTIFY sip:a@b SIP/2.0\r\n"), "no method");
        assertEquals(DatagramTriage.REQUEST, classify("NOTIFY sip:a@b SIP/2.0\r\n"));
        assertEquals(DatagramTriage.REQUEST, classify("\r\n\r\nOPTIONS sip:a@b sip/2.0\r\n"), "leading CRLF");
        assertEquals(DatagramTriage.RESPONSE, classify("SIP/2.0 481 Call/Transaction Does Not Exist\r\n\r\n"));
        assertEquals(DatagramTriage.RESPONSE, classify("SIP/2.0 200\r\n\r\n"), "empty reason");
        assertEquals(DatagramTriage.RESPONSE, classify(RESPONSE));
    }

    @Test
    void thePlainTopViaBranchIsFound()
    {
        assertBranch("z9hG4bKabcdefghijklm", RESPONSE);
        assertBranch("z9hG4bKx", RESPONSE.replace("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabcdefghijklm;",
            "v : SIP/2.0/UDP [::1]:5062 ; BRANCH = z9hG4bKx ;"));
        assertBranch("top", RESPONSE.replace("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabcdefghijklm",
            "Via: SIP/2.0/UDP a;branch=top\r\nVia: SIP/2.0/UDP b;branch=second"));
        assertBranch("b1", "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=b1\n\n");
        assertNoBranch(RESPONSE.replace(";branch=z9hG4bKabcdefghijklm", ""));
        assertNoBranch(RESPONSE.replace("127.0.0.1:5062;", "127.0.0.1:5062, SIP/2.0/UDP x;"), "not the top value");
        assertNoBranch(RESPONSE.replace(";rport=5062\r\n", ";rport=5062\r\n ;received=1.2.3.4\r\n"), "folded");
        assertNoBranch(RESPONSE.replace(";branch=", ";x=\"q\";branch="), "a quote before it");
        assertNoBranch(RESPONSE.replace("branch=z9hG4bKabcdefghijklm", "branch=\"z9hG4bK\""), "quoted");
        assertNoBranch(RESPONSE.replace("branch=z9hG4bKabcdefghijklm;", "branch=z9hG4bK/x;"));
        assertNoBranch("SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\nVia: SIP/2.0/UDP h;branch=body\r\n", "in the body");
    }

    @Test
    void thePlainCallIdOfARequestIsFound()
    {
        final String notify = "NOTIFY sip:agent@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKn1\r\n"
            + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\nCall-ID: abc123@127.0.0.1\r\n"
            + "CSeq: 2 NOTIFY\r\nEvent: presence\r\nSubscription-State: active\r\nContent-Length: 0\r\n\r\n";
        assertCallId("abc123@127.0.0.1", notify);
        assertCallId("x", notify.replace("Call-ID: abc123@127.0.0.1", "i :\tx  "));
        assertCallId("Y", notify.replace("Call-ID: abc123@127.0.0.1", "CALL-ID:Y"));
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1\r\n", ""), "none");
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1", "Call-ID: a\r\nCall-ID: b"), "two of them");
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1", "Call-ID: a b"), "two words");
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1", "Call-ID: abc\r\n def"), "folded");
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1", "Call-ID:"), "empty");
        assertNoCallId(notify.replace("Call-ID: abc123@127.0.0.1\r\n", "").replace("Content-Length: 0\r\n\r\n",
            "Content-Length: 13\r\n\r\nCall-ID: body"), "none in the headers, one in the body");
        classify(RESPONSE.replace("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabcdefghijklm;rport=5062\r\n", ""));
        assertFalse(triage.hasToken(), "a response's Call-ID is not looked for");
    }

    @Test
    void everyCaptureAndEveryTruncationIsRefusedOnlyWhenJainSipRefusesIt() throws IOException
    {
        int messages = 0;
        for (final Path file : Vectors.messages("-to-"))
        {
            final byte[] bytes = Files.readAllBytes(file);
            final int kind = classify(bytes);
            assertTrue(DatagramTriage.REQUEST == kind || DatagramTriage.RESPONSE == kind, file.toString());
            assertAgreesWithJainSip(bytes, file.toString());
            for (int cut = 0; cut < bytes.length; cut++)
            {
                final byte[] prefix = Arrays.copyOf(bytes, cut);
                assertAgreesWithJainSip(prefix, file + " cut at " + cut);
            }
            messages++;
        }
        assertTrue(messages >= 30, "captured messages: " + messages);
    }

    @Test
    void randomMutationsAreRefusedOnlyWhenJainSipRefusesThem() throws IOException
    {
        final List<byte[]> captures = new ArrayList<>();
        for (final Path file : Vectors.messages("-to-"))
        {
            captures.add(Files.readAllBytes(file));
        }
        final Random random = new Random(20261201L);
        final byte[] alphabet = " \r\n\t:;,=\"<>/@0aZ\u0000".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] bytes = captures.get(random.nextInt(captures.size())).clone();
            final int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++)
            {
                final int at = random.nextInt(Math.min(bytes.length, 200));
                bytes[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte)random.nextInt();
            }
            assertAgreesWithJainSip(bytes, new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    /** GARBAGE only when JAIN-SIP reads no message; a reported branch is the branch JAIN-SIP reads, if any. */
    private void assertAgreesWithJainSip(final byte[] bytes, final String what)
    {
        final int kind = classify(bytes);
        final SipEvent reference = reader.readWithJainSip(bytes, FROM);
        if (DatagramTriage.GARBAGE == kind || DatagramTriage.KEEP_ALIVE == kind)
        {
            assertNull(reference, "refused but JAIN-SIP reads it: " + what);
        }
        if (triage.hasToken() && reference instanceof ReceivedResponse response && null != response.branch())
        {
            // a response whose branch the parser cannot read is a stray either way
            assertEquals(response.branch(), tokenOf(bytes), what);
        }
        if (reference instanceof ReceivedResponse)
        {
            assertEquals(DatagramTriage.RESPONSE, kind, what);
        }
        if (reference instanceof ReceivedRequest request)
        {
            assertEquals(DatagramTriage.REQUEST, kind, what);
            if (triage.hasToken() && null != request.message().getCallId())
            {
                assertEquals(request.message().getCallId().getCallId(), tokenOf(bytes), what);
            }
        }
    }

    private void assertBranch(final String expected, final String text)
    {
        assertEquals(DatagramTriage.RESPONSE, classify(text));
        assertTrue(triage.hasToken(), text);
        assertEquals(expected, tokenOf(text.getBytes(StandardCharsets.ISO_8859_1)));
        final SipEvent parsed = reader.readWithJainSip(text.getBytes(StandardCharsets.ISO_8859_1), FROM);
        if (parsed instanceof ReceivedResponse response)
        {
            assertEquals(response.branch(), expected, "as JAIN-SIP reads it");
        }
    }

    private void assertCallId(final String expected, final String text)
    {
        assertEquals(DatagramTriage.REQUEST, classify(text));
        assertTrue(triage.hasToken(), text);
        assertEquals(expected, tokenOf(text.getBytes(StandardCharsets.ISO_8859_1)));
        final SipEvent parsed = reader.readWithJainSip(text.getBytes(StandardCharsets.ISO_8859_1), FROM);
        assertEquals(expected, ((ReceivedRequest)parsed).message().getCallId().getCallId(), "as JAIN-SIP reads it");
    }

    private void assertNoCallId(final String text, final String why)
    {
        assertEquals(DatagramTriage.REQUEST, classify(text), why);
        assertFalse(triage.hasToken(), why);
    }

    private void assertNoBranch(final String text)
    {
        assertNoBranch(text, text);
    }

    private void assertNoBranch(final String text, final String why)
    {
        assertEquals(DatagramTriage.RESPONSE, classify(text), why);
        assertFalse(triage.hasToken(), why);
    }

    private String tokenOf(final byte[] bytes)
    {
        assertNotNull(bytes);
        return new String(bytes, triage.tokenStart(), triage.tokenEnd() - triage.tokenStart(),
            StandardCharsets.ISO_8859_1);
    }

    private int classify(final String text)
    {
        return classify(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Classifies from a direct buffer, as the endpoint does. */
    private int classify(final byte[] bytes)
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 16);
        direct.put(bytes).flip();
        return triage.classify(direct);
    }
}
