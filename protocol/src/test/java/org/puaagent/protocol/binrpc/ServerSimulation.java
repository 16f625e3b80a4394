package org.puaagent.protocol.binrpc;

import java.util.ArrayList;
import java.util.List;

import org.puaagent.protocol.rpc.RpcRequest;

/**
 * What a Kamailio-compatible binrpc server does with a byte stream at the protocol level, built only from the
 * codec's public API: frame packets, decode requests, answer decoding failures with the reaction
 * {@link BinRpcServerFaults} prescribes, stop reading when the reaction closes the connection. Requests that
 * decode are collected (their answers are method business, not protocol). Test-only; one thread.
 */
final class ServerSimulation
{
    final List<RpcRequest> requests = new ArrayList<>();
    final List<BinRpcFailure> failures = new ArrayList<>();
    final BinRpcWriter faults = new BinRpcWriter(16);
    final BinRpcStreamDecoder decoder;
    boolean closed;

    ServerSimulation(final int maxPacketSize)
    {
        decoder = new BinRpcStreamDecoder(maxPacketSize);
    }

    /** Feeds the chunks in order, as they would arrive from the socket, then handles a stream failure. */
    static ServerSimulation run(final List<byte[]> chunks)
    {
        final ServerSimulation server = new ServerSimulation(BinRpcPacket.DEFAULT_MAX_PACKET_SIZE);
        for (final byte[] chunk : chunks)
        {
            if (server.closed)
            {
                break;
            }
            server.decoder.feed(chunk, server::onPacket);
            if (server.decoder.status() == BinRpcStreamDecoder.Status.FAILED)
            {
                server.react(server.decoder.failure());
            }
        }
        return server;
    }

    static ServerSimulation run(final byte[] stream)
    {
        return run(List.of(stream));
    }

    private void onPacket(final BinRpcPacket packet)
    {
        final BinRpcResult<RpcRequest> result = BinRpcDecoder.decodeRequest(packet);
        if (result instanceof BinRpcResult.Decoded<RpcRequest> d)
        {
            requests.add(d.value());
        }
        else
        {
            react(result.failure());
        }
    }

    private void react(final BinRpcFailure failure)
    {
        failures.add(failure);
        final BinRpcReaction reaction = failure.serverReaction();
        if (reaction instanceof BinRpcReaction.SendFault send)
        {
            BinRpcEncoder.writeFault(faults, send.cookie(), send.fault().code(), send.fault().message());
            if (send.closeConnection())
            {
                close();
            }
        }
        else
        {
            close();
        }
    }

    private void close()
    {
        closed = true;
        decoder.stop();
    }
}
