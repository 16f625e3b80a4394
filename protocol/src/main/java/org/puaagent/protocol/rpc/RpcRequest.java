package org.puaagent.protocol.rpc;

import java.util.List;
import java.util.Objects;

/**
 * One RPC call as every transport hands it to the dispatcher: a method name, positional parameters and the
 * id the reply must carry. Immutable.
 */
public record RpcRequest(String method, List<RpcValue> params, RequestId id)
{
    public RpcRequest
    {
        Objects.requireNonNull(method, "method");
        params = List.copyOf(params);
        Objects.requireNonNull(id, "id");
    }
}
