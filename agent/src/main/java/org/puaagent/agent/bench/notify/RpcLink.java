package org.puaagent.agent.bench.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.binrpc.BinRpcWriter;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * One binrpc TCP connection with pipelined requests: {@link #call} writes a request with a fresh cookie and
 * returns a future completed by the reader thread when the answer with that cookie arrives (answers may come
 * in any order). When the connection fails or closes, every pending future completes with a fault of code
 * {@value #BROKEN} saying why, so no caller waits forever.
 *
 * <p>Threading: {@link #call} and {@link #close} from any thread (writes are serialized); answers are
 * completed on the link's reader thread.
 */
final class RpcLink implements AutoCloseable
{
    /** The fault code of a request whose answer can never come (the connection broke). */
    static final int BROKEN = -1;

    private static final int READ_BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final BinRpcWriter writer = new BinRpcWriter(4096);
    private final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
    private final Map<Integer, CompletableFuture<RpcResponse>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private int nextCookie = 1;
    private volatile String brokenReason;

    private RpcLink(final SocketChannel channel)
    {
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "bench-notify-binrpc");
        this.reader.setDaemon(true);
    }

    /**
     * Connects.
     *
     * @throws IOException when the connection cannot be made
     */
    static RpcLink open(final InetSocketAddress address) throws IOException
    {
        final SocketChannel ch = SocketChannel.open();
        try
        {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(address);
        }
        catch (final IOException ex)
        {
            ch.close();
            throw ex;
        }
        final RpcLink link = new RpcLink(ch);
        link.reader.start();
        return link;
    }

    /** Sends a request; the future completes with its answer, or with a {@link #BROKEN} fault. */
    CompletableFuture<RpcResponse> call(final String method, final List<? extends RpcValue> params)
    {
        final CompletableFuture<RpcResponse> answer = new CompletableFuture<>();
        synchronized (writer)
        {
            final String broken = brokenReason;
            if (null != broken)
            {
                answer.complete(new RpcFault(BROKEN, broken));
                return answer;
            }
            final int cookie = nextCookie++;
            pending.put(cookie, answer);
            writer.clear();
            BinRpcEncoder.writeRequest(writer, cookie, method, params);
            final ByteBuffer out = ByteBuffer.wrap(writer.array(), 0, writer.size());
            try
            {
                while (out.hasRemaining())
                {
                    channel.write(out);
                }
            }
            catch (final IOException ex)
            {
                fail("cannot write: " + ex);
            }
        }
        return answer;
    }

    @Override
    public void close()
    {
        fail("the link was closed");
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        try
        {
            reader.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop()
    {
        final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        try
        {
            while (true)
            {
                in.clear();
                final int n = channel.read(in);
                if (n < 0)
                {
                    fail("the agent closed the binrpc connection");
                    return;
                }
                if (decoder.feed(in.array(), 0, n, this::onPacket) == BinRpcStreamDecoder.Status.FAILED)
                {
                    fail("bad binrpc stream: " + decoder.error());
                    return;
                }
            }
        }
        catch (final IOException ex)
        {
            fail("binrpc connection: " + ex);
        }
    }

    private void onPacket(final BinRpcPacket packet)
    {
        final BinRpcResult<BinRpcResponse> result = BinRpcDecoder.decodeResponse(packet);
        if (result instanceof BinRpcResult.Decoded<BinRpcResponse> decoded)
        {
            final CompletableFuture<RpcResponse> answer = pending.remove(decoded.value().cookie());
            if (null != answer)
            {
                answer.complete(decoded.value().response());
            }
        }
        else
        {
            fail("undecodable binrpc answer: " + result.failure());
            decoder.stop();
        }
    }

    private void fail(final String reason)
    {
        synchronized (writer)
        {
            if (null == brokenReason)
            {
                brokenReason = reason;
            }
        }
        for (final Integer cookie : List.copyOf(pending.keySet()))
        {
            final CompletableFuture<RpcResponse> answer = pending.remove(cookie);
            if (null != answer)
            {
                answer.complete(new RpcFault(BROKEN, reason));
            }
        }
    }
}
