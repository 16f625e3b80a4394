package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two FIFOs of one JSON-RPC FIFO client as one channel: writes go to the server's request FIFO, reads come
 * from the client's own reply FIFO. Both are open read-write, so opening never blocks (Linux) and the reply
 * FIFO always has a reader when the server opens it. Every write of the process into a request FIFO holds one
 * lock, so that a document longer than the pipe's atomic size ({@code PIPE_BUF}) is never interleaved with
 * another connection's. Closing wakes a read blocked on the reply FIFO.
 *
 * <p>Threading: reads and writes on the connection's worker thread; {@link #close} from any thread.
 */
final class FifoChannel implements ByteChannel
{
    private static final ReentrantLock REQUEST_WRITES = new ReentrantLock();

    private final FileChannel request;
    private final FileChannel reply;

    FifoChannel(final FileChannel request, final FileChannel reply)
    {
        this.request = request;
        this.reply = reply;
    }

    /** Writes the whole buffer, as one document among the process's writers. */
    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        final int n = src.remaining();
        REQUEST_WRITES.lock();
        try
        {
            while (src.hasRemaining())
            {
                request.write(src);
            }
        }
        finally
        {
            REQUEST_WRITES.unlock();
        }
        return n;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        return reply.read(dst);
    }

    @Override
    public boolean isOpen()
    {
        return reply.isOpen();
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            reply.close();
        }
        finally
        {
            request.close();
        }
    }
}
