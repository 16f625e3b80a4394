package org.puaagent.protocol.binrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Decodes framed packets into the shared value model ({@link RpcRequest}, {@link BinRpcResponse}). Built
 * on {@link BinRpcReader}, so it applies the same rules and errors; on top of it:
 * <ul>
 * <li>records map to values: int to {@link RpcInt}, str to {@link RpcString} (UTF-8, invalid sequences
 * become U+FFFD), double to {@link RpcDouble} (fixed point / 1000), bytes to {@link RpcBytes};
 * {@code 03 .. 83} to {@link RpcStruct} (a member without a name record gets name {@code null}: that is how
 * Kamailio sends arrays), {@code 04 .. 84} to {@link RpcArray};</li>
 * <li>a request is a str method record then one value per parameter (struct parameters are decoded too);</li>
 * <li>a reply is its values back to back (possibly none); a fault is an int code then a str message (records
 * after them are ignored).</li>
 * </ul>
 * Stateless; any thread. Allocates the value tree: for the allocation-free path use {@link BinRpcReader}.
 */
public final class BinRpcDecoder
{
    private BinRpcDecoder()
    {
    }

    /** Decodes a framed request packet (from {@link BinRpcStreamDecoder} or {@link BinRpcDatagramDecoder}). */
    public static BinRpcResult<RpcRequest> decodeRequest(final BinRpcPacket packet)
    {
        final BinRpcReader reader = new BinRpcReader();
        if (!reader.wrapRequest(packet))
        {
            return new BinRpcResult.Failed<>(reader.failure());
        }
        final String method = reader.method();
        final List<RpcValue> params = readValues(reader);
        if (null == params)
        {
            return new BinRpcResult.Failed<>(reader.failure());
        }
        return new BinRpcResult.Decoded<>(new RpcRequest(method, params, new RequestId.Cookie(packet.cookie())));
    }

    /**
     * Decodes the request packet at the start of {@code bytes[offset..offset+length)} (bytes after the packet
     * are ignored; an incomplete packet is {@link BinRpcError#TRUNCATED_PACKET}).
     */
    public static BinRpcResult<RpcRequest> decodeRequest(final byte[] bytes, final int offset, final int length)
    {
        final BinRpcPacket packet = new BinRpcPacket();
        final BinRpcFailure failure = frame(bytes, offset, length, packet);
        return null == failure ? decodeRequest(packet) : new BinRpcResult.Failed<>(failure);
    }

    /** Decodes the request packet at the start of {@code bytes}. */
    public static BinRpcResult<RpcRequest> decodeRequest(final byte[] bytes)
    {
        return decodeRequest(bytes, 0, bytes.length);
    }

    /** Decodes a framed reply or fault packet (client side). */
    public static BinRpcResult<BinRpcResponse> decodeResponse(final BinRpcPacket packet)
    {
        final int cookie = packet.cookie();
        if (packet.type() == BinRpcPacketType.REQUEST)
        {
            return new BinRpcResult.Failed<>(new BinRpcFailure(BinRpcError.NOT_A_RESPONSE, cookie, null, -1, 0));
        }
        final BinRpcReader reader = new BinRpcReader().wrap(packet);
        if (packet.type() == BinRpcPacketType.REPLY)
        {
            final List<RpcValue> values = readValues(reader);
            if (null == values)
            {
                return new BinRpcResult.Failed<>(reader.failure());
            }
            return new BinRpcResult.Decoded<>(new BinRpcResponse(cookie, new RpcReply(values, false)));
        }
        final BinRpcFailure codeFailure = expect(reader, BinRpcRecordType.INT, 0);
        if (null != codeFailure)
        {
            return new BinRpcResult.Failed<>(codeFailure);
        }
        final int code = reader.intValue();
        final BinRpcFailure messageFailure = expect(reader, BinRpcRecordType.STRING, 1);
        if (null != messageFailure)
        {
            return new BinRpcResult.Failed<>(messageFailure);
        }
        return new BinRpcResult.Decoded<>(new BinRpcResponse(cookie, new RpcFault(code, reader.stringValue())));
    }

