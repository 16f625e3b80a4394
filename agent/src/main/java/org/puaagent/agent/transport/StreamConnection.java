package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted stream connection. {@link #send} and {@link #closeAfterFlush} may be called from any thread
 * (replies complete on the pipeline owner). {@link #send} writes the bytes at once on the calling thread when
 * nothing else is waiting to be written and no other thread is writing (the channel is non-blocking: this never
 * blocks); otherwise, and for whatever part the socket did not take, it queues them and wakes the selector.
 * Writes to the channel and the {@code writing} queue are guarded by {@code writeLock}, so the bytes of one
 * reply are never interleaved with another's.
 *
 * <p>What it holds is bounded with its server's {@link StreamLimits}: the bytes queued unsent are counted, and
 * while they exceed {@code maxQueuedBytes} the connection is not read (the selector thread drops its read
 * interest, and takes it up again when half of them are written); the requests in flight are counted by the
 * session ({@link #tryStartRequest}, {@link #endRequest}). For the sweep it keeps when it last received bytes,
 * since when a packet has been unfinished, and since when queued bytes have not moved.
 *
 * <p>Threading: {@link #send}, {@link #closeAfterFlush}, {@link #endRequest}, {@link #isClosed}: any thread;
 * everything else on the selector thread.
 */
public final class StreamConnection
{
    /** Why the sweep closes a connection. */
    enum Expiry
    {
        NONE,
        IDLE,
        UNFINISHED_REQUEST,
        REPLIES_NOT_TAKEN
    }

    private final StreamServer server;
    private final SocketChannel channel;
    private final int maxQueued;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    /** Guarded by {@link #writeLock}. */
    private final ArrayDeque<ByteBuffer> writing = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Bytes queued and not yet written. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When queued bytes last moved (or began to wait). */
    private volatile long writeProgressNanos;
    private volatile boolean closeRequested;
    private volatile boolean closed;
    private SelectionKey key;
    private StreamSession session;
    /** Selector thread: reading is suspended until the queued bytes go down. */
    private boolean readPaused;
    private long receivedNanos;
    /** Selector thread: since when the session holds an unfinished packet (0: it does not). */
    private long unfinishedSinceNanos;

    StreamConnection(final StreamServer server, final SocketChannel channel, final long nowNanos)
    {
        this.server = server;
        this.channel = channel;
        this.maxQueued = server.limits().maxQueuedBytes();
        this.maxInFlight = server.limits().maxInFlight();
        this.receivedNanos = nowNanos;
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

    /** The server whose selector thread owns this connection. */
    public StreamServer server()
    {
        return server;
    }

    /**
     * Counts one more request in flight, unless {@code maxInFlight} are already: then false, and the session answers
     * "busy" at once. Selector thread.
     */
    public boolean tryStartRequest()
    {
        if (inFlight.get() >= maxInFlight)
        {
            return false;
        }
        inFlight.incrementAndGet();
        return true;
    }

    /** One request has its answer (sent with {@link #send} right after). Any thread. */
    public void endRequest()
    {
        inFlight.decrementAndGet();
    }

    /** Requests in flight now. */
    public int inFlight()
    {
        return inFlight.get();
    }

    /** Bytes queued unsent now. */
    public long queuedBytes()
    {
        return queued.get();
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
                        queue(buffer.remaining());
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
        queue(buffer.remaining());
        outbox.add(buffer);
        server.wantWrite(this);
    }

    private void queue(final int bytes)
    {
        if (0 == queued.getAndAdd(bytes))
        {
            writeProgressNanos = System.nanoTime();
        }
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
        updateReading();
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
            final int n = channel.write(head);
            if (n > 0)
            {
                queued.addAndGet(-n);
                writeProgressNanos = System.nanoTime();
            }
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

    /** Selector thread: stops reading above the queued-bytes bound, reads again below half of it. */
    private void updateReading()
    {
        if (closed || !key.isValid())
        {
            return;
        }
        final long bytes = queued.get();
        if (!readPaused && bytes > maxQueued)
        {
            readPaused = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            server.readsPaused();
        }
        else if (readPaused && bytes <= maxQueued / 2)
        {
            readPaused = false;
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    /** Selector thread: bytes were received and handed to the session. */
    void received(final long nowNanos)
    {
        receivedNanos = nowNanos;
        if (session.midRequest())
        {
            if (0 == unfinishedSinceNanos)
            {
                unfinishedSinceNanos = nowNanos;
            }
        }
        else
        {
            unfinishedSinceNanos = 0;
        }
        updateReading();
    }

    /** Selector thread: whether, and why, this connection has overstayed. */
    Expiry expiry(final long nowNanos, final long idleNanos, final long requestNanos)
    {
        if (closed)
        {
            return Expiry.NONE;
        }
        if (queued.get() > 0 && nowNanos - writeProgressNanos > requestNanos)
        {
            return Expiry.REPLIES_NOT_TAKEN;
        }
        if (0 != unfinishedSinceNanos && nowNanos - unfinishedSinceNanos > requestNanos)
        {
            return Expiry.UNFINISHED_REQUEST;
        }
        if (inFlight.get() == 0 && queued.get() == 0 && nowNanos - receivedNanos > idleNanos)
        {
            return Expiry.IDLE;
        }
        return Expiry.NONE;
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
