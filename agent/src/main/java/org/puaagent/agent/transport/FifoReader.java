package org.puaagent.agent.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * Reads a request FIFO on its own thread and hands every chunk of bytes to a framer. The FIFO is opened
 * read-write so the reader never sees end-of-file when a client closes its end, and never blocks on open.
 * Threading: the consumer runs on this reader's thread only.
 */
public final class FifoReader implements AutoCloseable
{
    private final Path path;
    private final int mode;
    private final Consumer<ByteBuffer> framer;
    private final AgentCounters counters;
    private RandomAccessFile file;
    private Thread thread;
    private volatile boolean running;

    public FifoReader(final Path path, final int mode, final Consumer<ByteBuffer> framer, final AgentCounters counters)
    {
        this.path = path;
        this.mode = mode;
        this.framer = framer;
        this.counters = counters;
    }

    public void start(final String threadName) throws IOException
    {
        Fifo.create(path, mode);
        file = new RandomAccessFile(path.toFile(), "rw");
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop()
    {
        final byte[] buf = new byte[16 * 1024];
        while (running)
        {
            try
            {
                final int n = file.read(buf);
                if (n <= 0)
                {
                    continue;
                }
                framer.accept(ByteBuffer.wrap(buf, 0, n));
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    counters.increment("errors.fifo_read");
                }
                return;
            }
            catch (final RuntimeException ex)
            {
                counters.increment("errors.internal");
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            if (null != file)
            {
                file.close();
            }
            Files.deleteIfExists(path);
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
        if (null != thread)
        {
            thread.interrupt();
        }
    }
}
