package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.MpscArrayQueue;

import org.puaagent.agent.posix.LinuxOpenFlags;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;

/**
 * Writes replies into client-made reply FIFOs on one thread that never waits for a client: it drives every
 * pending reply with non-blocking attempts ({@link ReplyWriter}) and sleeps only until the next one is due or a
 * new reply comes. A client that has not taken its whole reply when the reply timeout has passed since the reply
 * was ready loses it (counted); no thread is held by it, and the other replies go on.
 *
 * <p>Pending replies are bounded, in count and in bytes: past either limit a new reply is refused at once
 * (counted {@code errors.fifo_reply_refused}), so a flood of requests whose clients never read cannot grow the
 * heap. {@link #submit} on any thread; the writer state on the writer thread only.
 */
public final class FifoReplies implements AutoCloseable, ReplySink
{
    /** Default most replies pending at once (both FIFOs together). */
    public static final int DEFAULT_MAX_PENDING = 512;
    /** Default most bytes of replies pending at once. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 16L << 20;
    /** Longest sleep of the writer thread with nothing due (it also wakes for every new reply). */
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long JOIN_MILLIS = 2000;
    /** Pause after an unexpected exception, so that a failing step cannot spin the thread. */
    private static final long AFTER_FAILURE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final FifoCounters counters;
    private final long timeoutNanos;
    private final int maxPending;
    private final long maxPendingBytes;
    private final MpscArrayQueue<PendingReply> inbox;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final ReplyWriter writer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the writer thread.
     *
     * @param timeoutMillis how long a client has to take its reply, from the moment the reply is ready
     */
    public FifoReplies(final AgentCounters counters, final long timeoutMillis)
    {
        this(counters, timeoutMillis, DEFAULT_MAX_PENDING, DEFAULT_MAX_PENDING_BYTES);
    }

    FifoReplies(final AgentCounters counters, final long timeoutMillis, final int maxPending,
        final long maxPendingBytes)
    {
        final LinuxOpenFlags flags = LinuxOpenFlags.current();
        if (null == flags)
        {
            throw new IllegalStateException("FIFO replies need " + LinuxOpenFlags.supported());
        }
        this.counters = new FifoCounters(counters);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
        this.inbox = new MpscArrayQueue<>(maxPending);
        this.writer = new ReplyWriter(this.counters, flags.replyFifo(), this::release);
        this.thread = new Thread(this::loop, "fifo-reply");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code body} for the reply FIFO at {@code path}; the deadline starts now. False (counted) when the
     * pending replies are at their limit. Any thread; never blocks.
     */
    @Override
    public boolean submit(final ReplyPath path, final byte[] body)
    {
        if (pendingCount.incrementAndGet() > maxPending)
        {
            pendingCount.decrementAndGet();
            counters.replyRefused.increment();
            return false;
        }
        if (pendingBytes.addAndGet(body.length) > maxPendingBytes)
        {
            pendingBytes.addAndGet(-body.length);
            pendingCount.decrementAndGet();
            counters.replyRefused.increment();
            return false;
        }
        // never full: the queue holds at least maxPending, and pendingCount counts what it holds
        inbox.offer(new PendingReply(path, body, System.nanoTime() + timeoutNanos));
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * Never writes a reply to the file at {@code path}: the agent's own request FIFOs, which a client could
     * otherwise name as its reply FIFO (counted {@code errors.fifo_reply_unsafe}). Any thread.
     */
    public void refuse(final Path path) throws IOException
    {
        writer.refuse(path);
    }

    /** Replies submitted and not done yet. */
    int pending()
    {
        return pendingCount.get();
    }

    private void release(final PendingReply reply)
    {
        pendingBytes.addAndGet(-reply.body.length);
        pendingCount.decrementAndGet();
    }

    private void loop()
    {
        while (running)
        {
            try
            {
                final long now = System.nanoTime();
                PendingReply reply;
                while (null != (reply = inbox.relaxedPoll()))
                {
                    writer.add(reply, now);
                }
                final long next = writer.run(now);
                final long wait = next == Long.MAX_VALUE ? IDLE_PARK_NANOS
                    : Math.min(IDLE_PARK_NANOS, next - System.nanoTime());
                if (wait > 0 && inbox.isEmpty())
                {
                    LockSupport.parkNanos(this, wait);
                }
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                counters.internal.increment();
                LockSupport.parkNanos(this, AFTER_FAILURE_PARK_NANOS);
            }
        }
        writer.close();
    }

    /** Stops the writer thread; pending replies are dropped and their FIFOs closed. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
