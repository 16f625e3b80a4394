package org.puaagent.protocol.binrpc;

import java.util.Objects;

import org.puaagent.protocol.rpc.RpcResponse;

/**
 * A decoded reply or fault with the cookie that matches it to its request (client side). Immutable.
 *
 * @param cookie   the packet's cookie
 * @param response an {@code RpcReply} (its {@code arrayResult} is always false: binrpc does not carry it)
 *                 or an {@code RpcFault}
 */
public record BinRpcResponse(int cookie, RpcResponse response)
{
    public BinRpcResponse
    {
        Objects.requireNonNull(response, "response");
    }
}
