package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured byte stream, fed in two chunks split at every byte boundary, one byte at a time and in random
 * chunks (fixed seeds; heap arrays, heap and direct ByteBuffers), frames into exactly the packets (and ends in
 * exactly the state) of feeding it whole. Limits 1 MiB and Kamailio's 65535 are both run.
 */
class BinRpcStreamSplitTest
{
    /** Above this size, split points are taken at both ends and every {@link #SPLIT_STRIDE}th byte. */
    private static final int EVERY_SPLIT_LIMIT = 4096;
    private static final int SPLIT_STRIDE = 61;
    private static final int RANDOM_SEEDS = 25;

    /** The observable result of feeding a stream. */
    record Outcome(List<ByteBuffer> packets, BinRpcStreamDecoder.Status status, BinRpcError error, int buffered)
    {
    }

    static Stream<Arguments> streams()
    {
        final List<Arguments> args = new ArrayList<>();
        for (final Path p : Vectors.allStreams())
        {
            final String name = p.getParent().getFileName() + "/" + p.getFileName();
            args.add(Arguments.of(name, p, CaptureCheck.CAPTURE_MAX_PACKET));
            args.add(Arguments.of(name, p, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} max {2}")
    @MethodSource("streams")
    void everySplitGivesTheSamePackets(final String name, final Path file, final int max)
    {
        final byte[] bytes = Vectors.bytes(file);
        final Outcome whole = feed(max, List.of(bytes));
        if (max == CaptureCheck.CAPTURE_MAX_PACKET && !file.getFileName().toString().startsWith("01-bad")
            && !file.getFileName().toString().startsWith("dgram-07"))
        {
            assertTrue(whole.packets().size() >= 1, name + ": captured streams hold packets");
        }
        for (int split = 0; split <= bytes.length; split++)
        {
            if (bytes.length > EVERY_SPLIT_LIMIT && split > 64 && split < bytes.length - 64 && split % SPLIT_STRIDE != 0)
            {
                continue;
            }
            final Outcome o = feed(max, List.of(Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length)));
            assertEquals(whole, o, name + ": split at " + split);
        }
    }

    @ParameterizedTest(name = "{0} max {2}")
    @MethodSource("streams")
    void byteByByteGivesTheSamePackets(final String name, final Path file, final int max)
    {
        final byte[] bytes = Vectors.bytes(file);
        final List<byte[]> chunks = new ArrayList<>(bytes.length);
        for (int i = 0; i < bytes.length; i++)
        {
            chunks.add(new byte[] {bytes[i]});
        }
        assertEquals(feed(max, List.of(bytes)), feed(max, chunks), name);
    }

    @ParameterizedTest(name = "{0} max {2}")
    @MethodSource("streams")
    void randomChunksGiveTheSamePackets(final String name, final Path file, final int max)
    {
        final byte[] bytes = Vectors.bytes(file);
        final Outcome whole = feed(max, List.of(bytes));
        for (long seed = 1; seed <= RANDOM_SEEDS; seed++)
        {
            final Random random = new Random(seed);
            final List<byte[]> chunks = new ArrayList<>();
            int at = 0;
            while (at < bytes.length)
            {
                final int bound = random.nextInt(4) == 0 ? 4 : Math.max(1, bytes.length / 3);
                final int n = Math.min(bytes.length - at, 1 + random.nextInt(bound));
                chunks.add(Arrays.copyOfRange(bytes, at, at + n));
                at += n;
            }
            assertEquals(whole, feed(max, chunks), name + ": seed " + seed + " (arrays)");
            assertEquals(whole, feedBuffers(max, chunks, false), name + ": seed " + seed + " (heap ByteBuffers)");
            assertEquals(whole, feedBuffers(max, chunks, true), name + ": seed " + seed + " (direct ByteBuffers)");
        }
    }

    /** Feeds each chunk at an odd offset inside a larger array (the decoder must honour offset/length). */
    static Outcome feed(final int max, final List<byte[]> chunks)
    {
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder(max);
        final List<ByteBuffer> packets = new ArrayList<>();
        for (final byte[] chunk : chunks)
        {
            final byte[] padded = new byte[chunk.length + 6];
            Arrays.fill(padded, (byte) 0xA1);
            System.arraycopy(chunk, 0, padded, 3, chunk.length);
            decoder.feed(padded, 3, chunk.length, p -> packets.add(ByteBuffer.wrap(p.toByteArray())));
            assertCapacityBounded(decoder);
        }
        return new Outcome(packets, decoder.status(), decoder.error(), decoder.buffered());
    }

    private static Outcome feedBuffers(final int max, final List<byte[]> chunks, final boolean direct)
    {
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder(max);
        final List<ByteBuffer> packets = new ArrayList<>();
        for (final byte[] chunk : chunks)
        {
            final ByteBuffer b = direct ? ByteBuffer.allocateDirect(chunk.length + 2) : ByteBuffer.allocate(chunk.length + 2);
            b.put((byte) 0x55).put(chunk).flip();
            b.get();
            final BinRpcStreamDecoder.Status s = decoder.feed(b.slice(), p -> packets.add(ByteBuffer.wrap(p.toByteArray())));
            assertCapacityBounded(decoder);
            if (s != BinRpcStreamDecoder.Status.OPEN)
            {
                break;
            }
        }
        return new Outcome(packets, decoder.status(), decoder.error(), decoder.buffered());
    }

    static void assertCapacityBounded(final BinRpcStreamDecoder decoder)
    {
        assertTrue(decoder.bufferCapacity() <= Math.max(decoder.maxPacketSize(), BinRpcStreamDecoder.MIN_BUFFER_CAPACITY),
            "buffer capacity " + decoder.bufferCapacity() + " > max " + decoder.maxPacketSize());
    }
}
