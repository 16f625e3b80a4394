package org.puaagent.protocol.rpc;

import java.util.Objects;

/**
 * A failed answer: a numeric code and a message, as Kamailio's {@code rpc->fault(ctx, code, fmt, ...)}
 * sends it (binrpc: int + str; JSON-RPC: the error object; MI: the reply's root line). Immutable.
 */
public record RpcFault(int code, String message) implements RpcResponse
{
    public RpcFault
    {
        Objects.requireNonNull(message, "message");
    }
}
