package org.puaagent.protocol.jsonrpc;

import java.util.List;
import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Writes JSON-RPC reply documents byte for byte as Kamailio 5.6.3's jsonrpcs does (spec jsonrpc.md sections 3
 * and 4), in either {@link JsonLayout}. Immutable; any thread (each call builds its own buffer).
 *
 * <p>Members in order: {@code "jsonrpc": "2.0"}; {@code "result"} or {@code "error"}; {@code "id"} unless the id
 * is {@link RequestId.None}. No trailing newline.
 * <ul>
 *   <li>Result of an {@link RpcReply}: with {@link RpcReply#arrayResult()} ({@code RET_ARRAY}) an array of every
 *       value ({@code []} when none); otherwise the last value, or {@code {}} when none. Value mapping: see
 *       {@link JsonValueWriter} (a struct with unnamed members is an array).</li>
 *   <li>Error of an {@link org.puaagent.protocol.rpc.RpcFault}: {@code {"code", "message"}} per
 *       {@link JsonRpcErrors}.</li>
 *   <li>Id: a string as is; a number with srjson's number text ({@code 1}, {@code 1.500000},
 *       {@code 12345678901}); {@link RequestId.JsonNull} as {@code 0} (Kamailio) or {@code null}
 *       ({@link NullId#NULL}); a binrpc cookie as its number.</li>
 * </ul>
 */
public final class JsonRpcResponseWriter
{
    /** How an echoed {@code null} id is written. */
    public enum NullId
    {
        /** {@code 0}, as Kamailio 5.6.3 does. */
        ZERO,
        /** {@code null}, as JSON-RPC 2.0 says. */
        NULL
    }

    private static final JsonRpcResponseWriter KAMAILIO_PRETTY =
        new JsonRpcResponseWriter(JsonLayout.PRETTY, NullId.ZERO);
    private static final JsonRpcResponseWriter KAMAILIO_COMPACT =
        new JsonRpcResponseWriter(JsonLayout.COMPACT, NullId.ZERO);

    private final JsonLayout layout;
    private final NullId nullId;

    public JsonRpcResponseWriter(final JsonLayout layout, final NullId nullId)
    {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.nullId = Objects.requireNonNull(nullId, "nullId");
    }

    /** Kamailio's output in {@code layout} ({@code null} ids echoed as {@code 0}). */
    public static JsonRpcResponseWriter kamailio(final JsonLayout layout)
    {
        return layout == JsonLayout.PRETTY ? KAMAILIO_PRETTY : KAMAILIO_COMPACT;
    }

    public JsonLayout layout()
    {
        return layout;
    }

    /** The reply document for a method's {@code response} to a request with {@code id}. */
    public byte[] write(final RpcResponse response, final RequestId id)
    {
        final JsonValueWriter w = newWriter();
        answer(w, response, id, 0);
        return w.out().toByteArray();
    }

    /** The reply document for one reply. */
    public byte[] write(final JsonRpcReply reply)
    {
        final JsonValueWriter w = newWriter();
        reply(w, reply, 0);
        return w.out().toByteArray();
    }

    /**
     * A batch reply: a JSON array of reply objects, in order ({@code [{...}, {...}]}, the objects indented one
     * level deeper in the pretty layout). Kamailio has no batch replies; this is the agent's improvement.
     */
    public byte[] writeBatch(final List<JsonRpcReply> replies)
    {
        final JsonValueWriter w = newWriter();
        final JsonBytes out = w.out();
        out.ascii('[');
        for (int i = 0; i < replies.size(); i++)
        {
            if (i > 0)
            {
                out.ascii(layout == JsonLayout.PRETTY ? ", " : ",");
            }
            reply(w, replies.get(i), 1);
        }
        out.ascii(']');
        return out.toByteArray();
    }

    private JsonValueWriter newWriter()
    {
        return new JsonValueWriter(new JsonBytes(), layout, JsonValueWriter.Numbers.KAMAILIO);
    }

    private void reply(final JsonValueWriter w, final JsonRpcReply reply, final int depth)
    {
        if (reply instanceof JsonRpcReply.Answer a)
        {
            answer(w, a.response(), a.id(), depth);
        }
        else
        {
            final JsonRpcReply.Rejection r = (JsonRpcReply.Rejection) reply;
            w.beginObject(depth);
            version(w, depth);
            error(w, r.fault(), depth);
            w.memberName("id", depth, false);
            if (r.id() instanceof RequestId.None || r.id() instanceof RequestId.JsonNull)
            {
                w.out().ascii("null");
            }
            else
            {
                id(w, r.id());
            }
            w.endObject(depth, true);
        }
    }

    private void answer(final JsonValueWriter w, final RpcResponse response, final RequestId id, final int depth)
    {
        w.beginObject(depth);
        version(w, depth);
        if (response instanceof RpcReply reply)
        {
            w.memberName("result", depth, false);
            result(w, reply, depth + 1);
        }
        else
        {
            error(w, (RpcFault) response, depth);
        }
        if (!(id instanceof RequestId.None))
        {
            w.memberName("id", depth, false);
            id(w, id);
        }
        w.endObject(depth, true);
    }

    private static void version(final JsonValueWriter w, final int depth)
    {
        w.memberName("jsonrpc", depth, true);
        w.out().string("2.0");
    }

    private static void result(final JsonValueWriter w, final RpcReply reply, final int depth)
    {
        final List<RpcValue> values = reply.values();
        if (reply.arrayResult())
        {
            w.array(values, depth);
        }
        else if (values.isEmpty())
        {
            w.beginObject(depth);
            w.endObject(depth, false);
        }
        else
        {
            w.value(values.get(values.size() - 1), depth);
        }
    }

    private static void error(final JsonValueWriter w, final RpcFault fault, final int depth)
    {
        w.memberName("error", depth, false);
        final int errorDepth = depth + 1;
        w.beginObject(errorDepth);
        w.memberName("code", errorDepth, true);
        w.out().integer(JsonRpcErrors.code(fault));
        w.memberName("message", errorDepth, false);
        w.out().string(JsonRpcErrors.message(fault));
        w.endObject(errorDepth, true);
    }

    private void id(final JsonValueWriter w, final RequestId id)
    {
        if (id instanceof RequestId.JsonText t)
        {
            w.out().string(t.value());
        }
        else if (id instanceof RequestId.JsonNumber n)
        {
            w.out().kamailioNumber(n.value());
        }
        else if (id instanceof RequestId.JsonNull)
        {
            w.out().ascii(nullId == NullId.ZERO ? "0" : "null");
        }
        else if (id instanceof RequestId.Cookie c)
        {
            w.out().integer(c.value());
        }
        else
        {
            throw new IllegalArgumentException("no id to write: " + id);
        }
    }
}
