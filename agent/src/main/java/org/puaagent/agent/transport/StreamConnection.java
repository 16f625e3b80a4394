package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted stream connection. {@link #send} and {@link #closeAfterFlush} may be called from any thread
 * (replies complete on the pipeline owner). {@link #send} writes the bytes at once on the calling thread when
 * nothing else is waiting to be written and no other thread is writing (the channel is non-blocking: this never
 * blocks); otherwise, and for whatever part the socket did not take, it queues them and wakes the selector.
 * Writes to the channel and the {@code writing} queue are guarded by {@code writeLock}, so the bytes of one
 * reply are never interleaved with another's. Everything else is selector-thread only.
 */
public final class StreamConnection
{
    private final StreamServer server;
    private final SocketChannel channel;
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    /** Guarded by {@link #writeLock}. */
    private final ArrayDeque<ByteBuffer> writing = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closeRequested;
    private volatile boolean closed;
    private SelectionKey key;
    private StreamSession session;
    /** Selector thread: the session waits for {@link StreamSession#onWritable}. */
    private boolean wantWritable;

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

    /** The server whose selector thread owns this connection (its tasks and timers). */
    public StreamServer server()
    {
        return server;
    }

    /** Hands the connection to another session (a stream taking it over). Selector thread. */
    public void replaceSession(final StreamSession next)
    {
        this.session = next;
    }

    /**
     * Writes what the socket takes now, after anything queued by {@link #send}. Selector thread.
     *
     * @return bytes written (0 when the socket is full or queued bytes are still waiting)
     */
    public int writeNow(final ByteBuffer buffer) throws IOException
    {
        writeLock.lock();
        try
        {
            if (!flushLocked())
            {
                return 0;
            }
            return channel.write(buffer);
        }
        finally
        {
            writeLock.unlock();
        }
    }

    /** Asks for one {@link StreamSession#onWritable} call when the socket can take more. Selector thread. */
    public void awaitWritable()
    {
        wantWritable = true;
        if (key.isValid())
        {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    /** Drops a pending {@link #awaitWritable}. Selector thread. */
    public void stopAwaitingWritable()
    {
        wantWritable = false;
        writeLock.lock();
        try
        {
            if (writing.isEmpty() && outbox.isEmpty() && key.isValid())
            {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
        }
        finally
        {
            writeLock.unlock();
        }
    }

    /** Closes at once, dropping what is queued. Selector thread. */
    public void closeNow()
    {
        close();
    }

    /** Sends bytes to the peer, at once if possible, else queued. Any thread. Ignored once closed. */
    public void send(final byte[] bytes)
    {
        if (closed)
        {
            return;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (outbox.isEmpty() && writeLock.tryLock())
        {
            try
            {
                if (writing.isEmpty() && outbox.isEmpty() && !closeRequested && !closed)
                {
                    channel.write(buffer);
                    if (buffer.hasRemaining())
                    {
                        writing.add(buffer);
                        server.wantWrite(this);
                    }
                    return;
                }
            }
            catch (final IOException ex)
            {
                // nothing was written: queue it; the selector thread meets the same error and closes
            }
            finally
            {
                writeLock.unlock();
            }
        }
        outbox.add(buffer);
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
        final boolean all;
        writeLock.lock();
        try
        {
            all = flushLocked();
        }
        finally
        {
            writeLock.unlock();
        }
        if (all && wantWritable && !closed)
        {
            wantWritable = false;
            session.onWritable();
        }
        return all;
    }

    private boolean flushLocked() throws IOException
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
        if (key.isValid() && !wantWritable)
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
