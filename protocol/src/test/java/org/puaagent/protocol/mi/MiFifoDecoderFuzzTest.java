package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input into the FIFO and datagram decoders: only values come out (no exception), the
 * pending bytes stay bounded, every result consumes input, chunking never changes the results, and a
 * clean request appended after any garbage is decoded.
 */
class MiFifoDecoderFuzzTest
{
    private static final int CASES = 100_000;
    private static final byte[] ALPHABET = ":::\n\n\n\"\"\\ \r\t.a/b9é".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SYNC = "\n\n\n\n:sync:r\n\n".getBytes(StandardCharsets.UTF_8);
    private static final MiRequest SYNC_REQUEST = new MiRequest("sync", "r", List.of());
    private static final List<byte[]> SEEDS = List.of(
        MiSpecExamples.PUBLISH_41.getBytes(StandardCharsets.UTF_8),
        MiSpecExamples.PUBLISH_41_QUOTED.getBytes(StandardCharsets.UTF_8),
        MiSpecExamples.PUBLISH_45.getBytes(StandardCharsets.UTF_8),
        MiSpecExamples.SUBSCRIBE_47.getBytes(StandardCharsets.UTF_8));

    private static byte[] randomInput(final Random random)
    {
        final byte[] b = new byte[random.nextInt(300)];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    private static byte[] mutated(final Random random)
    {
        final byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        final byte[] b = seed.clone();
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            b[random.nextInt(b.length)] = random.nextBoolean()
                ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
        }
        return b;
    }

    @Test
    void arbitraryInputGivesOnlyValuesStaysBoundedAndResynchronises()
    {
        final long seed = 0x5eed_0004L;
        final Random random = new Random(seed);
        for (int n = 0; n < CASES; n++)
        {
            final byte[] garbage = random.nextBoolean() ? randomInput(random) : mutated(random);
            final byte[] input = new byte[garbage.length + SYNC.length];
            System.arraycopy(garbage, 0, input, 0, garbage.length);
            System.arraycopy(SYNC, 0, input, garbage.length, SYNC.length);
            final boolean small = random.nextInt(4) == 0;
            final int commandLimit = small ? 8 + random.nextInt(40) : MiFifoDecoder.MAX_COMMAND_LINE_BYTES;
            final int parameterLimit = small ? 1 + random.nextInt(120) : MiFifoDecoder.MAX_PARAMETER_BYTES;
            final MiFifoDecoder decoder = new MiFifoDecoder(commandLimit, parameterLimit);
            final int maxChunk = 1 + random.nextInt(64);
            final String context = "seed " + seed + " case " + n;
            final List<MiDecoded> out;
            try
            {
                out = MiFeeder.feed(decoder, input, () -> 1 + random.nextInt(maxChunk), maxChunk);
            }
            catch (final RuntimeException e)
            {
                throw new AssertionError(context, e);
            }
            assertEquals(MiFeeder.feed(new MiFifoDecoder(commandLimit, parameterLimit), input), out,
                context + ": chunked and one-shot decoding differ");
            if (decoder.maxPendingBytes() > SYNC.length + 8)
            {
                assertEquals(SYNC_REQUEST, out.get(out.size() - 1), context);
            }
            assertNotNull(MiDatagramDecoder.decode(garbage, 0, garbage.length), context);
        }
    }
}
