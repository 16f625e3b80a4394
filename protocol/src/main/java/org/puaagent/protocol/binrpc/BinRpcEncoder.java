package org.puaagent.protocol.binrpc;

import java.util.List;
import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Writes whole packets from the value model: requests as kamcmd sends them (client side), replies and faults
 * as Kamailio's ctl module sends them (server side). The {@code write*} methods append one packet to a
 * caller-owned {@link BinRpcWriter} (reuse it: no allocation); the {@code encode*} methods return a new array.
 * Stateless; any thread (a writer belongs to one thread).
 */
public final class BinRpcEncoder
{
    private BinRpcEncoder()
    {
    }

    /** A request: the method as a str record, then one record per parameter. */
    public static void writeRequest(final BinRpcWriter out, final int cookie, final String method,
        final List<? extends RpcValue> params)
    {
        out.beginPacket(BinRpcPacketType.REQUEST, cookie).writeString(method);
        for (final RpcValue p : params)
        {
            out.writeValue(p);
        }
        out.endPacket();
    }

    /** A request whose id must be a {@link RequestId.Cookie}. */
    public static void writeRequest(final BinRpcWriter out, final RpcRequest request)
    {
        writeRequest(out, cookieOf(request.id()), request.method(), request.params());
    }

    /** A reply: the values back to back (an empty list gives an empty body). */
    public static void writeReply(final BinRpcWriter out, final int cookie, final List<? extends RpcValue> values)
    {
        out.beginPacket(BinRpcPacketType.REPLY, cookie);
        for (final RpcValue v : values)
        {
            out.writeValue(v);
        }
        out.endPacket();
    }

    /** A fault: int code, str message cut to 255 bytes ({@link BinRpcServerFaults#truncate}). */
    public static void writeFault(final BinRpcWriter out, final int cookie, final int code, final String message)
    {
        out.beginPacket(BinRpcPacketType.FAULT, cookie)
            .writeInt(code)
            .writeString(BinRpcServerFaults.truncate(message))
            .endPacket();
    }

    /** A reply or a fault. */
    public static void writeResponse(final BinRpcWriter out, final int cookie, final RpcResponse response)
    {
        Objects.requireNonNull(response, "response");
        if (response instanceof RpcReply reply)
        {
            writeReply(out, cookie, reply.values());
        }
        else
        {
            final RpcFault fault = (RpcFault) response;
            writeFault(out, cookie, fault.code(), fault.message());
        }
    }

    /** A new array holding one request packet. */
    public static byte[] encodeRequest(final int cookie, final String method, final List<? extends RpcValue> params)
    {
        final BinRpcWriter out = new BinRpcWriter();
        writeRequest(out, cookie, method, params);
        return out.toByteArray();
    }

    /** A new array holding one request packet (the id must be a cookie). */
    public static byte[] encodeRequest(final RpcRequest request)
    {
        final BinRpcWriter out = new BinRpcWriter();
        writeRequest(out, request);
        return out.toByteArray();
    }

    /** A new array holding one reply packet. */
    public static byte[] encodeReply(final int cookie, final List<? extends RpcValue> values)
    {
        final BinRpcWriter out = new BinRpcWriter();
        writeReply(out, cookie, values);
        return out.toByteArray();
    }

    /** A new array holding one fault packet. */
    public static byte[] encodeFault(final int cookie, final int code, final String message)
    {
        final BinRpcWriter out = new BinRpcWriter();
        writeFault(out, cookie, code, message);
        return out.toByteArray();
    }

    /** A new array holding one reply or fault packet. */
    public static byte[] encodeResponse(final int cookie, final RpcResponse response)
    {
        final BinRpcWriter out = new BinRpcWriter();
        writeResponse(out, cookie, response);
        return out.toByteArray();
    }

    /** A new array holding the fault of a {@link BinRpcReaction.SendFault}. */
    public static byte[] encodeFault(final BinRpcReaction.SendFault reaction)
    {
        return encodeFault(reaction.cookie(), reaction.fault().code(), reaction.fault().message());
    }

    private static int cookieOf(final RequestId id)
    {
        if (id instanceof RequestId.Cookie c)
        {
            return c.value();
        }
        throw new IllegalArgumentException("a binrpc request needs a cookie id, not " + id);
    }
}
