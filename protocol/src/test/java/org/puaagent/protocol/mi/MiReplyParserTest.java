package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MiReplyParserTest
{
    private static final MiReplyWriter WRITER = new MiReplyWriter();

    @Test
    void specPublishReplyIsReadBack()
    {
        final MiReplyParser.Parsed parsed = assertInstanceOf(MiReplyParser.Parsed.class,
            MiReplyParser.parse("200 OK\n200 OK\nETag:: a.1795791743.32696.2.0\nExpires:: 3600\n\n"));
        assertEquals(new MiTreeReply(200, "OK", List.of(MiNode.of("200 OK"), MiNode.of("ETag", "a.1795791743.32696.2.0"),
            MiNode.of("Expires", "3600"))), parsed.reply());
        assertEquals(true, parsed.terminated());
    }

    @Test
    void oneLineErrorsAndDatagramsAreTreesWithoutTerminator()
    {
        final MiReplyParser.Parsed parsed = assertInstanceOf(MiReplyParser.Parsed.class,
            MiReplyParser.parse("500 command 'pua_publish' failed\n"));
        assertEquals(MiTreeReply.of(500, "command 'pua_publish' failed"), parsed.reply());
        assertEquals(false, parsed.terminated());
        assertEquals(new MiReplyParser.Parsed(MiTreeReply.of(202, "accepted"), false), MiReplyParser.parse("202 accepted\n"));
    }

    @Test
    void malformedReplies()
    {
        for (final String bad : List.of("", "200 OK", "OK\n", "2x0 OK\n", "200\n", "200 OK\nchild",
            "200 OK\n\t\tgrandchild without parent\n\n", "200 OK\n\nafter end\n", "1234567890 big\n"))
        {
            assertInstanceOf(MiReplyParser.Malformed.class, MiReplyParser.parse(bad), bad);
        }
    }

    private static List<MiNode> randomNodes(final Random random, final int depth)
    {
        final List<MiNode> nodes = new ArrayList<>();
        final int count = random.nextInt(depth == 0 ? 5 : 3);
        for (int i = 0; i < count; i++)
        {
            final String name = random.nextBoolean() ? null : "n" + random.nextInt(100);
            final String value = "v " + random.nextInt(1000) + (random.nextBoolean() ? ": x" : "");
            final List<MiNode> kids = depth < 3 && random.nextInt(3) == 0 ? randomNodes(random, depth + 1) : List.of();
            nodes.add(MiNode.of(name, value, kids));
        }
        return nodes;
    }

    @Test
    void writerOutputIsReadBackOnBothFramings()
    {
        final long seed = 0x5eed_0003L;
        final Random random = new Random(seed);
        for (int round = 0; round < 2000; round++)
        {
            final MiTreeReply reply = new MiTreeReply(100 + random.nextInt(500), "reason " + round,
                randomNodes(random, 0));
            assertEquals(new MiReplyParser.Parsed(reply, true),
                MiReplyParser.parse(WRITER.text(reply, MiFraming.FIFO)), "seed " + seed + " round " + round);
            assertEquals(new MiReplyParser.Parsed(reply, false),
                MiReplyParser.parse(WRITER.text(reply, MiFraming.DATAGRAM)), "seed " + seed + " round " + round);
            assertEquals(new MiReplyParser.Parsed(reply, true),
                MiReplyParser.parse(new MiReplyWriter("  ").text(reply, MiFraming.FIFO), "  "));
        }
    }
}
