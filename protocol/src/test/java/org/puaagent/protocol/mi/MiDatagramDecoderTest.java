package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiDatagramDecoderTest
{
    private static final MiReplyWriter WRITER = new MiReplyWriter();

    private static MiDecoded decode(final String datagram)
    {
        return MiDatagramDecoder.decode(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)));
    }

    private static MiRequest request(final String command, final String... values)
    {
        return new MiRequest(command, null, java.util.Arrays.stream(values).map(MiNode::of).toList());
    }

    @Test
    void specSubscribeDatagram()
    {
        assertEquals(request("pua_subscribe", MiSpecExamples.SUBSCRIBE_47_VALUES.toArray(new String[0])),
            decode(MiSpecExamples.SUBSCRIBE_48_DATAGRAM));
    }

    @Test
    void lastLineWithoutLineEndAndBlankLinesAnywhere()
    {
        assertEquals(request("cmd", "a", "b"), decode(":cmd:\na\n\n  \r\nb"));
        assertEquals(request("cmd"), decode(":cmd:\n"));
        assertEquals(request("cmd", "a"), decode(":cmd:\na\n\n"));
    }

    @Test
    void sameParameterSyntaxAsTheFifo()
    {
        final MiRequest r = assertInstanceOf(MiRequest.class,
            decode(":cmd:\nname:: v\n\"q\\\"uoted::\"\nn::\n\"\"\n"));
        assertEquals(List.of(MiNode.of("name", "v"), MiNode.of("q\"uoted::"), MiNode.of("n", null), MiNode.of("")),
            r.params());
    }

    @Test
    void badFirstLinesAreAnsweredCommandNotAvailable()
    {
        for (final String bad : List.of("", "cmd\n", ":cmd\n", ":cmd:x\n", "::\n", ":cmd:", ":cmd: \n", ":cmd:\r\n"))
        {
            final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decode(bad), bad);
            assertEquals(MiDecodeError.Kind.BAD_COMMAND_LINE, e.kind(), bad);
            assertEquals("500 command not available\n", WRITER.text(e.reply(), MiFraming.DATAGRAM));
            assertNull(e.command());
        }
    }

    @Test
    void quotedValueMustCloseOnItsLine()
    {
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decode(":pua_publish:\n\"open\nclose\"\n"));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, e.kind());
        assertEquals("pua_publish", e.command());
        assertEquals("400 parse error in command\n", WRITER.text(e.reply(), MiFraming.DATAGRAM));
    }

    @Test
    void unquotedQuoteIsParseError()
    {
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decode(":cmd:\na\"b\n"));
        assertEquals(MiDecodeError.Kind.PARSE_ERROR, e.kind());
    }

    @Test
    void oversizedDatagramIsRefused()
    {
        final String big = ":cmd:\n" + "x".repeat(MiDatagramDecoder.MAX_DATAGRAM_BYTES);
        final MiDecodeError e = assertInstanceOf(MiDecodeError.class, decode(big));
        assertEquals(MiDecodeError.Kind.PARAMETERS_TOO_LONG, e.kind());
        assertEquals("400 parse error in command\n", WRITER.text(e.reply(), MiFraming.DATAGRAM));
        final String fits = ":cmd:\n" + "x".repeat(MiDatagramDecoder.MAX_DATAGRAM_BYTES - 6);
        assertInstanceOf(MiRequest.class, decode(fits));
    }

    @Test
    void decodesASliceOfAnArray()
    {
        final byte[] b = "junk:cmd:\nv\njunk".getBytes(StandardCharsets.UTF_8);
        assertEquals(request("cmd", "v"), MiDatagramDecoder.decode(b, 4, 8));
    }
}
