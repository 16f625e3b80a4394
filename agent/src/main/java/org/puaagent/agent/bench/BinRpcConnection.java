package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;

import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.binrpc.BinRpcWriter;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * binrpc over a TCP or unix stream connection, as kamcmd speaks it: one request packet with the sequence
 * number as cookie, then packets are read until the one answering it; any other cookie is a protocol error.
 * Not thread-safe: the connection's worker thread only (see {@link BenchConnection}).
 */
final class BinRpcConnection extends BenchConnection
{
    private static final int READ_BUFFER = 64 * 1024;

    private final BinRpcWriter writer = new BinRpcWriter(1024);
    private final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    private int expectedCookie;
    private Answer answer;

    BinRpcConnection(final BenchTarget target)
    {
        super(target);
    }

    @Override
    protected Answer exchange(final ByteChannel ch, final int sequence, final String method,
        final List<RpcValue> params) throws IOException
    {
        writer.clear();
        BinRpcEncoder.writeRequest(writer, sequence, method, params);
        final ByteBuffer out = ByteBuffer.wrap(writer.array(), 0, writer.size());
        while (out.hasRemaining())
        {
            ch.write(out);
        }
        expectedCookie = sequence;
        answer = null;
        while (null == answer)
        {
            in.clear();
            final int n = ch.read(in);
            if (n < 0)
            {
                return new Answer.Broken("closed", "the server closed the connection before answering");
            }
            if (decoder.feed(in.array(), 0, n, this::onPacket) == BinRpcStreamDecoder.Status.FAILED)
            {
                return new Answer.Broken("protocol", "bad binrpc stream: " + decoder.error());
            }
        }
        return answer;
    }

    private void onPacket(final BinRpcPacket packet)
    {
        if (null != answer)
        {
            answer = new Answer.Broken("protocol", "more than one answer to cookie " + expectedCookie);
            decoder.stop();
            return;
        }
        final BinRpcResult<BinRpcResponse> result = BinRpcDecoder.decodeResponse(packet);
        if (result instanceof BinRpcResult.Decoded<BinRpcResponse> decoded)
        {
            final BinRpcResponse response = decoded.value();
            answer = response.cookie() == expectedCookie ? classify(response.response())
                : new Answer.Broken("protocol", "answer with cookie " + response.cookie() + ", expected "
                    + expectedCookie);
        }
        else
        {
            answer = new Answer.Broken("protocol", "undecodable answer: " + result.failure());
        }
    }

    @Override
    protected void reset()
    {
        decoder.reset();
        answer = null;
    }
}
