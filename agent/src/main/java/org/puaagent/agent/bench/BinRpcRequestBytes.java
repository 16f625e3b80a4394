package org.puaagent.agent.bench;

import java.nio.ByteBuffer;
import java.util.List;

import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcWriter;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * binrpc request packets as kamcmd sends them, with a four-byte cookie in the header: the cookie is
 * {@code 0x10000000} plus the request's sequence number (modulo {@code 0x10000000}), so it always has four
 * significant bytes and is written in place. Threading: any thread.
 */
final class BinRpcRequestBytes extends RequestBytes
{
    private static final int COOKIE_BASE = 0x1000_0000;
    private static final int COOKIE_MASK = 0x0FFF_FFFF;
    private static final int COOKIE_BYTES = 4;
    private static final int TYPE_BYTE = 1;
    private static final int LENGTH_BYTES_SHIFT = 2;
    private static final int FIELD_SIZE_MASK = 3;
    private static final int FIXED_HEADER = 2;
    private static final int INITIAL_WRITER = 1024;

    BinRpcRequestBytes(final String method, final PublishWorkload workload, final int presentities)
    {
        super(workload, method, presentities);
    }

    @Override
    int idOf(final int sequence)
    {
        return COOKIE_BASE + (sequence & COOKIE_MASK);
    }

    @Override
    protected byte[] encode(final String method, final List<RpcValue> params)
    {
        final BinRpcWriter writer = new BinRpcWriter(INITIAL_WRITER);
        BinRpcEncoder.writeRequest(writer, COOKIE_BASE, method, params);
        final byte[] packet = writer.toByteArray();
        if ((packet[TYPE_BYTE] & FIELD_SIZE_MASK) + 1 != COOKIE_BYTES || packet[0] != (byte) BinRpcPacket.MAGIC_BYTE)
        {
            throw new IllegalStateException("the binrpc header does not hold a four-byte cookie");
        }
        return packet;
    }

    @Override
    protected void writeId(final ByteBuffer buffer, final int id)
    {
        final int lengthBytes = ((buffer.get(TYPE_BYTE) >> LENGTH_BYTES_SHIFT) & FIELD_SIZE_MASK) + 1;
        buffer.putInt(FIXED_HEADER + lengthBytes, id);
    }
}
