package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes of the replies in mi-fifo.md sections 1.2, 2 and 4. */
class MiReplyWriterTest
{
    private static final MiReplyWriter WRITER = new MiReplyWriter();

    private static String fifo(final MiReply reply)
    {
        return WRITER.text(reply, MiFraming.FIFO);
    }

    private static String datagram(final MiReply reply)
    {
        return WRITER.text(reply, MiFraming.DATAGRAM);
    }

    private static MiTreeReply publishOutcome(final String status, final String etag, final String expires)
    {
        return new MiTreeReply(200, "OK", etag == null
            ? List.of(MiNode.of(status))
            : List.of(MiNode.of(status), MiNode.of("ETag", etag), MiNode.of("Expires", expires)));
    }

    @Test
    void specPublishSuccess()
    {
        final MiTreeReply reply = publishOutcome("200 OK", "a.1795791743.32696.2.0", "3600");
        assertEquals("200 OK\n200 OK\nETag:: a.1795791743.32696.2.0\nExpires:: 3600\n\n", fifo(reply));
        assertArrayEquals("200 OK\n200 OK\nETag:: a.1795791743.32696.2.0\nExpires:: 3600\n\n"
            .getBytes(StandardCharsets.US_ASCII), WRITER.encode(reply, MiFraming.FIFO));
    }

    @Test
    void specPublishFailures()
    {
        assertEquals("200 OK\n412 Conditional Request Failed\n\n",
            fifo(publishOutcome("412 Conditional Request Failed", null, null)));
        assertEquals("200 OK\n408 Request Timeout\n\n", fifo(publishOutcome("408 Request Timeout", null, null)));
    }

    @Test
    void specErrorReplies()
    {
        assertEquals("400 Unknown event\n\n", fifo(MiTreeReply.of(400, "Unknown event")));
        assertEquals("400 Body parameter is missing\n\n", fifo(MiTreeReply.of(400, "Body parameter is missing")));
        assertEquals("400 Too many parameters\n\n", fifo(MiTreeReply.of(400, "Too many parameters")));
        assertEquals("500 command 'pua_publish' failed\n",
            fifo(new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, "pua_publish")));
        assertEquals("400 parse error in command 'pua_publish'\n",
            fifo(new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, "pua_publish")));
    }

    @Test
    void specSubscribeReplies()
    {
        assertEquals("202 accepted\n\n", fifo(MiTreeReply.of(202, "accepted")));
        assertEquals("400 Unknown event\n\n", fifo(MiTreeReply.of(400, "Unknown event")));
        assertEquals("500 command 'pua_subscribe' failed\n",
            fifo(new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, "pua_subscribe")));
    }

    @Test
    void specDatagramReplies()
    {
        assertEquals("202 accepted\n", datagram(MiTreeReply.of(202, "accepted")));
        assertEquals("200 OK\n200 OK\nETag:: a.1\nExpires:: 3600\n",
            datagram(publishOutcome("200 OK", "a.1", "3600")));
    }

    @Test
    void fixedErrorsOnBothFramings()
    {
        final String[][] expected = {
            {"500 command 'x' not available\n", "500 command not available\n"},
            {"400 parse error in command 'x'\n", "400 parse error in command\n"},
            {"500 command 'x' failed\n", "500 command failed\n"},
            {"500 Internal server error\n", "500 Internal server error\n"},
        };
        final MiFixedReply.Kind[] kinds = MiFixedReply.Kind.values();
        for (int i = 0; i < kinds.length; i++)
        {
            final MiFixedReply reply = new MiFixedReply(kinds[i], "x");
            assertEquals(expected[i][0], fifo(reply), kinds[i].name());
            assertEquals(expected[i][1], datagram(reply), kinds[i].name());
        }
        assertEquals("500 command failed\n", fifo(new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, null)));
        assertEquals(500, new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, null).code());
        assertEquals(400, new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, null).code());
    }

    @Test
    void nestedNodesIndentAndAttributes()
    {
        final MiNode leaf = new MiNode("leaf", "v", List.of(new MiNode.MiAttribute("a", "1"),
            new MiNode.MiAttribute("b", "2")), List.of());
        final MiTreeReply reply = new MiTreeReply(200, "OK", List.of(
            MiNode.of("top", null, List.of(MiNode.of("mid", "m", List.of(leaf)), MiNode.of("plain"))),
            MiNode.of("last")));
        assertEquals("200 OK\ntop:: \n\tmid:: m\n\t\tleaf:: v a=1 b=2\n\tplain\nlast\n\n", fifo(reply));
        assertEquals("200 OK\ntop:: \n  mid:: m\n    leaf:: v a=1 b=2\n  plain\nlast\n",
            new MiReplyWriter("  ").text(reply, MiFraming.DATAGRAM));
    }
}