    /** Decodes the reply or fault packet at the start of {@code bytes[offset..offset+length)}. */
    public static BinRpcResult<BinRpcResponse> decodeResponse(final byte[] bytes, final int offset, final int length)
    {
        final BinRpcPacket packet = new BinRpcPacket();
        final BinRpcFailure failure = frame(bytes, offset, length, packet);
        return null == failure ? decodeResponse(packet) : new BinRpcResult.Failed<>(failure);
    }

    /** Decodes the reply or fault packet at the start of {@code bytes}. */
    public static BinRpcResult<BinRpcResponse> decodeResponse(final byte[] bytes)
    {
        return decodeResponse(bytes, 0, bytes.length);
    }

    /** Decodes a bare body (no header) as a sequence of top-level values. */
    public static BinRpcResult<List<RpcValue>> decodeValues(final byte[] body, final int offset, final int length)
    {
        final BinRpcReader reader = new BinRpcReader().wrap(body, offset, length);
        final List<RpcValue> values = readValues(reader);
        return null == values ? new BinRpcResult.Failed<>(reader.failure()) : new BinRpcResult.Decoded<>(values);
    }

    private static BinRpcFailure frame(final byte[] bytes, final int offset, final int length, final BinRpcPacket packet)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        final int r = packet.frame(bytes, offset, length, Integer.MAX_VALUE);
        if (r == BinRpcPacket.COMPLETE)
        {
            return null;
        }
        return BinRpcFailure.ofHeader(r == BinRpcPacket.FAILED ? packet.error : BinRpcError.TRUNCATED_PACKET, 0);
    }

    /** Reads the next record and checks its type; returns null if it is there with that type. */
    private static BinRpcFailure expect(final BinRpcReader reader, final BinRpcRecordType wanted, final int index)
    {
        if (!reader.next())
        {
            return reader.failed() ? reader.failure()
                : new BinRpcFailure(BinRpcError.END_OF_PACKET, reader.cookie(), null, index, reader.consumed());
        }
        if (reader.type() != wanted)
        {
            return new BinRpcFailure(BinRpcError.RECORD_TYPE_MISMATCH, reader.cookie(), null, index,
                reader.recordOffset());
        }
        return null;
    }

    /** Reads top-level values up to the end; null if the reader failed. */
    private static List<RpcValue> readValues(final BinRpcReader reader)
    {
        final List<RpcValue> values = new ArrayList<>();
        while (reader.next())
        {
            final RpcValue value = readValue(reader);
            if (null == value)
            {
                return null;
            }
            values.add(value);
        }
        return reader.failed() ? null : values;
    }

    /** The value starting at the reader's current record; null if the reader failed inside it. */
    private static RpcValue readValue(final BinRpcReader reader)
    {
        switch (reader.type())
        {
            case INT:
                return RpcInt.of(reader.intValue());
            case STRING:
                return new RpcString(reader.stringValue());
            case DOUBLE:
                return new RpcDouble(reader.doubleValue());
            case BYTES:
                return new RpcBytes(reader.bytesValue());
            case STRUCT_START:
                return readStruct(reader);
            case ARRAY_START:
                return readArray(reader);
            default:
                // the reader lets only values reach this point (names and ends are checked by it)
                throw new IllegalStateException("not a value record: " + reader.type());
        }
    }

    private static RpcStruct readStruct(final BinRpcReader reader)
    {
        final List<RpcStruct.Member> members = new ArrayList<>();
        while (reader.next())
        {
            final BinRpcRecordType type = reader.type();
            if (type == BinRpcRecordType.STRUCT_END)
            {
                return new RpcStruct(members);
            }
            String name = null;
            if (type == BinRpcRecordType.MEMBER_NAME)
            {
                name = reader.stringValue();
                if (!reader.next())
                {
                    return null;
                }
            }
            final RpcValue value = readValue(reader);
            if (null == value)
            {
                return null;
            }
            members.add(new RpcStruct.Member(name, value));
        }
        return null;
    }

    private static RpcArray readArray(final BinRpcReader reader)
    {
        final List<RpcValue> items = new ArrayList<>();
        while (reader.next())
        {
            if (reader.type() == BinRpcRecordType.ARRAY_END)
            {
                return new RpcArray(items);
            }
            final RpcValue value = readValue(reader);
            if (null == value)
            {
                return null;
            }
            items.add(value);
        }
        return null;
    }
}
