package org.puaagent.agent.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcFailure;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcPacketHandler;
import org.puaagent.protocol.binrpc.BinRpcReaction;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * binrpc on one stream connection (TCP or unix stream), as Kamailio's ctl serves it: every complete packet
 * in the buffer is a request; each request is dispatched at once and answered when it completes, with its
 * cookie, so several requests may be in flight and replies may come back in completion order. A protocol
 * error (bad header, method record not a string, ...) gets Kamailio's fault and closes the connection; a packet
 * larger than the limit closes it without reply (Kamailio's "buffer overrun"). A request beyond the connection's
 * in-flight limit ({@link StreamLimits#maxInFlight()}) is answered at once with fault 503, counted, and not run.
 *
 * <p>Threading: {@link #onBytes} runs on the stream server's selector thread; replies are encoded on the
 * answering thread and queued to the connection.
 */
public final class BinRpcStreamSession implements StreamSession, BinRpcPacketHandler
{
    private final StreamConnection connection;
    private final Dispatcher dispatcher;
    private final AgentCounters counters;
    private final BinRpcStreamDecoder decoder;
    private final LongAdder busy;

    public BinRpcStreamSession(final StreamConnection connection, final Dispatcher dispatcher, final int maxPacketSize)
    {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.counters = dispatcher.counters();
        this.decoder = new BinRpcStreamDecoder(maxPacketSize);
        this.busy = counters.adder("errors.binrpc_in_flight");
    }

    @Override
    public boolean midRequest()
    {
        return decoder.buffered() > 0;
    }

    @Override
    public void onBytes(final ByteBuffer in)
    {
        if (decoder.feed(in, this) == BinRpcStreamDecoder.Status.FAILED)
        {
            react(decoder.failure());
        }
    }

    @Override
    public void onPacket(final BinRpcPacket packet)
    {
        final BinRpcResult<RpcRequest> result = BinRpcDecoder.decodeRequest(packet);
        if (result instanceof BinRpcResult.Decoded<RpcRequest> decoded)
        {
            final RpcRequest request = decoded.value();
            final int cookie = ((RequestId.Cookie) request.id()).value();
            if (!connection.tryStartRequest())
            {
                busy.increment();
                connection.send(BinRpcEncoder.encodeResponse(cookie, new RpcFault(503,
                    "Service Unavailable: " + connection.inFlight() + " requests of this connection in flight")));
                return;
            }
            dispatcher.dispatch(request, TransportKind.BINRPC_STREAM, response ->
            {
                connection.endRequest();
                connection.send(BinRpcEncoder.encodeResponse(cookie, response));
            });
        }
        else
        {
            react(((BinRpcResult.Failed<RpcRequest>) result).failure());
        }
    }

    private void react(final BinRpcFailure failure)
    {
        counters.increment("errors.binrpc." + failure.error().name().toLowerCase(java.util.Locale.ROOT));
        final BinRpcReaction reaction = failure.serverReaction();
        if (reaction instanceof BinRpcReaction.SendFault fault)
        {
            connection.send(BinRpcEncoder.encodeFault(fault));
            if (fault.closeConnection())
            {
                decoder.stop();
                connection.closeAfterFlush();
            }
        }
        else
        {
            decoder.stop();
            connection.closeAfterFlush();
        }
    }
}
