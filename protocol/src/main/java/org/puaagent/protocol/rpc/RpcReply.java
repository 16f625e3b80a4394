package org.puaagent.protocol.rpc;

import java.util.List;

/**
 * A successful answer: the values the method added, in order (possibly none).
 *
 * <p>{@code arrayResult} is Kamailio's {@code RET_ARRAY} export flag. JSON-RPC needs it: with it the
 * result is an array of every value; without it the result is the last value added, or {@code {}} when
 * nothing was added. binrpc ignores it (every value is one record). Immutable.
 */
public record RpcReply(List<RpcValue> values, boolean arrayResult) implements RpcResponse
{
    private static final RpcReply EMPTY = new RpcReply(List.of(), false);

    public RpcReply
    {
        values = List.copyOf(values);
    }

    /** The empty reply ({@code {}} in JSON, an empty body in binrpc). */
    public static RpcReply empty()
    {
        return EMPTY;
    }

    /** A reply of one value, result = that value. */
    public static RpcReply of(final RpcValue value)
    {
        return new RpcReply(List.of(value), false);
    }

    /** A reply whose JSON result is an array of these values. */
    public static RpcReply array(final List<RpcValue> values)
    {
        return new RpcReply(values, true);
    }
}
