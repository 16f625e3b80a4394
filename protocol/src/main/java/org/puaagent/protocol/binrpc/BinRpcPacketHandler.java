package org.puaagent.protocol.binrpc;

/**
 * Receives the packets a {@link BinRpcStreamDecoder} frames, in arrival order. Called on the decoder's
 * thread, from inside {@code feed}; the packet view is valid only during the call. The handler may call
 * {@link BinRpcStreamDecoder#stop()} to stop at this packet (e.g. after a protocol error that closes the
 * connection).
 */
@FunctionalInterface
public interface BinRpcPacketHandler
{
    /** One complete packet; copy what must outlive the call. */
    void onPacket(BinRpcPacket packet);
}
