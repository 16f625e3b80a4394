package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One accepted stream connection. {@link #send} and {@link #closeAfterFlush} may be called from any thread
 * (replies complete on the pipeline owner); they queue the bytes and wake the selector, which alone touches
 * the channel. Everything else is selector-thread only.
 */
public final class StreamConnection
{
    private final StreamServer server;
    private final SocketChannel channel;
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<ByteBuffer> writing = new ArrayDeque<>();
    private volatile boolean closeRequested;
    private volatile boolean closed;
    private SelectionKey key;
    private StreamSession session;

    StreamConnection(final StreamServer server, final SocketChannel channel)
    {
        this.server = server;
        this.channel = channel;
    }

    void attach(final SelectionKey key, final StreamSession session)
    {
        this.key = key;
        this.session = session;
    }

    StreamSession session()
    {
        return session;
    }

    /** Queues bytes for the peer. Any thread. Ignored once the connection is closed. */
    public void send(final byte[] bytes)
    {
        if (closed)
        {
            return;
        }
        outbox.add(ByteBuffer.wrap(bytes));
        server.wantWrite(this);
    }

    /** Sends what is queued, then closes. Any thread. */
    public void closeAfterFlush()
    {
        closeRequested = true;
        server.wantWrite(this);
    }

    public boolean isClosed()
    {
        return closed;
    }

    /** Selector thread: writes what it can; returns true if everything queued is written. */
    boolean flush() throws IOException
    {
        ByteBuffer b;
        while ((b = outbox.poll()) != null)
        {
            writing.add(b);
        }
        while (!writing.isEmpty())
        {
            final ByteBuffer head = writing.peek();
            channel.write(head);
            if (head.hasRemaining())
            {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return false;
            }
            writing.poll();
        }
        if (key.isValid())
        {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
        if (closeRequested)
        {
            close();
        }
        return true;
    }

    /** Selector thread. */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != key)
        {
            key.cancel();
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        if (null != session)
        {
            session.onClose();
        }
        server.closed(this);
    }
}
