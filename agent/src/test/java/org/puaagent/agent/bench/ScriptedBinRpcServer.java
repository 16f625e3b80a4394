package org.puaagent.agent.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcStruct;

/**
 * A small blocking binrpc server for load-generator tests, on 127.0.0.1 or a unix socket: a thread per
 * connection reads requests and does what the {@link Script} says with each (answer with a {@code SIP-ETag},
 * answer half and close, stay silent), writing answers in pieces of a given size. Test threads only.
 */
final class ScriptedBinRpcServer implements AutoCloseable
{
    /** What to do with the n-th request (0-based) of the c-th connection (0-based). */
    enum Action
    {
        ANSWER,
        HALF_AND_CLOSE,
        SILENCE
    }

    /** Chooses the action for each request. */
    interface Script
    {
        Action on(int connection, int request);
    }

    private static final int READ_BUFFER = 8192;

    private final ServerSocketChannel server;
    private final Path socketPath;
    private final Script script;
    private final int pieceBytes;
    private final long firstReadDelayMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();

    /**
     * @param socketPath           a unix socket to listen on, or null for 127.0.0.1 on a free port
     * @param pieceBytes           answers are written in pieces of this many bytes (TCP_NODELAY: each its own
     *                             segment)
     * @param receiveBuffer        the socket receive buffer (0: the default)
     * @param firstReadDelayMillis each connection waits this long before reading (so the client's writes fill
     *                             the buffers)
     */
    ScriptedBinRpcServer(final Path socketPath, final Script script, final int pieceBytes, final int receiveBuffer,
        final long firstReadDelayMillis) throws IOException
    {
        this.socketPath = socketPath;
        this.script = script;
        this.pieceBytes = pieceBytes;
        this.firstReadDelayMillis = firstReadDelayMillis;
        if (null == socketPath)
        {
            server = ServerSocketChannel.open();
            if (receiveBuffer > 0)
            {
                server.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        }
        else
        {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath), 50);
        }
        final Thread acceptor = new Thread(this::accept, "scripted-binrpc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The bench target of this server. */
    String target()
    {
        if (null != socketPath)
        {
            return "binrpc-unix:" + socketPath;
        }
        try
        {
            return "binrpc-tcp:127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Connections accepted so far. */
    int connections()
    {
        return connections.get();
    }

    /** Requests read so far. */
    int requests()
    {
        return requests.get();
    }

    private void accept()
    {
        try
        {
            while (true)
            {
                final SocketChannel ch = server.accept();
                accepted.add(ch);
                final int index = connections.getAndIncrement();
                final Thread t = new Thread(() -> serve(ch, index), "scripted-binrpc-conn");
                t.setDaemon(true);
                t.start();
            }
        }
        catch (final IOException ignored)
        {
            // closed
        }
    }

    private void serve(final SocketChannel ch, final int connection)
    {
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
        final int[] count = {0};
        final boolean[] closeNow = {false};
        try (ch)
        {
            if (null == socketPath)
            {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            Thread.sleep(firstReadDelayMillis);
            final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
            while (!closeNow[0])
            {
                in.clear();
                final int n = ch.read(in);
                if (n < 0)
                {
                    return;
                }
                decoder.feed(in.array(), 0, n, packet -> closeNow[0] |= onRequest(ch, packet, connection,
                    count[0]++));
            }
        }
        catch (final IOException ignored)
        {
            // the client went away
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles one request; true if the connection must be closed. */
    private boolean onRequest(final SocketChannel ch, final BinRpcPacket packet, final int connection,
        final int request)
    {
        requests.incrementAndGet();
        final BinRpcResult<RpcRequest> decoded = BinRpcDecoder.decodeRequest(packet);
        if (!(decoded instanceof BinRpcResult.Decoded<RpcRequest> d) || !(d.value().id() instanceof RequestId.Cookie c))
        {
            return true;
        }
        final byte[] answer = BinRpcEncoder.encodeReply(c.value(), List.of(new RpcStruct.Builder()
            .add("SIP-ETag", "e" + request).add("Expires", "60").build()));
        try
        {
            switch (script.on(connection, request))
            {
                case ANSWER:
                    write(ch, answer, answer.length);
                    return false;
                case HALF_AND_CLOSE:
                    write(ch, answer, answer.length / 2);
                    return true;
                default:
                    return false;
            }
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    private void write(final SocketChannel ch, final byte[] bytes, final int length) throws IOException
    {
        for (int off = 0; off < length; off += pieceBytes)
        {
            final ByteBuffer piece = ByteBuffer.wrap(bytes, off, Math.min(pieceBytes, length - off));
            while (piece.hasRemaining())
            {
                ch.write(piece);
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        for (final SocketChannel ch : accepted)
        {
            ch.close();
        }
        if (null != socketPath)
        {
            Files.deleteIfExists(socketPath);
        }
    }
}
