package org.puaagent.agent.transport;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.binrpc.BinRpcDatagramDecoder;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcFailure;
import org.puaagent.protocol.binrpc.BinRpcReaction;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * binrpc over UDP: one request per datagram, the reply to the datagram's source. An incomplete datagram is
 * ignored (counted), as Kamailio does; other protocol errors get Kamailio's fault.
 *
 * <p>Threading: {@link #onDatagram} runs on the datagram server's receive thread only.
 */
public final class BinRpcDatagramEndpoint implements DatagramServer.Handler
{
    private final DatagramServer server;
    private final Dispatcher dispatcher;
    private final AgentCounters counters;
    private final BinRpcDatagramDecoder decoder;

    public BinRpcDatagramEndpoint(final DatagramServer server, final Dispatcher dispatcher, final int maxPacketSize)
    {
        this.server = server;
        this.dispatcher = dispatcher;
        this.counters = dispatcher.counters();
        this.decoder = new BinRpcDatagramDecoder(maxPacketSize);
    }

    @Override
    public void onDatagram(final ByteBuffer datagram, final SocketAddress source)
    {
        if (!decoder.decode(datagram))
        {
            react(decoder.failure(), source);
            return;
        }
        final BinRpcResult<RpcRequest> result = BinRpcDecoder.decodeRequest(decoder.packet());
        if (result instanceof BinRpcResult.Decoded<RpcRequest> decoded)
        {
            final RpcRequest request = decoded.value();
            final int cookie = ((RequestId.Cookie) request.id()).value();
            dispatcher.dispatch(request, TransportKind.BINRPC_DATAGRAM,
                response -> server.send(BinRpcEncoder.encodeResponse(cookie, response), source));
        }
        else
        {
            react(((BinRpcResult.Failed<RpcRequest>) result).failure(), source);
        }
    }

    private void react(final BinRpcFailure failure, final SocketAddress source)
    {
        counters.increment("errors.binrpc." + failure.error().name().toLowerCase(java.util.Locale.ROOT));
        if (failure.serverReaction() instanceof BinRpcReaction.SendFault fault)
        {
            server.send(BinRpcEncoder.encodeFault(fault), source);
        }
    }
}
