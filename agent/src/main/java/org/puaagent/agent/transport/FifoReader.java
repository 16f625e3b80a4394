package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Memory;

import org.puaagent.agent.posix.Errno;
import org.puaagent.agent.posix.LinuxOpenFlags;
import org.puaagent.agent.posix.Posix;
import org.puaagent.agent.runtime.Fatal;

/**
 * Reads a request FIFO on its own thread and feeds a {@link FifoStream} with its bytes and with the time when
 * nothing comes (poll(2) with a timeout: the stream's next deadline), so that a framer can resynchronise after a
 * quiet period. The FIFO is made at start and opened read-write and non-blocking: the reader never sees end of
 * file when a client closes its end, and never waits for a writer to open.
 *
 * <p>The thread never dies of what it reads: each unit of work is caught, counted ({@code errors.internal}) and
 * passed to {@link Fatal#check}; a failing read is counted ({@code errors.fifo_read}) and retried after a pause.
 * Threading: the stream runs on this reader's thread only; {@link #close} from any thread.
 */
final class FifoReader implements AutoCloseable
{
    /** Bytes read at once. */
    static final int READ_BYTES = 16 * 1024;
    /** Longest poll(2) wait: how soon the thread notices {@link #close}. */
    private static final int MAX_POLL_MILLIS = 250;
    private static final long AFTER_FAILURE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long JOIN_MILLIS = 2000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Path path;
    private final int mode;
    private final FifoStream stream;
    private final FifoCounters counters;
    private int fd = -1;
    private Thread thread;
    private volatile boolean running;

    FifoReader(final Path path, final int mode, final FifoStream stream, final FifoCounters counters)
    {
        this.path = path;
        this.mode = mode;
        this.stream = stream;
        this.counters = counters;
    }

    void start(final String threadName) throws IOException
    {
        final String unavailable = Posix.unavailable();
        if (null != unavailable)
        {
            throw new IOException(path + ": " + unavailable);
        }
        Fifo.create(path, mode);
        final byte[] name = (path.toString() + '\0').getBytes(StandardCharsets.UTF_8);
        fd = Posix.open(name, LinuxOpenFlags.current().requestFifo());
        if (fd < 0)
        {
            throw new IOException("cannot open " + path + ": errno " + -fd);
        }
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop()
    {
        final Memory pollSet = new Memory(Posix.POLLFD_BYTES);
        final Memory input = new Memory(READ_BYTES);
        final byte[] bytes = new byte[READ_BYTES];
        pollSet.setInt(0, fd);
        pollSet.setShort(Posix.POLLFD_EVENTS, Posix.POLLIN);
        while (running)
        {
            try
            {
                step(pollSet, input, bytes);
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                counters.internal.increment();
                LockSupport.parkNanos(this, AFTER_FAILURE_PARK_NANOS);
            }
        }
        Posix.close(fd);
        pollSet.close();
        input.close();
    }

    /** One wait for bytes or for the stream's deadline. */
    private void step(final Memory pollSet, final Memory input, final byte[] bytes)
    {
        final long now = System.nanoTime();
        final long deadline = stream.nextDeadline();
        if (deadline != Long.MAX_VALUE && deadline - now <= 0)
        {
            stream.deadline(now);
            return;
        }
        final long untilDeadline = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
            : (deadline - now + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
        final int timeout = (int) Math.min(MAX_POLL_MILLIS, untilDeadline);
        pollSet.setShort(Posix.POLLFD_REVENTS, (short) 0);
        final int ready = Posix.poll(pollSet, 1, timeout);
        if (ready == 0 || ready == -Errno.EINTR)
        {
            return;
        }
        if (ready < 0)
        {
            failedRead();
            return;
        }
        final long n = Posix.read(fd, input, READ_BYTES);
        if (n > 0)
        {
            input.read(0, bytes, 0, (int) n);
            stream.accept(ByteBuffer.wrap(bytes, 0, (int) n), System.nanoTime());
        }
        else if (n < 0 && n != -Errno.EAGAIN && n != -Errno.EINTR)
        {
            failedRead();
        }
    }

    private void failedRead()
    {
        counters.read.increment();
        LockSupport.parkNanos(this, AFTER_FAILURE_PARK_NANOS);
    }

    /** Stops the thread (within the poll timeout), closes the FIFO and removes it. */
    @Override
    public void close()
    {
        running = false;
        if (null != thread)
        {
            try
            {
                thread.join(JOIN_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
    }
}
