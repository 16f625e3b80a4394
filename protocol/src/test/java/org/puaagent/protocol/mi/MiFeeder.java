package org.puaagent.protocol.mi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Feeds bytes to a {@link MiFifoDecoder} the way a transport does: bounded buffer, append, decode, compact. */
final class MiFeeder
{
    private MiFeeder()
    {
    }

    /** All at once. */
    static List<MiDecoded> feed(final MiFifoDecoder decoder, final byte[] input)
    {
        return feed(decoder, input, () -> Math.max(1, input.length), Math.max(1, input.length));
    }

    /**
     * In chunks whose sizes come from {@code chunkSizes} (each 1..maxChunk). Fails if the decoder ever
     * leaves more than its declared maximum unconsumed, or returns a result without consuming.
     */
    static List<MiDecoded> feed(final MiFifoDecoder decoder, final byte[] input, final IntSupplier chunkSizes,
        final int maxChunk)
    {
        final List<MiDecoded> out = new ArrayList<>();
        final ByteBuffer buf = ByteBuffer.allocate(decoder.maxPendingBytes() + maxChunk);
        int off = 0;
        while (off < input.length)
        {
            final int n = Math.min(chunkSizes.getAsInt(), input.length - off);
            buf.put(input, off, n);
            off += n;
            buf.flip();
            drain(decoder, buf, out);
            buf.compact();
        }
        return out;
    }

    /** Splits the input in two at {@code cut}. */
    static List<MiDecoded> feedSplit(final MiFifoDecoder decoder, final byte[] input, final int cut)
    {
        final List<MiDecoded> out = new ArrayList<>();
        final ByteBuffer buf = ByteBuffer.allocate(input.length + 1);
        buf.put(input, 0, cut);
        buf.flip();
        drain(decoder, buf, out);
        buf.compact();
        buf.put(input, cut, input.length - cut);
        buf.flip();
        drain(decoder, buf, out);
        return out;
    }

    private static void drain(final MiFifoDecoder decoder, final ByteBuffer buf, final List<MiDecoded> out)
    {
        while (true)
        {
            final int before = buf.position();
            final MiDecoded r = decoder.decode(buf);
            if (r == null)
            {
                assertTrue(buf.remaining() < decoder.maxPendingBytes(),
                    "decoder keeps " + buf.remaining() + " bytes pending");
                return;
            }
            assertTrue(buf.position() > before, "result without consuming input: " + r);
            out.add(r);
        }
    }
}
