package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcPacketHandler;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;

/**
 * binrpc answers on a stream connection, as kamcmd reads them: packets framed by {@link BinRpcStreamDecoder}
 * and decoded by {@link BinRpcDecoder#decodeResponse}; the first must carry the request's cookie, and a second
 * packet in the same read is a protocol error. Not thread-safe: the connection's event loop only.
 */
final class BinRpcAnswerReader implements AnswerReader
{
    private final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
    private final BinRpcPacketHandler handler = this::onPacket;
    private int expectedCookie;
    private Answer answer;

    @Override
    public void expect(final int id)
    {
        expectedCookie = id;
        answer = null;
    }

    @Override
    public Answer read(final ReadableByteChannel channel, final ByteBuffer scratch) throws IOException
    {
        while (true)
        {
            scratch.clear();
            final int n = channel.read(scratch);
            if (n < 0)
            {
                return new Answer.Broken("closed", "the server closed the connection before answering");
            }
            if (n == 0)
            {
                return null;
            }
            if (decoder.feed(scratch.array(), scratch.arrayOffset(), n, handler) == BinRpcStreamDecoder.Status.FAILED)
            {
                return new Answer.Broken("protocol", "bad binrpc stream: " + decoder.error());
            }
            if (null != answer || n < scratch.capacity())
            {
                return answer;
            }
        }
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
            answer = response.cookie() == expectedCookie ? BenchConnection.classify(response.response())
                : new Answer.Broken("protocol", "answer with cookie " + response.cookie() + ", expected "
                    + expectedCookie);
        }
        else
        {
            answer = new Answer.Broken("protocol", "undecodable answer: " + result.failure());
        }
    }

    @Override
    public boolean closeAfter()
    {
        return false;
    }

    @Override
    public void reset()
    {
        decoder.reset();
        answer = null;
    }
}
