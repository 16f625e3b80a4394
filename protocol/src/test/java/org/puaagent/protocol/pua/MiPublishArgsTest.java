package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.puaagent.protocol.mi.MiFifoDecoder;
import org.puaagent.protocol.mi.MiNode;
import org.puaagent.protocol.mi.MiRequest;
import org.puaagent.protocol.rpc.RpcFault;

class MiPublishArgsTest
{
    private static final String URI = "sip:alice@127.0.0.1";
    private static final PuaArgs<PublishRequest> FAILED = new PuaArgs.CommandFailed<>();

    /** Nodes from values; {@code null} is a {@code name::} line without value. */
    private static List<MiNode> nodes(final String... values)
    {
        final List<MiNode> out = new ArrayList<>();
        for (final String v : values)
        {
            out.add(v == null ? MiNode.of("n", null) : MiNode.of(v));
        }
        return out;
    }

    private static PuaArgs<PublishRequest> decode(final String... values)
    {
        return MiPublishArgs.decode(nodes(values), false);
    }

    private static PuaArgs<PublishRequest> fault(final int code, final String reason)
    {
        return new PuaArgs.Fault<>(new RpcFault(code, reason));
    }

    private static PublishRequest ok(final PuaArgs<PublishRequest> result)
    {
        return (PublishRequest) assertInstanceOf(PuaArgs.Ok.class, result, () -> String.valueOf(result)).request();
    }

