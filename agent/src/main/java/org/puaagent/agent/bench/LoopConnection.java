package org.puaagent.agent.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One client connection driven by a {@link ClientLoop}: a non-blocking socket (TCP or unix), opened on first use
 * and again after any failure, its output buffer, the reader of its answers, and the request in flight (at most
 * one). The loop decides what happens; this class does the I/O. Not thread-safe: the loop's thread only.
 */
final class LoopConnection
{
    private static final int INITIAL_OUTPUT = 4096;

    private final BenchTarget target;
    private final RequestBytes requests;
    private final AnswerReader reader;
    private final int sendBufferBytes;
    private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL_OUTPUT);
    private SocketChannel channel;
    private SelectionKey key;
    private int interest;
    private int sequence;

    /** The request in flight, if {@link #busy}. */
    boolean busy;
    int presentity;
    boolean measured;
    /** Where its latency starts: its due time (open loop) or its send. */
    long fromNanos;
    /** When it started (its timeout runs from here). */
    long startedNanos;
    /** After a failed connect: not used again before this. */
    long idleUntilNanos;
    /** No more requests on this connection. */
    boolean finished;

    /**
     * @param sendBufferBytes the sockets' send buffer ({@code SO_SNDBUF}); 0 leaves the system's (auto-tuned)
     */
    LoopConnection(final BenchTarget target, final RequestBytes requests, final int sendBufferBytes)
    {
        this.target = target;
        this.requests = requests;
        this.sendBufferBytes = sendBufferBytes;
        this.reader = target instanceof BenchTarget.Http ? new HttpAnswerReader() : new BinRpcAnswerReader();
    }

    /** Puts the next request, publishing {@code p}, into the output buffer with a new id. */
    void prepare(final int p)
    {
        final int id = requests.idOf(++sequence);
        out = requests.put(out, p, id);
        reader.expect(id);
    }

    boolean connected()
    {
        return null != channel;
    }

    /**
     * Opens a non-blocking channel to the target and starts connecting.
     *
     * @return true if it connected at once; false if {@link #finishConnect()} must be called when the selector
     *         says so
     */
    boolean connect(final Selector selector) throws IOException
    {
        final boolean unix = target instanceof BenchTarget.BinRpcUnix;
        final SocketChannel ch = unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try
        {
            ch.configureBlocking(false);
            if (sendBufferBytes > 0)
            {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferBytes);
            }
            if (!unix)
            {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            final boolean now = ch.connect(target.socketAddress());
            interest = now ? 0 : SelectionKey.OP_CONNECT;
            key = ch.register(selector, interest, this);
            channel = ch;
            return now;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(ch);
            throw ex;
        }
    }

    /** Completes a pending connect; false if it is still pending. */
    boolean finishConnect() throws IOException
    {
        return channel.finishConnect();
    }

    /** Writes what the socket takes of the request; true when all of it is written. */
    boolean flush() throws IOException
    {
        channel.write(out);
        return !out.hasRemaining();
    }

    /** Reads what the socket has: the answer, or null if more is needed. */
    Answer read(final ByteBuffer scratch) throws IOException
    {
        return reader.read(channel, scratch);
    }

    /** Whether the server asked to close after the answer just read. */
    boolean closeAfter()
    {
        return reader.closeAfter();
    }

    /** Sets the operations the selector watches, if they change. */
    void interest(final int ops)
    {
        if (ops != interest)
        {
            interest = ops;
            key.interestOps(ops);
        }
    }

    /** Closes the channel (if open) and forgets partial input; the next request opens a new one. */
    void drop()
    {
        if (null != channel)
        {
            closeQuietly(channel);
            channel = null;
            key = null;
        }
        reader.reset();
    }

    private static void closeQuietly(final SocketChannel ch)
    {
        try
        {
            ch.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
    }
}
