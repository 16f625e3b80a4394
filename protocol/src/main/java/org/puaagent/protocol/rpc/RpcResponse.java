package org.puaagent.protocol.rpc;

/** What a method answers: values ({@link RpcReply}) or a fault ({@link RpcFault}). Immutable. */
public sealed interface RpcResponse permits RpcReply, RpcFault
{
}
