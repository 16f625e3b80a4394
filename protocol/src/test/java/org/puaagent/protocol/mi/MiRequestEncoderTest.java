package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MiRequestEncoderTest
{
    private static String fifo(final String command, final String reply, final List<String> values)
    {
        return new String(MiRequestEncoder.fifo(command, reply, values), StandardCharsets.UTF_8);
    }

    @Test
    void specRequestsAreWrittenByteForByte()
    {
        assertEquals(MiSpecExamples.PUBLISH_41, fifo("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_41_VALUES));
        assertEquals(MiSpecExamples.PUBLISH_41_QUOTED,
            fifo("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_41_QUOTED_VALUES));
        assertEquals(MiSpecExamples.PUBLISH_44, fifo("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_44_VALUES));
        assertEquals(MiSpecExamples.PUBLISH_45, fifo("pua_publish", "fifo_reply_1", MiSpecExamples.PUBLISH_45_VALUES));
        assertEquals(MiSpecExamples.SUBSCRIBE_47,
            fifo("pua_subscribe", "fifo_reply_1", MiSpecExamples.SUBSCRIBE_47_VALUES));
        assertEquals(MiSpecExamples.SUBSCRIBE_48_DATAGRAM, new String(
            MiRequestEncoder.datagram("pua_subscribe", MiSpecExamples.SUBSCRIBE_47_VALUES), StandardCharsets.UTF_8));
    }

    @Test
    void quotingRules()
    {
        assertEquals(":c:r\nplain text\n\"\"\n\" lead\"\n\"trail\t\"\n\"a::b\"\n\"q\\\"q\"\n\"l1\nl2\"\na\rb\n::\n\n",
            fifo("c", "r", Arrays.asList("plain text", "", " lead", "trail\t", "a::b", "q\"q", "l1\nl2", "a\rb", null)));
    }

    @Test
    void unwritableValuesAreNamed()
    {
        assertEquals(MiRequestEncoder.Problem.EMPTY_LINE, MiRequestEncoder.problem("a\n\nb", MiFraming.FIFO));
        assertEquals(MiRequestEncoder.Problem.LEADING_QUOTE, MiRequestEncoder.problem("\"x", MiFraming.FIFO));
        assertEquals(MiRequestEncoder.Problem.TRAILING_BACKSLASH, MiRequestEncoder.problem("a::\\", MiFraming.FIFO));
        assertEquals(MiRequestEncoder.Problem.LINE_BREAK_IN_DATAGRAM,
            MiRequestEncoder.problem("a\nb", MiFraming.DATAGRAM));
        assertNull(MiRequestEncoder.problem("a\\", MiFraming.FIFO), "unquoted values may end with a backslash");
        assertNull(MiRequestEncoder.problem("a\nb", MiFraming.FIFO));
        assertThrows(IllegalArgumentException.class, () -> MiRequestEncoder.fifo("c", "r", List.of("\"x")));
        assertThrows(IllegalArgumentException.class, () -> MiRequestEncoder.fifo("c:d", "r", List.of()));
        assertThrows(IllegalArgumentException.class, () -> MiRequestEncoder.fifo("c", "a.b", List.of()));
        assertThrows(IllegalArgumentException.class, () -> MiRequestEncoder.datagram("c", List.of("a\nb")));
    }

    private static final char[] ALPHABET = {'a', 'b', 'z', '0', '9', ' ', ' ', '\t', '\r', '\n', '\n', '"', '"',
        '\\', '\\', ':', ':', ':', '.', '/', 'é', '☃', '=', '<', '>'};

    private static String randomValue(final Random random)
    {
        final int length = random.nextInt(5) == 0 ? 0 : random.nextInt(24);
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    @Test
    void randomValuesSurviveEncodeThenDecode()
    {
        final long seed = 0x5eed_0002L;
        final Random random = new Random(seed);
        int fifoChecked = 0;
        int datagramChecked = 0;
        for (int round = 0; round < 20_000; round++)
        {
            final int count = random.nextInt(6);
            final List<String> values = new ArrayList<>();
            boolean fifoOk = true;
            boolean datagramOk = true;
            for (int i = 0; i < count; i++)
            {
                final String v = random.nextInt(20) == 0 ? null : randomValue(random);
                values.add(v);
                fifoOk &= MiRequestEncoder.problem(v, MiFraming.FIFO) == null;
                datagramOk &= MiRequestEncoder.problem(v, MiFraming.DATAGRAM) == null;
            }
            final List<MiNode> expected = new ArrayList<>();
            for (final String v : values)
            {
                expected.add(v == null ? MiNode.of(null, null) : MiNode.of(v));
            }
            final String context = "seed " + seed + " round " + round + " values " + values;
            if (fifoOk)
            {
                final byte[] wire = MiRequestEncoder.fifo("cmd", "reply_" + round, values);
                final int maxChunk = 1 + random.nextInt(40);
                final List<MiDecoded> out = MiFeeder.feed(new MiFifoDecoder(), wire,
                    () -> 1 + random.nextInt(maxChunk), maxChunk);
                assertEquals(List.of(new MiRequest("cmd", "reply_" + round, expected)), out, context);
                fifoChecked++;
            }
            if (datagramOk)
            {
                final byte[] wire = MiRequestEncoder.datagram("cmd", values);
                assertEquals(new MiRequest("cmd", null, expected), MiDatagramDecoder.decode(wire, 0, wire.length),
                    context);
                datagramChecked++;
            }
        }
        assertTrue(fifoChecked > 10_000, "fifo cases checked: " + fifoChecked);
        assertTrue(datagramChecked > 5_000, "datagram cases checked: " + datagramChecked);
    }
}
