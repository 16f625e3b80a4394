package org.puaagent.protocol.rpc;

import java.util.List;

/**
 * An ordered list of values. Kamailio's binrpc server never sends array tags: it writes an array as a
 * struct with unnamed members, and so does our binrpc encoder. Immutable.
 */
public record RpcArray(List<RpcValue> items) implements RpcValue
{
    public RpcArray
    {
        items = List.copyOf(items);
    }

    public static RpcArray of(final RpcValue... items)
    {
        return new RpcArray(List.of(items));
    }

    @Override
    public String typeName()
    {
        return "array";
    }
}
