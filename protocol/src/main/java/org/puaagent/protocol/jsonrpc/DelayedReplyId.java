package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;

import org.puaagent.protocol.rpc.RequestId;

/**
 * Kamailio's rules for the id of a delayed (asynchronous) JSON-RPC reply, as {@code pua.publish} sends it when
 * the SIP final response arrives (spec jsonrpc.md section 6). Static methods; any thread.
 *
 * <p>A delayed context exists only for a request with an id member (over HTTP; the transport decides that part),
 * and a string id must be at most {@value #MAX_TEXT_ID_BYTES} bytes; otherwise Kamailio's {@code pua.publish}
 * answers 500 {@code Internal error: failed to create context} at once. The delayed reply keeps a string id and
 * writes a numeric id as an integer (the number truncated toward zero); a {@code null} id becomes {@code 0}.
 */
public final class DelayedReplyId
{
    /** Longest string id a delayed reply keeps, in bytes. */
    public static final int MAX_TEXT_ID_BYTES = 63;

    private DelayedReplyId()
    {
    }

    /** Whether Kamailio could create a delayed reply context for a request with this id. */
    public static boolean allows(final RequestId id)
    {
        if (id instanceof RequestId.None)
        {
            return false;
        }
        if (id instanceof RequestId.JsonText t)
        {
            final String s = t.value();
            return s.length() <= MAX_TEXT_ID_BYTES / 3
                || s.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_ID_BYTES;
        }
        return true;
    }

    /** The id as the delayed reply writes it. */
    public static RequestId of(final RequestId id)
    {
        if (id instanceof RequestId.JsonNumber n)
        {
            return new RequestId.JsonNumber((double) (long) n.value());
        }
        if (id instanceof RequestId.JsonNull)
        {
            return new RequestId.JsonNumber(0);
        }
        return id;
    }
}
