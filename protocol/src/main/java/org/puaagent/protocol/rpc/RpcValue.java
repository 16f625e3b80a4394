package org.puaagent.protocol.rpc;

/**
 * A value carried by an RPC request or reply, shared by every wire format (binrpc, JSON-RPC, MI).
 *
 * <p>The model follows what Kamailio's RPC layer can express: integers (32-bit), strings, doubles, raw
 * bytes, structures (ordered members, repeated names allowed, and, as binrpc replies really carry them,
 * unnamed members) and arrays. {@link RpcBool} and {@link RpcNull} exist so a JSON-RPC document keeps its
 * meaning; binrpc writes them as Kamailio does (int 0/1, the text {@code <null string>}).
 *
 * <p>Threading: every implementation is immutable (arrays inside {@link RpcBytes} are not copied: the
 * creator hands them over and nobody writes them afterwards), so values may cross threads freely.
 */
public sealed interface RpcValue permits RpcInt, RpcString, RpcDouble, RpcBytes, RpcStruct, RpcArray, RpcBool, RpcNull
{
    /** Short type name used in error messages ("integer", "string", ...), as Kamailio names them. */
    String typeName();
}
