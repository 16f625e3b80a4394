package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MiFifoDecoderTest
{
    private static final MiWriterHolder WRITER = new MiWriterHolder();

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<MiDecoded> decodeAll(final String input)
    {
        return MiFeeder.feed(new MiFifoDecoder(), bytes(input));
    }

    private static MiRequest single(final String input)
    {
        final List<MiDecoded> out = decodeAll(input);
        assertEquals(1, out.size(), () -> "results: " + out);
        return assertInstanceOf(MiRequest.class, out.get(0));
    }

    private static List<String> values(final MiRequest request)
    {
        final List<String> values = new ArrayList<>();
        for (final MiNode node : request.params())
        {
            values.add(node.value());
        }
        return values;
    }

    private static MiRequest request(final String command, final String reply, final List<String> values)
    {
        final List<MiNode> nodes = new ArrayList<>();
        for (final String v : values)
        {
            nodes.add(MiNode.of(v));
        }
        return new MiRequest(command, reply, nodes);
    }

    // ---------------------------------------------------------------- spec section 4 examples

    @Test
    void specPublishPresence()
    {
        assertEquals(request("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_41_VALUES),
            single(MiSpecExamples.PUBLISH_41));
    }

    @Test
    void specPublishQuotedBody()
    {
        assertEquals(request("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_41_QUOTED_VALUES),
            single(MiSpecExamples.PUBLISH_41_QUOTED));
    }

    @Test
    void specPublishWithOutboundProxy()
    {
        assertEquals(request("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_44_VALUES),
            single(MiSpecExamples.PUBLISH_44));
    }

    @Test
    void specPublishMultiLineValues()
    {
        assertEquals(request("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_45_VALUES),
            single(MiSpecExamples.PUBLISH_45));
    }

    @Test
    void specBareQuoteInUnquotedBodyIsParseError()
    {
        final List<MiDecoded> out = decodeAll(MiSpecExamples.PUBLISH_46_BARE_QUOTE);
        assertEquals(1, out.size());
        final MiDecodeError error = assertInstanceOf(MiDecodeError.class, out.get(0));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, error.kind());
        assertEquals("pua_publish", error.command());
        assertEquals("fifo_reply_1", error.replyFifo());
        assertEquals("400 parse error in command 'pua_publish'\n", WRITER.fifo(error.reply()));
    }

    @Test
    void specSubscribe()
    {
        assertEquals(request("pua_subscribe", "fifo_reply_1", MiSpecExamples.SUBSCRIBE_47_VALUES),
            single(MiSpecExamples.SUBSCRIBE_47));
    }

    // ---------------------------------------------------------------- splitting

    private static final List<String> FIXTURES = List.of(MiSpecExamples.PUBLISH_41,
        MiSpecExamples.PUBLISH_41_QUOTED, MiSpecExamples.PUBLISH_44, MiSpecExamples.PUBLISH_45,
        MiSpecExamples.PUBLISH_46_BARE_QUOTE, MiSpecExamples.SUBSCRIBE_47,
        "garbage line\nmore\n\n", ":pua_subscribe:r\n\"abc\n\nrest\"\n\n", ":x:a.b\nv\n\n", "\r\n  \n\n",
        ":cmd:\r\n  name  ::  value  \r\nsip:alice@[::1]\nn::\n\"\"\n\"a\\\"b\"  \n\n");

    @Test
    void everyByteSplitGivesTheSameResults()
    {
        for (final String fixture : FIXTURES)
        {
            final byte[] input = bytes(fixture);
            final List<MiDecoded> expected = MiFeeder.feed(new MiFifoDecoder(), input);
            for (int cut = 0; cut <= input.length; cut++)
            {
                assertEquals(expected, MiFeeder.feedSplit(new MiFifoDecoder(), input, cut),
                    "cut at " + cut + " of " + fixture);
            }
        }
    }

    @Test
    void randomChunkingOfAllFixturesBackToBack()
    {
        final StringBuilder all = new StringBuilder();
        final List<MiDecoded> expected = new ArrayList<>();
        for (final String fixture : FIXTURES)
        {
            all.append(fixture);
            expected.addAll(decodeAll(fixture));
        }
        final byte[] input = bytes(all.toString());
        assertEquals(expected, MiFeeder.feed(new MiFifoDecoder(), input), "one buffer");
        final long seed = 0x5eed_0001L;
        final Random random = new Random(seed);
        for (int round = 0; round < 300; round++)
        {
            final int maxChunk = 1 + random.nextInt(64);
            assertEquals(expected,
                MiFeeder.feed(new MiFifoDecoder(), input, () -> 1 + random.nextInt(maxChunk), maxChunk),
                "seed " + seed + " round " + round);
        }
    }

    @Test
    void partialRequestIsNotConsumed()
    {
        final MiFifoDecoder decoder = new MiFifoDecoder();
        final ByteBuffer buf = ByteBuffer.wrap(bytes(":pua_subscribe:r\nsip:alice@example.com\n"));
        assertNull(decoder.decode(buf));
        assertEquals(0, buf.position());
        assertNull(decoder.decode(buf));
        assertEquals(0, buf.position());
    }

    // ---------------------------------------------------------------- syntax details

    @Test
    void nameValueSplitAndItsQuirks()
    {
        final MiRequest r = single(":cmd:r\n  name  ::  value  \nsip:alice@[::1]\nn::\n::\n\"\"\nx::\"q::v\"\n\n");
        assertEquals(List.of(MiNode.of("name", "value"), MiNode.of("sip:alice@[", "1]"), MiNode.of("n", null),
            MiNode.of(null, null), MiNode.of(""), MiNode.of("x", "q::v")), r.params());
    }

    @Test
    void quotedValueEscapes()
    {
        final MiRequest r = single(":cmd:r\n\"a\\\"b\"\n\"a\\\\b\"\n\"\\\\\\\"\"\n\"\\\"\n\"  padded  \"   \r\n\n");
        assertEquals(Arrays.asList("a\"b", "a\\\\b", "\\\\\"", "\\", "  padded  "), values(r));
    }

    @Test
    void backslashQuoteAtTheStartOfAValueIsNotAnEscape()
    {
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decodeAll(":cmd:r\n\"\\\"abc\"\n\n").get(0));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, e.kind());
    }

    @Test
    void textAfterClosingQuoteIsParseError()
    {
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decodeAll(":cmd:r\n\"abc\" x\n\n").get(0));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, e.kind());
    }

    @Test
    void quoteInsideUnquotedValueAfterNameIsParseError()
    {
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decodeAll(":cmd:r\nname::a\"b\n\n").get(0));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, e.kind());
    }

    @Test
    void blankLinesInsideParametersAreSkippedNotTerminating()
    {
        assertEquals(List.of("a", "b"), values(single(":cmd:r\na\n\r\n \t \nb\n\n")));
    }

    @Test
    void crlfClientGetsTrimmedUnquotedValuesAndKeepsCrlfInsideQuotes()
    {
        final MiRequest r = single(":cmd:r\r\nv1\r\n\"X-A: 1\r\nX-B: 2\r\n\"\r\n\n");
        assertEquals("r", r.replyFifo());
        assertEquals(List.of("v1", "X-A: 1\r\nX-B: 2\r\n"), values(r));
    }

    @Test
    void commandWithoutParametersAndEmptyReplyName()
    {
        assertEquals(new MiRequest("which", "", List.of()), single(":which:\n\n"));
        assertEquals(new MiRequest("a", "", List.of()), single(":a:  \t\r\n\n"));
    }

    @Test
    void utf8Values()
    {
        assertEquals(List.of("héllo ☃ 日本"), values(single(":cmd:r\nhéllo ☃ 日本\n\n")));
    }

    // ---------------------------------------------------------------- errors and resynchronisation

    private static final String NEXT = ":next:r2\nv\n\n";
    private static final MiRequest NEXT_REQUEST = new MiRequest("next", "r2", List.of(MiNode.of("v")));

    private static MiDecodeError errorThenNext(final String bad, final MiDecodeError.Kind kind)
    {
        final List<MiDecoded> out = decodeAll(bad + NEXT);
        assertEquals(2, out.size(), () -> "results: " + out);
        assertEquals(NEXT_REQUEST, out.get(1));
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, out.get(0));
        assertEquals(kind, e.kind(), e::detail);
        return e;
    }

    @Test
    void badCommandLinesDropTheirRequestAndGetNoReply()
    {
        for (final String bad : List.of("hello\nparam\n\n", "::r\n\n", ":ab\np\n\n", "ab\n\n", ":a\nx\ny\n\n"))
        {
            final MiDecodeError e = errorThenNext(bad, MiDecodeError.Kind.BAD_COMMAND_LINE);
            assertNull(e.reply());
            assertNull(e.command());
        }
    }

    @Test
    void blankLinesBetweenRequestsAreSkippedOnTheirOwn()
    {
        assertEquals(List.of(NEXT_REQUEST), decodeAll("\n\r\n  \t\n" + NEXT));
        assertEquals(List.of(NEXT_REQUEST, NEXT_REQUEST), decodeAll(NEXT + "\n\n" + NEXT));
    }

    @Test
    void replyFifoNamesAreNotJudgedByTheDecoder()
    {
        // the transport applies the name rule both FIFOs share (ReplyFifoName); the decoder only frames
        for (final String name : List.of("../etc", "a.b", "x/y", "x\\y", "kamailio_rpc_reply.fifo"))
        {
            assertEquals(List.of(new MiRequest("cmd", name, List.of(MiNode.of("p1"), MiNode.of("p2"))), NEXT_REQUEST),
                decodeAll(":cmd:" + name + "\np1\np2\n\n" + NEXT));
        }
    }

    @Test
    void aNulAnywhereInTheRequestIsRefusedWithAParseError()
    {
        final MiDecodeError inParams = errorThenNext(":version:rep\na\0b\n\n", MiDecodeError.Kind.NUL_BYTE);
        assertEquals("rep", inParams.replyFifo());
        assertEquals(new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, "version"), inParams.reply());
        final MiDecodeError inName = errorThenNext(":version:a\0b\n\n", MiDecodeError.Kind.NUL_BYTE);
        assertEquals("a\0b", inName.replyFifo(), "the transport's name rule refuses it");
        final MiDecodeError inCommand = errorThenNext(":ver\0sion:r\nx\n\n", MiDecodeError.Kind.NUL_BYTE);
        assertEquals("ver", inCommand.command(), "the command up to the NUL");
        // split at every byte, the NUL request and the next one come out the same
        final byte[] input = bytes(":version:a\0b\n\n" + NEXT);
        for (int cut = 0; cut <= input.length; cut++)
        {
            final List<MiDecoded> out = MiFeeder.feedSplit(new MiFifoDecoder(), input, cut);
            assertEquals(2, out.size(), "cut " + cut);
            assertEquals(MiDecodeError.Kind.NUL_BYTE, ((MiDecodeError) out.get(0)).kind(), "cut " + cut);
            assertEquals(NEXT_REQUEST, out.get(1), "cut " + cut);
        }
    }

    @Test
    void abandonDropsAPartialRequestAndAnswersWhenItsCommandLineWasWhole()
    {
        final MiFifoDecoder decoder = new MiFifoDecoder();
        final ByteBuffer in = ByteBuffer.wrap(bytes(":pua_publish:rep\nsip:a@b\n3600"));
        assertNull(decoder.decode(in));
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decoder.abandon(in));
        assertEquals(MiDecodeError.Kind.TRUNCATED, e.kind());
        assertEquals("rep", e.replyFifo());
        assertEquals(new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, "pua_publish"), e.reply());
        assertEquals(in.limit(), in.position(), "all consumed");
        assertNull(decoder.abandon(in), "nothing left");

        final ByteBuffer noLine = ByteBuffer.wrap(bytes("xyz"));
        assertNull(decoder.decode(noLine));
        final MiDecodeError partial = assertInstanceOf(MiDecodeError.class, decoder.abandon(noLine));
        assertEquals(MiDecodeError.Kind.TRUNCATED, partial.kind());
        assertNull(partial.reply(), "no command line: nobody to answer");
        assertNull(decoder.abandon(ByteBuffer.wrap(bytes(" \r"))), "white space is nothing to drop");
        assertEquals(NEXT_REQUEST, decoder.decode(ByteBuffer.wrap(bytes(NEXT))), "decodes on afterwards");
    }

    @Test
    void endDiscardStopsSkippingTheRestOfARejectedRequest()
    {
        final MiFifoDecoder decoder = new MiFifoDecoder();
        final ByteBuffer bad = ByteBuffer.wrap(bytes("not a command line\nparam\n"));
        assertEquals(MiDecodeError.Kind.BAD_COMMAND_LINE, ((MiDecodeError) decoder.decode(bad)).kind());
        assertNull(decoder.decode(bad));
        assertTrue(decoder.isDiscarding(), "waiting for the empty line that never comes");
        decoder.endDiscard();
        assertEquals(NEXT_REQUEST, decoder.decode(ByteBuffer.wrap(bytes(NEXT))), "the next request is not eaten");
    }

    @Test
    void parseErrorConsumesItsRequestAndRepliesWithTheCommandName()
    {
        final MiDecodeError e = errorThenNext(":pua_publish:rep\nok\nbad\"value\nmore\n\n", MiDecodeError.Kind.PARSE_ERROR);
        assertEquals("rep", e.replyFifo());
        assertEquals(new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, "pua_publish"), e.reply());
    }

    @Test
    void emptyLineInsideQuotedValueSkipsToTheNextEmptyLine()
    {
        final MiDecodeError e = errorThenNext(":pua_publish:rep\n\"line1\n\nline3\"\n\n", MiDecodeError.Kind.PARSE_ERROR);
        assertEquals("pua_publish", e.command());
    }

    @Test
    void quotedValueRunningIntoTheRequestEndIsParseError()
    {
        errorThenNext(":cmd:r\n\"never closed\n\n\n", MiDecodeError.Kind.PARSE_ERROR);
    }

    // ---------------------------------------------------------------- limits

    private static String repeat(final char c, final int n)
    {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void commandLineOfExactlyTheLimitIsAccepted()
    {
        final String reply = repeat('r', MiFifoDecoder.MAX_COMMAND_LINE_BYTES - ":cmd:".length() - 1);
        final MiRequest r = single(":cmd:" + reply + "\n\n");
        assertEquals(reply, r.replyFifo());
    }

    @Test
    void commandLineOverTheLimitIsDroppedWithItsRequest()
    {
        final String reply = repeat('r', MiFifoDecoder.MAX_COMMAND_LINE_BYTES - ":cmd:".length());
        final MiDecodeError e = errorThenNext(":cmd:" + reply + "\np\n\n", MiDecodeError.Kind.COMMAND_LINE_TOO_LONG);
        assertNull(e.reply());
        final String longer = repeat('x', 5 * MiFifoDecoder.MAX_COMMAND_LINE_BYTES);
        errorThenNext(longer + "\n" + longer + "\n\n", MiDecodeError.Kind.COMMAND_LINE_TOO_LONG);
    }

    @Test
    void parametersOfExactlyTheLimitAreAccepted()
    {
        // one value line of n bytes + "\n" + final "\n" = limit
        final String value = repeat('v', MiFifoDecoder.MAX_PARAMETER_BYTES - 2);
        assertEquals(List.of(value), values(single(":cmd:r\n" + value + "\n\n")));
    }

    @Test
    void parametersOverTheLimitAreRefusedAndTheRequestDropped()
    {
        final String value = repeat('v', MiFifoDecoder.MAX_PARAMETER_BYTES - 1);
        final MiDecodeError e = errorThenNext(":cmd:r\n" + value + "\n\n", MiDecodeError.Kind.PARAMETERS_TOO_LONG);
        assertEquals("400 parse error in command 'cmd'\n", WRITER.fifo(e.reply()));
        final StringBuilder many = new StringBuilder(":cmd:r\n");
        for (int i = 0; i < 3000; i++)
        {
            many.append("line ").append(i).append('\n');
        }
        errorThenNext(many.append('\n').toString(), MiDecodeError.Kind.PARAMETERS_TOO_LONG);
    }

    @Test
    void endlessInputWithoutRequestEndStaysBounded()
    {
        final MiFifoDecoder decoder = new MiFifoDecoder();
        final byte[] chunk = bytes("abcdefgh\n");
        final ByteBuffer buf = ByteBuffer.allocate(MiFifoDecoder.MAX_PENDING_BYTES + chunk.length);
        buf.put(bytes(":cmd:r\n"));
        int errors = 0;
        for (int i = 0; i < 10_000; i++)
        {
            buf.put(chunk);
            buf.flip();
            MiDecoded r;
            while ((r = decoder.decode(buf)) != null)
            {
                assertEquals(MiDecodeError.Kind.PARAMETERS_TOO_LONG, ((MiDecodeError) r).kind());
                errors++;
            }
            assertTrue(buf.remaining() < MiFifoDecoder.MAX_PENDING_BYTES);
            buf.compact();
        }
        assertEquals(1, errors);
        assertTrue(decoder.isDiscarding());
        buf.put(bytes("\n" + NEXT));
        buf.flip();
        assertEquals(NEXT_REQUEST, decoder.decode(buf));
        assertFalse(decoder.isDiscarding());
    }

    /** Renders fixed replies with the default writer. */
    private static final class MiWriterHolder
    {
        private final MiReplyWriter writer = new MiReplyWriter();

        String fifo(final MiReply reply)
        {
            return writer.text(reply, MiFraming.FIFO);
        }
    }
}
