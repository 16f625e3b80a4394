package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * 1,000,000 random and mutated inputs (the captured vectors and random valid packets, with bit flips, byte
 * overwrites, truncation, length-field and tag changes, insertions, deletions, splices and pure noise) fed to
 * the stream decoder (in random chunks, with limits from 16 bytes to 65535) and to the datagram decoder. Every
 * framed packet is also walked with the reader and decoded into the model as request and as response. Each
 * input must end in packets or a typed error with a server reaction: any other exception fails the test with
 * the seed, the input number and the input's bytes. The stream decoder's buffer must never exceed the limit
 * (plus {@link BinRpcStreamDecoder#MIN_BUFFER_CAPACITY}); all loops are bounded by the input size.
 */
class BinRpcFuzzTest
{
    private static final long SEED = 0x5EED_B14AL;
    private static final int INPUTS = 1_000_000;
    private static final int[] MAX_PACKET_SIZES = {16, 64, 300, 4096, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE};
    private static final int RANDOM_PACKETS = 300;
    /** Inputs above this size are picked rarely (they cost ~100 times more). */
    private static final int BIG_INPUT = 4096;
    private static final int[] INTERESTING_TAGS = {0x00, 0x01, 0x03, 0x83, 0x04, 0x84, 0x05, 0x25, 0x06, 0x07, 0x0f, 0x13, 0x93,
        0x82, 0x92, 0xf2, 0x91, 0xa1, 0xf1, 0x81, 0x80, 0x85, 0x8b};

    private final Random random = new Random(SEED);
    private final BinRpcStreamDecoder[] streams = new BinRpcStreamDecoder[MAX_PACKET_SIZES.length];
    private final BinRpcDatagramDecoder[] datagrams = new BinRpcDatagramDecoder[MAX_PACKET_SIZES.length];
    private final BinRpcReader reader = new BinRpcReader();
    private final Map<BinRpcError, Integer> errors = new EnumMap<>(BinRpcError.class);
    private long packets;
    private long decodedRequests;
    private int max;

    @Test
    void randomAndMutatedInputsEndInPacketsOrTypedErrors()
    {
        for (int i = 0; i < MAX_PACKET_SIZES.length; i++)
        {
            streams[i] = new BinRpcStreamDecoder(MAX_PACKET_SIZES[i]);
            datagrams[i] = new BinRpcDatagramDecoder(MAX_PACKET_SIZES[i]);
        }
        final List<byte[]> small = new ArrayList<>();
        final List<byte[]> big = new ArrayList<>();
        for (final Path p : Vectors.allStreams())
        {
            final byte[] b = Vectors.bytes(p);
            (b.length > BIG_INPUT ? big : small).add(b);
        }
        final RandomValues values = new RandomValues(SEED);
        for (int i = 0; i < RANDOM_PACKETS; i++)
        {
            final byte[] b = i % 2 == 0
                ? BinRpcEncoder.encodeRequest(random.nextInt(), values.string(), values.values(4))
                : BinRpcEncoder.encodeReply(random.nextInt(), values.values(4));
            (b.length > BIG_INPUT ? big : small).add(b);
        }
        assertTrue(big.size() >= 2, "the 70 KB captures are part of the corpus");

        for (int n = 0; n < INPUTS; n++)
        {
            final List<byte[]> pool = random.nextInt(500) == 0 ? big : small;
            final byte[] input = mutate(pool.get(random.nextInt(pool.size())), small);
            final int which = random.nextInt(MAX_PACKET_SIZES.length);
            max = MAX_PACKET_SIZES[which];
            try
            {
                exerciseStream(streams[which], input);
                exerciseDatagram(datagrams[which], input);
            }
            catch (final Throwable t)
            {
                throw new AssertionError("seed " + SEED + ", input " + n + ", max " + max + ": " + Vectors.hex(input), t);
            }
        }
        // the fuzzing reached the interesting places
        assertTrue(packets > INPUTS / 2, "packets framed: " + packets);
        assertTrue(decodedRequests > INPUTS / 20, "requests decoded: " + decodedRequests);
        for (final BinRpcError e : List.of(BinRpcError.BAD_MAGIC, BinRpcError.BAD_VERSION, BinRpcError.BAD_PACKET_TYPE,
            BinRpcError.PACKET_TOO_LARGE, BinRpcError.TRUNCATED_PACKET, BinRpcError.NOT_A_REQUEST, BinRpcError.END_OF_PACKET,
            BinRpcError.RECORD_TYPE_MISMATCH, BinRpcError.RECORD_TRUNCATED, BinRpcError.BAD_RECORD_TYPE,
            BinRpcError.BAD_RECORD_LENGTH, BinRpcError.STRING_NOT_TERMINATED, BinRpcError.UNBALANCED_END,
            BinRpcError.UNCLOSED_CONTAINER, BinRpcError.MEMBER_WITHOUT_VALUE))
        {
            assertTrue(errors.getOrDefault(e, 0) > 0, "never produced " + e + ": " + errors);
        }
    }

    private void exerciseStream(final BinRpcStreamDecoder decoder, final byte[] input)
    {
        decoder.reset();
        int at = 0;
        final int smallChunks = input.length <= BIG_INPUT && random.nextInt(4) == 0 ? 8 : input.length;
        while (at < input.length && decoder.status() == BinRpcStreamDecoder.Status.OPEN)
        {
            final int n = 1 + random.nextInt(Math.max(1, Math.min(smallChunks, input.length - at)));
            final BinRpcStreamDecoder.Status status = decoder.feed(input, at, n, this::checkPacket);
            BinRpcStreamSplitTest.assertCapacityBounded(decoder);
            assertEquals(status, decoder.status());
            at += n;
        }
        assertTrue(decoder.buffered() < max, "a buffered partial packet is smaller than the limit");
        if (decoder.status() == BinRpcStreamDecoder.Status.FAILED)
        {
            final BinRpcFailure failure = decoder.failure();
            assertNotNull(failure);
            count(failure.error());
            react(failure);
        }
        else
        {
            assertEquals(BinRpcStreamDecoder.Status.OPEN, decoder.status());
        }
    }

    private void exerciseDatagram(final BinRpcDatagramDecoder decoder, final byte[] input)
    {
        if (decoder.decode(input))
        {
            checkPacket(decoder.packet());
        }
        else
        {
            count(decoder.error());
            react(decoder.failure());
        }
    }

    private void checkPacket(final BinRpcPacket packet)
    {
        packets++;
        assertTrue(packet.length() <= max, "packet larger than the limit");
        int steps = 0;
        if (reader.wrapRequest(packet))
        {
            while (reader.next())
            {
                steps++;
                if (reader.type() == BinRpcRecordType.STRING)
                {
                    reader.valueEquals(Vectors.PUA_PUBLISH);
                }
            }
        }
        assertTrue(steps <= packet.bodyLength(), "every record consumes at least one byte");
        final BinRpcResult<RpcRequest> request = BinRpcDecoder.decodeRequest(packet);
        assertEquals(reader.failed(), !request.isDecoded(), "cursor and tree agree");
        if (request.isDecoded())
        {
            decodedRequests++;
            assertEquals(packet.cookie(), ((org.puaagent.protocol.rpc.RequestId.Cookie) request.value().id()).value());
        }
        else
        {
            assertEquals(reader.error(), request.failure().error(), "cursor and tree agree on the error");
            count(request.failure().error());
            react(request.failure());
        }
        final BinRpcResult<BinRpcResponse> response = BinRpcDecoder.decodeResponse(packet);
        if (!response.isDecoded())
        {
            count(response.failure().error());
        }
    }

    private void react(final BinRpcFailure failure)
    {
        final BinRpcReaction reaction = failure.serverReaction();
        if (reaction instanceof BinRpcReaction.SendFault send)
        {
            final BinRpcResponse back = BinRpcDecoder.decodeResponse(BinRpcEncoder.encodeFault(send)).value();
            assertEquals(send.fault(), back.response());
            assertEquals(send.cookie(), back.cookie());
        }
        else
        {
            assertEquals(BinRpcReaction.DropSilently.INSTANCE, reaction);
        }
    }

    private void count(final BinRpcError error)
    {
        assertNotNull(error);
        errors.merge(error, 1, Integer::sum);
    }

    private byte[] mutate(final byte[] original, final List<byte[]> others)
    {
        byte[] b = original;
        final int rounds = 1 + random.nextInt(3);
        for (int round = 0; round < rounds; round++)
        {
            b = mutateOnce(b, others);
        }
        return b;
    }

    private byte[] mutateOnce(final byte[] in, final List<byte[]> others)
    {
        final int kind = random.nextInt(11);
        if (in.length == 0 && kind < 6)
        {
            return noise();
        }
        switch (kind)
        {
            case 0:
            {
                final byte[] b = in.clone();
                final int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++)
                {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 1:
            {
                final byte[] b = in.clone();
                final int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++)
                {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2:
                return Arrays.copyOf(in, random.nextInt(in.length + 1));
            case 3:
            {
                // a length field or cookie byte in the header, or the byte after a record tag
                final byte[] b = in.clone();
                final int at = random.nextBoolean() ? 2 + random.nextInt(Math.min(8, Math.max(1, b.length - 2)))
                    : random.nextInt(b.length);
                if (at < b.length)
                {
                    b[at] = (byte) (random.nextBoolean() ? b[at] + (random.nextBoolean() ? 1 : -1) : random.nextInt(256));
                }
                return b;
            }
            case 4:
            {
                final byte[] b = in.clone();
                b[random.nextInt(b.length)] = (byte) INTERESTING_TAGS[random.nextInt(INTERESTING_TAGS.length)];
                return b;
            }
            case 5:
            {
                final int from = random.nextInt(in.length);
                final int to = Math.min(in.length, from + 1 + random.nextInt(16));
                final byte[] b = new byte[in.length - (to - from)];
                System.arraycopy(in, 0, b, 0, from);
                System.arraycopy(in, to, b, from, in.length - to);
                return b;
            }
            case 6:
            {
                final int at = random.nextInt(in.length + 1);
                final byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                final byte[] b = new byte[in.length + extra.length];
                System.arraycopy(in, 0, b, 0, at);
                System.arraycopy(extra, 0, b, at, extra.length);
                System.arraycopy(in, at, b, at + extra.length, in.length - at);
                return b;
            }
            case 7:
            {
                final byte[] other = others.get(random.nextInt(others.size()));
                final int a = random.nextInt(in.length + 1);
                final int c = random.nextInt(other.length + 1);
                final byte[] b = new byte[a + other.length - c];
                System.arraycopy(in, 0, b, 0, a);
                System.arraycopy(other, c, b, a, other.length - c);
                return b;
            }
            case 8:
            {
                final byte[] other = random.nextBoolean() ? in : others.get(random.nextInt(others.size()));
                final byte[] b = Arrays.copyOf(in, in.length + other.length);
                System.arraycopy(other, 0, b, in.length, other.length);
                return b;
            }
            case 9:
                return noise();
            default:
                return in;
        }
    }

    /** Random bytes, often behind a valid magic and packet type. */
    private byte[] noise()
    {
        final byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        if (b.length >= 2 && random.nextBoolean())
        {
            b[0] = (byte) BinRpcPacket.MAGIC_BYTE;
            b[1] = (byte) ((new int[] {0, 1, 3}[random.nextInt(3)] << 4) | (b[1] & 0x0F));
        }
        return b;
    }
}
