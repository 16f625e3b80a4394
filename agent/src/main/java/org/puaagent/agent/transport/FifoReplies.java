package org.puaagent.agent.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * Writes replies into client-created reply FIFOs, off the request reader's thread.
 *
 * <p>Opening a FIFO for writing blocks until its reader opens it (Java cannot open it non-blocking as Kamailio
 * does). A writer thread therefore opens, writes and closes; if no reader shows up within the patience time,
 * a watchdog opens the FIFO for reading itself, which releases the blocked open, and the reply is counted as
 * undeliverable. The reader of the request FIFO never waits for a client. Any thread may call {@link #write}.
 */
public final class FifoReplies implements AutoCloseable
{
    private final ExecutorService writers;
    private final ScheduledExecutorService watchdog;
    private final AgentCounters counters;
    private final long patienceMs;

    public FifoReplies(final AgentCounters counters, final long patienceMs, final int threads)
    {
        this.counters = counters;
        this.patienceMs = patienceMs;
        this.writers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> daemon(r, "fifo-reply"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "fifo-reply-watchdog"));
    }

    private static Thread daemon(final Runnable r, final String name)
    {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Delivers {@code bytes} to the reply FIFO at {@code path} and closes it (the client then sees EOF). */
    public void write(final Path path, final byte[] bytes)
    {
        writers.execute(() -> deliver(path, bytes));
    }

    private void deliver(final Path path, final byte[] bytes)
    {
        final AtomicBoolean opened = new AtomicBoolean();
        final ScheduledFuture<?> rescue = watchdog.schedule(() ->
        {
            if (!opened.get())
            {
                try (FileInputStream unblock = new FileInputStream(path.toFile()))
                {
                    counters.increment("errors.fifo_reply_no_reader");
                }
                catch (final IOException ignored)
                {
                    // the FIFO vanished: the writer's open fails by itself
                }
            }
        }, patienceMs, TimeUnit.MILLISECONDS);
        try (FileOutputStream out = new FileOutputStream(path.toFile()))
        {
            opened.set(true);
            out.write(bytes);
            counters.increment("replies.fifo_written");
        }
        catch (final IOException ex)
        {
            counters.increment("errors.fifo_reply_write");
        }
        finally
        {
            rescue.cancel(false);
        }
    }

    @Override
    public void close()
    {
        writers.shutdownNow();
        watchdog.shutdownNow();
    }
}
