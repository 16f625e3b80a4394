package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * 100,000 random value trees (depth up to 4, all types, edge values) encoded as requests, replies and faults
 * decode to their normalised form ({@link RandomValues#normalize}); the normalised form encodes to the same
 * bytes; and a stream of all the packets frames back into the same packets.
 */
class BinRpcRoundTripPropertyTest
{
    private static final long SEED = 0xB1_4A_2C_00L;
    private static final int TREES = 100_000;
    private static final int PARAMS_PER_PACKET = 4;

    @Test
    void randomTreesSurviveEncodeDecode()
    {
        final RandomValues gen = new RandomValues(SEED);
        final BinRpcWriter writer = new BinRpcWriter();
        final List<byte[]> packets = new ArrayList<>();
        int trees = 0;
        int iteration = 0;
        while (trees < TREES)
        {
            final String context = "seed " + SEED + ", iteration " + iteration++;
            final int cookie = gen.random().nextInt();
            final int kind = gen.random().nextInt(10);
            writer.clear();
            if (kind < 5)
            {
                final String method = gen.string();
                final List<RpcValue> params = gen.values(PARAMS_PER_PACKET);
                trees += params.size() + 1;
                BinRpcEncoder.writeRequest(writer, cookie, method, params);
                final byte[] bytes = writer.toByteArray();
                final RpcRequest expected = new RpcRequest(RandomValues.normalize(method), RandomValues.normalize(params),
                    new RequestId.Cookie(cookie));
                assertEquals(expected, BinRpcDecoder.decodeRequest(bytes).value(), context);
                if (!containsDouble(params))
                {
                    assertArrayEquals(bytes, BinRpcEncoder.encodeRequest(expected), context + ": normalised form, same bytes");
                }
                packets.add(bytes);
            }
            else if (kind < 9)
            {
                final List<RpcValue> values = gen.values(PARAMS_PER_PACKET);
                trees += Math.max(1, values.size());
                BinRpcEncoder.writeReply(writer, cookie, values);
                final byte[] bytes = writer.toByteArray();
                final BinRpcResponse expected = new BinRpcResponse(cookie, new RpcReply(RandomValues.normalize(values), false));
                assertEquals(expected, BinRpcDecoder.decodeResponse(bytes).value(), context);
                if (!containsDouble(values))
                {
                    assertArrayEquals(bytes, BinRpcEncoder.encodeResponse(cookie, expected.response()), context);
                }
                packets.add(bytes);
            }
            else
            {
                final int code = gen.random().nextBoolean() ? gen.random().nextInt() : 400 + gen.random().nextInt(300);
                final String message = gen.string();
                trees++;
                BinRpcEncoder.writeFault(writer, cookie, code, message);
                final byte[] bytes = writer.toByteArray();
                final RpcFault expected = new RpcFault(code, RandomValues.normalize(BinRpcServerFaults.truncate(message)));
                assertEquals(new BinRpcResponse(cookie, expected), BinRpcDecoder.decodeResponse(bytes).value(), context);
                assertTrue(expected.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255, context);
                packets.add(bytes);
            }
        }
        assertStreamFramesBack(packets);
    }

    /**
     * Whether a tree holds a double. A decoded double (fixed point F / 1000) does not always encode back to F:
     * (F / 1000.0) * 1000.0 can fall just below F and truncates to F - 1 (F = 1001: 1.001 * 1000 =
     * 1000.9999999999999). Kamailio and kamcmd compute the same, so re-encoding is only byte-stable without them.
     */
    private static boolean containsDouble(final List<RpcValue> values)
    {
        return values.stream().anyMatch(BinRpcRoundTripPropertyTest::containsDouble);
    }

    private static boolean containsDouble(final RpcValue v)
    {
        if (v instanceof RpcDouble)
        {
            return true;
        }
        if (v instanceof RpcStruct s)
        {
            return s.members().stream().anyMatch(m -> containsDouble(m.value()));
        }
        return v instanceof RpcArray a && containsDouble(a.items());
    }

    /** All packets back to back, fed in 1000-byte chunks, frame into the same packets. */
    private static void assertStreamFramesBack(final List<byte[]> packets)
    {
        final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        packets.forEach(all::writeBytes);
        final byte[] bytes = all.toByteArray();
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder(Integer.MAX_VALUE);
        final int[] n = {0};
        for (int at = 0; at < bytes.length; at += 1000)
        {
            decoder.feed(bytes, at, Math.min(1000, bytes.length - at), p ->
            {
                assertArrayEquals(packets.get(n[0]), p.toByteArray(), "packet " + n[0]);
                n[0]++;
            });
        }
        assertEquals(packets.size(), n[0]);
        assertEquals(0, decoder.buffered());
    }
}