    private static MiRequest decodeFifo(final String text)
    {
        return (MiRequest) new MiFifoDecoder().decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- the check table, in order

    @Test
    void missingNodesFailTheCommandWhenReached()
    {
        assertEquals(FAILED, decode());
        for (int n = 1; n < 7; n++)
        {
            final String[] values = Arrays.copyOf(new String[] {URI, "3600", "presence", ".", ".", ".", "."}, n);
            assertEquals(FAILED, decode(values), n + " nodes");
        }
        assertEquals(FAILED, MiPublishArgs.decode(nodes(URI, "3600", "presence", ".", ".", ".", "."), true));
    }

    @Test
    void valueChecksHappenBeforeTheMissingNodeIsNoticed()
    {
        assertEquals(fault(404, "Empty presentity URI"), decode((String) null));
        assertEquals(fault(404, "Bad presentity URI"), decode("alice"));
        assertEquals(fault(400, "Empty expires parameter"), decode(URI, ""));
        assertEquals(FAILED, decode(URI, "abc"));
        assertEquals(fault(400, "Empty event parameter"), decode(URI, "1", null));
    }

    @Test
    void everyRowOfTheTable()
    {
        assertEquals(fault(404, "Empty presentity URI"), decode(null, "3600", "presence", ".", ".", ".", "."));
        assertEquals(fault(404, "Bad presentity URI"), decode("", "3600", "presence", ".", ".", ".", "."));
        assertEquals(fault(404, "Bad presentity URI"), decode("alice", "3600", "presence", ".", ".", ".", "."));
        assertEquals(fault(400, "Empty expires parameter"), decode(URI, null, "presence", ".", ".", ".", "."));
        assertEquals(FAILED, decode(URI, "abc", "presence", ".", ".", ".", "."));
        assertEquals(FAILED, decode(URI, "+5", "presence", ".", ".", ".", "."));
        assertEquals(fault(400, "Empty event parameter"), decode(URI, "3600", "", ".", ".", ".", "."));
        assertEquals(fault(400, "Empty content type parameter"), decode(URI, "3600", "presence", null, ".", ".", "."));
        assertEquals(fault(400, "Empty id parameter"), decode(URI, "3600", "presence", ".", "", ".", "."));
        assertEquals(fault(400, "Empty etag parameter"), decode(URI, "3600", "presence", ".", ".", null, "."));
        assertEquals(fault(400, "Empty extra_headers"), decode(URI, "3600", "presence", ".", ".", ".", null));
        assertEquals(fault(400, "Too many parameters"), decode(URI, "3600", "presence", ".", ".", ".", ".", "b", "c"));
        assertEquals(fault(400, "Too many parameters"), decode(URI, "3600", "presence", ".", ".", ".", ".", null, "c"));
        assertEquals(fault(400, "Empty body parameter"), decode(URI, "3600", "presence", ".", ".", ".", ".", null));
        assertEquals(fault(400, "Body parameter is missing"),
            decode(URI, "3600", "foo", "application/pidf+xml", ".", ".", "."));
        assertEquals(fault(400, "Body parameter is missing"), decode(URI, "3600", "presence", "x", ".", ".", "."));
        assertEquals(fault(400, "Unknown event"), decode(URI, "3600", "foo", ".", ".", ".", "."));
        assertEquals(fault(400, "Unknown event"), decode(URI, "3600", "xcap-diff", ".", ".", ".", ".", "b"));
    }

    @Test
    void outboundProxyArity()
    {
        final List<MiNode> eight = nodes(URI, "3600", "presence", ".", ".", ".", "sip:127.0.0.1:5070", ".");
        assertEquals("sip:127.0.0.1:5070", ok(MiPublishArgs.decode(eight, true)).outboundProxy());
        // without the switch the 8th node is the body and the 7th the extra headers
        final PublishRequest asBody = ok(MiPublishArgs.decode(eight, false));
        assertEquals("sip:127.0.0.1:5070", asBody.extraHeaders());
        assertEquals(".", asBody.body());
        assertEquals(null, asBody.outboundProxy());
        assertEquals(fault(400, "Empty outbound proxy"),
            MiPublishArgs.decode(nodes(URI, "3600", "presence", ".", ".", ".", "", "."), true));
        assertEquals(null, ok(MiPublishArgs.decode(nodes(URI, "3600", "presence", ".", ".", ".", ".", "."), true))
            .outboundProxy());
        assertEquals(fault(400, "Too many parameters"),
            MiPublishArgs.decode(nodes(URI, "3600", "presence", ".", ".", ".", ".", ".", "body", "x"), true));
        assertEquals("body",
            ok(MiPublishArgs.decode(nodes(URI, "3600", "presence", ".", ".", ".", ".", ".", "body"), true)).body());
    }

    @Test
    void placeholdersAndValues()
    {
        assertEquals(new PublishRequest(URI, 3600, EventPackage.PRESENCE, "application/pidf+xml", null, null, null,
            null, null), ok(decode(URI, "3600", "presence", ".", ".", ".", ".")));
        assertEquals(new PublishRequest(URI, -1, EventPackage.DIALOG, "text/x", "id1", "e1", null, "X-A: 1\r\n", ""),
            ok(decode(URI, "-1", "dialog", "text/x", "id1", "e1", "X-A: 1\r\n", "")));
        assertEquals("application/simple-message-summary",
            ok(decode(URI, "1", "message-summary", "y", ".", ".", ".", "b")).contentType());
        assertEquals(0, ok(decode(URI, "-", "presence", ".", ".", ".", ".")).expires());
        assertEquals(EventPackage.CONFERENCE, ok(decode(URI, "1", "conference", ".", ".", ".", ".", "b")).event());
    }

    // ---------------------------------------------------------------- spec examples end to end

    @Test
    void specExamplesThroughTheFifoDecoder()
    {
        final PublishRequest presence = ok(MiPublishArgs.decode(decodeFifo(
            ":pua_publish:fifo_reply_1\nsip:alice@example.com\n3600\npresence\napplication/pidf+xml\n.\n.\n.\n"
                + "<presence/>\n\n").params(), false));
        assertEquals(new PublishRequest("sip:alice@example.com", 3600, EventPackage.PRESENCE, "application/pidf+xml",
            null, null, null, null, "<presence/>"), presence);

        final PublishRequest refresh = ok(MiPublishArgs.decode(decodeFifo(":pua_publish:fifo_reply_1\n"
            + "sip:alice@example.com\n3600\npresence\n.\n.\na.1795791743.32696.2.0\nsip:127.0.0.1:5070\n.\n\n")
            .params(), true));
        assertEquals(new PublishRequest("sip:alice@example.com", 3600, EventPackage.PRESENCE, "application/pidf+xml",
            null, "a.1795791743.32696.2.0", "sip:127.0.0.1:5070", null, null), refresh);

        final PublishRequest summary = ok(MiPublishArgs.decode(decodeFifo(":pua_publish:fifo_reply_1\n"
            + "sip:carol@example.com\n3600\nmessage-summary\n.\n.\n.\n\"X-Bridge: test\n\"\n"
            + "\"Messages-Waiting: yes\nVoice-Message: 2/8 (0/2)\n\"\n\n").params(), false));
        assertEquals("X-Bridge: test\n", summary.extraHeaders());
        assertEquals("Messages-Waiting: yes\nVoice-Message: 2/8 (0/2)\n", summary.body());

        final String base = ":pua_publish:r\nsip:alice@example.com\n3600\n";
        assertEquals(fault(400, "Unknown event"),
            MiPublishArgs.decode(decodeFifo(base + "foo\n.\n.\n.\n.\nb\n\n").params(), false));
        assertEquals(fault(400, "Body parameter is missing"),
            MiPublishArgs.decode(decodeFifo(base + "presence\ntext/plain\n.\n.\n.\n\n").params(), false));
        assertEquals(fault(400, "Too many parameters"),
            MiPublishArgs.decode(decodeFifo(base + "presence\n.\n.\n.\n.\nb\nc\nd\n\n").params(), false));
        assertEquals(FAILED, MiPublishArgs.decode(decodeFifo(
            ":pua_publish:r\nsip:alice@example.com\nabc\npresence\n.\n.\n.\n.\n\n").params(), false));
        assertEquals(fault(404, "Empty presentity URI"),
            MiPublishArgs.decode(decodeFifo(":pua_publish:r\nuri::\n\n").params(), false));
    }
}
