package org.puaagent.protocol.jsonrpc;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * Client side: writes a request document, compact, as kamcli or a script would post it:
 * {@code {"jsonrpc":"2.0","method":"m","params":[...],"reply_name":"r","id":1}}. Static methods; any thread.
 *
 * <p>{@code params} is a positional array, omitted when there are none (like kamctl). {@code reply_name} is
 * written only when given (FIFO). The id: {@link RequestId.None} writes no id (a notification, which Kamailio
 * still answers), {@link RequestId.JsonNull} writes {@code null}, a number its exact text (an integral value as
 * an integer), a binrpc cookie its number. Doubles in parameters are written exactly (shortest text that reads
 * back as the same double), not with Kamailio's six decimals.
 */
public final class JsonRpcRequestEncoder
{
    private JsonRpcRequestEncoder()
    {
    }

    /** The request document for HTTP or a datagram. */
    public static byte[] encode(final RpcRequest request)
    {
        return encode(request, null);
    }

    /** The request document with a FIFO {@code reply_name} member (omitted when {@code replyName} is null). */
    public static byte[] encode(final RpcRequest request, final String replyName)
    {
        final JsonValueWriter w = new JsonValueWriter(new JsonBytes(), JsonLayout.COMPACT,
            JsonValueWriter.Numbers.EXACT);
        w.beginObject(0);
        w.memberName("jsonrpc", 0, true);
        w.out().string("2.0");
        w.memberName("method", 0, false);
        w.out().string(request.method());
        if (!request.params().isEmpty())
        {
            w.memberName("params", 0, false);
            w.array(request.params(), 0);
        }
        if (replyName != null)
        {
            w.memberName("reply_name", 0, false);
            w.out().string(replyName);
        }
        final RequestId id = request.id();
        if (!(id instanceof RequestId.None))
        {
            w.memberName("id", 0, false);
            if (id instanceof RequestId.JsonText t)
            {
                w.out().string(t.value());
            }
            else if (id instanceof RequestId.JsonNumber n)
            {
                w.number(n.value());
            }
            else if (id instanceof RequestId.Cookie c)
            {
                w.out().integer(c.value());
            }
            else
            {
                w.out().ascii("null");
            }
        }
        w.endObject(0, true);
        return w.out().toByteArray();
    }
}
