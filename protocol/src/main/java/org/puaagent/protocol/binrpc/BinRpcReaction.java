package org.puaagent.protocol.binrpc;

import java.util.Objects;

import org.puaagent.protocol.rpc.RpcFault;

/**
 * What a Kamailio-compatible binrpc server does about a decoding failure. Immutable.
 */
public sealed interface BinRpcReaction permits BinRpcReaction.SendFault, BinRpcReaction.DropSilently
{
    /**
     * Send this fault with this cookie; on a stream transport then close the connection if
     * {@code closeConnection} (datagram transports have nothing to close).
     */
    record SendFault(RpcFault fault, int cookie, boolean closeConnection) implements BinRpcReaction
    {
        public SendFault
        {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /**
     * Send nothing. On a stream transport close the connection (Kamailio's "buffer overrun"); on a datagram
     * transport ignore the datagram.
     */
    enum DropSilently implements BinRpcReaction
    {
        INSTANCE
    }
}
