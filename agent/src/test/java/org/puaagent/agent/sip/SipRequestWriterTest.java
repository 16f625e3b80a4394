package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebuilds every PUBLISH and initial SUBSCRIBE that Kamailio's pua sent in the captures and compares the
 * bytes, with the per-run values (branch, tags, Call-ID) and the User-Agent masked.
 */
class SipRequestWriterTest
{
    private static final Set<String> LAYOUT = Set.of("Via", "To", "From", "CSeq", "Call-ID", "Content-Length",
        "User-Agent", "Max-Forwards", "Event", "Expires", "SIP-If-Match", "Content-Type", "Contact");

    private final SipRequestWriter writer = new SipRequestWriter("127.0.0.1", 5060, "pua-agent");

    @Test
    void publishLayoutIsKamailios() throws Exception
    {
        final List<Path> captures = Vectors.messages("-to-5070-PUBLISH");
        assertTrue(captures.size() >= 15, "captures found: " + captures.size());
        for (final Path capture : captures)
        {
            final String expected = new String(Files.readAllBytes(capture), StandardCharsets.UTF_8);
            final Captured c = Captured.parse(expected);
            final byte[] body = c.body.isEmpty() ? null : c.body.getBytes(StandardCharsets.UTF_8);
            final byte[] built = writer.publish(c.requestUri, "z9hG4bKmasked", "masked", "masked", c.header("Event"),
                Integer.parseInt(c.header("Expires")), c.header("SIP-If-Match"), c.header("Content-Type"),
                c.extraHeaders.isEmpty() ? null : c.extraHeaders, body);
            assertEquals(mask(expected), mask(new String(built, StandardCharsets.UTF_8)), capture.toString());
        }
    }

    @Test
    void initialSubscribeLayoutIsKamailios() throws Exception
    {
        int compared = 0;
        for (final Path capture : Vectors.messages("-to-5070-SUBSCRIBE"))
        {
            final String expected = new String(Files.readAllBytes(capture), StandardCharsets.UTF_8);
            final Captured c = Captured.parse(expected);
            if (c.header("To").contains(";tag="))
            {
                continue;
            }
            final String watcher = c.header("Contact").replaceAll("[<>]", "");
            final byte[] built = writer.subscribe(c.requestUri, watcher, "z9hG4bKmasked", "masked", "masked",
                c.header("Event"), Integer.parseInt(c.header("Expires")));
            assertEquals(mask(expected), mask(new String(built, StandardCharsets.UTF_8)), capture.toString());
            compared++;
        }
        assertTrue(compared >= 3, "initial SUBSCRIBEs compared: " + compared);
    }

    @Test
    void inDialogSubscribeLayoutIsKamailios() throws Exception
    {
        int compared = 0;
        for (final Path capture : Vectors.messages("-to-5070-SUBSCRIBE"))
        {
            final String expected = new String(Files.readAllBytes(capture), StandardCharsets.UTF_8);
            final Captured c = Captured.parse(expected);
            if (!c.header("To").contains(";tag="))
            {
                continue;
            }
            final String to = c.header("To");
            final String watcher = c.header("Contact").replaceAll("[<>]", "");
            final DialogRequest head = new DialogRequest("SUBSCRIBE", c.requestUri,
                to.substring(1, to.indexOf('>')), "masked", watcher, "masked", "masked",
                Long.parseLong(c.header("CSeq").split(" ")[0]), List.of(), c.header("Event"), watcher);
            final byte[] built = writer.dialogRequest(head, "z9hG4bKmasked", "Expires: " + c.header("Expires"),
                null, null);
            assertEquals(mask(expected), mask(new String(built, StandardCharsets.UTF_8)), capture.toString());
            compared++;
        }
        assertTrue(compared >= 3, "in-dialog SUBSCRIBEs compared: " + compared);
    }

    @Test
    void dialogRequestsCarryTheRouteSetAndABody()
    {
        final String text = new String(writer.dialogRequest(new DialogRequest("NOTIFY", "sip:127.0.0.1:5062",
            "sip:bob@127.0.0.1", "t1", "sip:alice@127.0.0.1", "t2", "c1", 3,
            List.of("<sip:10.0.0.1;lr>", "<sip:10.0.0.2;lr>"), "presence", "sip:127.0.0.1:5070"), "z9hG4bK1",
            "Subscription-State: active;expires=60", "application/pidf+xml",
            "<p/>".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("NOTIFY sip:127.0.0.1:5062 SIP/2.0\r\n"), text);
        assertTrue(text.contains("\r\nTo: <sip:bob@127.0.0.1>;tag=t1\r\nFrom: <sip:alice@127.0.0.1>;tag=t2\r\n"
            + "CSeq: 3 NOTIFY\r\n"), text);
        assertTrue(text.contains("\r\nMax-Forwards: 70\r\nRoute: <sip:10.0.0.1;lr>\r\nRoute: <sip:10.0.0.2;lr>\r\n"
            + "Event: presence\r\nContact: <sip:127.0.0.1:5070>\r\nSubscription-State: active;expires=60\r\n"
            + "Content-Type: application/pidf+xml\r\n\r\n<p/>"), text);
        assertTrue(text.contains("\r\nContent-Length: 4\r\n"), text);
    }

    @Test
    void viaCarriesTheListenPortUnless5060AndExtraHeadersGetTheirFinalCrlf()
    {
        final SipRequestWriter onOtherPort = new SipRequestWriter("127.0.0.1", 5062, "pua-agent");
        final String text = new String(onOtherPort.publish("sip:a@127.0.0.1", "z9hG4bK1", "t", "c", "presence", 61,
            null, "text/plain", "X-A: 1", "é".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\n"), text);
        assertTrue(text.contains("\r\nContent-Length: 2\r\n"), "bytes, not chars: " + text);
        assertTrue(text.endsWith("\r\nContent-Type: text/plain\r\nX-A: 1\r\n\r\né"), text);
    }

    private static String mask(final String message)
    {
        return message
            .replaceAll("branch=[^\\r\\n;]*", "branch=X")
            .replaceAll(";tag=[^\\r\\n;>]*", ";tag=X")
            .replaceAll("\\r\\nCall-ID: [^\\r\\n]*", "\r\nCall-ID: X")
            .replaceAll("\\r\\nUser-Agent: [^\\r\\n]*", "\r\nUser-Agent: X");
    }

    /** A captured request split into request line, headers and body. */
    private static final class Captured
    {
        String requestUri;
        String headers = "";
        String extraHeaders = "";
        String body;

        static Captured parse(final String message)
        {
            final Captured c = new Captured();
            final int end = message.indexOf("\r\n\r\n");
            final String[] lines = message.substring(0, end).split("\r\n");
            c.requestUri = lines[0].split(" ")[1];
            final StringBuilder known = new StringBuilder();
            final StringBuilder extra = new StringBuilder();
            for (int i = 1; i < lines.length; i++)
            {
                final String name = lines[i].substring(0, lines[i].indexOf(':'));
                (LAYOUT.contains(name) ? known : extra).append(lines[i]).append("\r\n");
            }
            c.headers = known.toString();
            c.extraHeaders = extra.toString();
            c.body = message.substring(end + 4);
            return c;
        }

        String header(final String name)
        {
            for (final String line : headers.split("\r\n"))
            {
                if (line.startsWith(name + ": "))
                {
                    return line.substring(name.length() + 2);
                }
            }
            return null;
        }
    }
}
