package org.puaagent.agent.rpc;

/**
 * The body of one RPC method. Implementations must not block: a method that waits for SIP hands the call to
 * the pipeline and returns; whoever finishes the work answers through {@link RpcCall#reply}. Every path must
 * answer exactly once. Called on the transport's thread.
 */
@FunctionalInterface
public interface RpcMethod
{
    void invoke(RpcCall call);
}
