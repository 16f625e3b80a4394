package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;

import org.puaagent.agent.posix.Errno;
import org.puaagent.agent.posix.Posix;

/**
 * Drives every pending reply into its reply FIFO without ever waiting for a client. Each attempt is one
 * non-blocking system call or a few: open(2) with {@code O_WRONLY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC|O_NOCTTY} (never
 * {@code O_CREAT}: the client makes the FIFO), the checks of {@link ReplyFifoCheck}, then write(2) of what the
 * pipe takes. A FIFO without a reader yet (ENXIO) or a full pipe (EAGAIN) is tried again later, at growing
 * intervals, until the reply's deadline; then the reply is dropped and counted. Replies to the same path go one
 * after the other, in the order they came, so they never interleave.
 *
 * <p>Owner thread only (the writer thread of {@link FifoReplies}, or a test driving it with its own clock): every
 * method takes the current time rather than reading a clock.
 */
final class ReplyWriter implements AutoCloseable
{
    /** First wait after a FIFO had no reader; doubled up to {@link #MAX_OPEN_RETRY_NANOS}. */
    static final long FIRST_OPEN_RETRY_NANOS = 5_000_000L;
    /** Longest wait between opens (Kamailio retries every 80 ms). */
    static final long MAX_OPEN_RETRY_NANOS = 80_000_000L;
    /** First wait after a full pipe; doubled up to {@link #MAX_WRITE_RETRY_NANOS}, reset when the reader takes some. */
    static final long FIRST_WRITE_RETRY_NANOS = 1_000_000L;
    /** Longest wait between writes into a full pipe. */
    static final long MAX_WRITE_RETRY_NANOS = 16_000_000L;
    /** Bytes handed to one write(2) (a Linux pipe holds 64 KiB by default). */
    static final int CHUNK_BYTES = 64 * 1024;
    /** The fd of a reply that is dropped or done (never open again). */
    private static final int DROPPED = -2;

    private final List<PendingReply> replies = new ArrayList<>();
    private final Set<ReplyPath> held = new HashSet<>();
    /** Paths given up during one {@link #run}; the replies waiting for them are tried at once after it. */
    private final List<ReplyPath> released = new ArrayList<>();
    private final Memory chunk = new Memory(CHUNK_BYTES);
    private final FifoCounters counters;
    private final int openFlags;
    private final Finished finished;
    /** Identities of files never written (the agent's own request FIFOs); replaced whole, read on this thread. */
    private volatile Set<String> refused = Set.of();

    /** Told of every reply the writer is done with (written or dropped), on the owner thread. */
    @FunctionalInterface
    interface Finished
    {
        void finished(PendingReply reply);
    }

    ReplyWriter(final FifoCounters counters, final int openFlags, final Finished finished)
    {
        this.counters = counters;
        this.openFlags = openFlags;
        this.finished = finished;
    }

    /** Never writes to the file at {@code path} (one of the agent's own request FIFOs). Any thread. */
    synchronized void refuse(final Path path) throws IOException
    {
        final Set<String> more = new HashSet<>(refused);
        more.add(ReplyFifoCheck.identity(path));
        refused = Set.copyOf(more);
    }

    /** Takes a new reply; it is tried at the next {@link #run}. */
    void add(final PendingReply reply, final long now)
    {
        reply.nextAttempt = now;
        replies.add(reply);
    }

    /** Replies not done yet. */
    int pending()
    {
        return replies.size();
    }

    /**
     * Makes every attempt that is due at {@code now}, in the order the replies came; returns when the next one is
     * due ({@link Long#MAX_VALUE} when none is pending).
     */
    long run(final long now)
    {
        int kept = 0;
        for (int i = 0; i < replies.size(); i++)
        {
            final PendingReply reply = replies.get(i);
            if (reply.nextAttempt - now <= 0 && attempt(reply, now))
            {
                finish(reply);
            }
            else
            {
                replies.set(kept++, reply);
            }
        }
        replies.subList(kept, replies.size()).clear();
        long next = Long.MAX_VALUE;
        for (final PendingReply reply : replies)
        {
            if (!reply.holdsPath && released.contains(reply.path))
            {
                reply.nextAttempt = now;
            }
            next = Math.min(next, reply.nextAttempt);
        }
        released.clear();
        return next;
    }

    /** One attempt; true when the reply is done (written or dropped, and counted). */
    private boolean attempt(final PendingReply reply, final long now)
    {
        if (!reply.holdsPath)
        {
            if (held.contains(reply.path))
            {
                return waitOrGiveUp(reply, now, Long.MAX_VALUE);
            }
            held.add(reply.path);
            reply.holdsPath = true;
        }
        if (reply.fd < 0 && !open(reply, now))
        {
            return reply.fd == DROPPED;
        }
        return write(reply, now);
    }

    /** Opens and checks; false when not open now (retry scheduled, or dropped: then {@code fd == DROPPED}). */
    private boolean open(final PendingReply reply, final long now)
    {
        final int fd = Posix.open(reply.path.withNul(), openFlags);
        if (fd >= 0)
        {
            final ReplyFifoCheck.Outcome outcome = ReplyFifoCheck.check(fd, reply.path.path(), refused);
            if (outcome == ReplyFifoCheck.Outcome.FIFO)
            {
                reply.fd = fd;
                reply.backoff = 0;
                return true;
            }
            Posix.close(fd);
            (outcome == ReplyFifoCheck.Outcome.NOT_FIFO ? counters.replyNotFifo : counters.replyUnsafe).increment();
            reply.fd = DROPPED;
            return false;
        }
        switch (-fd)
        {
            case Errno.ENXIO:
                reply.noReaderSeen = true;
                if (!waitOrGiveUp(reply, now, backoff(reply, FIRST_OPEN_RETRY_NANOS, MAX_OPEN_RETRY_NANOS)))
                {
                    return false;
                }
                break;
            case Errno.EINTR:
                reply.nextAttempt = now;
                return false;
            case Errno.ENOENT:
                counters.replyMissing.increment();
                break;
            case Errno.ELOOP:
                counters.replyUnsafe.increment();
                break;
            case Errno.EISDIR:
                counters.replyNotFifo.increment();
                break;
            default:
                counters.replyWrite.increment();
                break;
        }
        reply.fd = DROPPED;
        return false;
    }

    /** Writes what the pipe takes; true when done (all written, or dropped). */
    private boolean write(final PendingReply reply, final long now)
    {
        final byte[] body = reply.body;
        while (reply.written < body.length)
        {
            final int count = Math.min(CHUNK_BYTES, body.length - reply.written);
            chunk.write(0, body, reply.written, count);
            final long n = Posix.write(reply.fd, chunk, count);
            if (n > 0)
            {
                reply.written += (int) n;
                reply.backoff = 0;
                continue;
            }
            if (n == -Errno.EINTR)
            {
                continue;
            }
            if (n == 0 || n == -Errno.EAGAIN)
            {
                return waitOrGiveUp(reply, now, backoff(reply, FIRST_WRITE_RETRY_NANOS, MAX_WRITE_RETRY_NANOS));
            }
            (n == -Errno.EPIPE ? counters.replyReaderLeft : counters.replyWrite).increment();
            return true;
        }
        counters.replyWritten.increment();
        return true;
    }

    /**
     * Schedules the next attempt {@code wait} from now, or gives up when the deadline has passed (counted: no
     * reader, when the FIFO never had one; timeout otherwise). True when given up.
     */
    private boolean waitOrGiveUp(final PendingReply reply, final long now, final long wait)
    {
        if (now - reply.deadline >= 0)
        {
            (reply.fd < 0 && reply.noReaderSeen ? counters.replyNoReader : counters.replyTimeout).increment();
            return true;
        }
        final long at = wait == Long.MAX_VALUE ? reply.deadline : now + wait;
        reply.nextAttempt = at - reply.deadline > 0 ? reply.deadline : at;
        return false;
    }

    private static long backoff(final PendingReply reply, final long first, final long max)
    {
        reply.backoff = reply.backoff == 0 ? first : Math.min(max, reply.backoff * 2);
        return reply.backoff;
    }

    private void finish(final PendingReply reply)
    {
        if (reply.fd >= 0)
        {
            Posix.close(reply.fd);
            reply.fd = DROPPED;
        }
        if (reply.holdsPath)
        {
            reply.holdsPath = false;
            held.remove(reply.path);
            released.add(reply.path);
        }
        finished.finished(reply);
    }

    /** Drops every pending reply (closing their FIFOs) without counting them. */
    @Override
    public void close()
    {
        for (final PendingReply reply : replies)
        {
            if (reply.fd >= 0)
            {
                Posix.close(reply.fd);
            }
        }
        replies.clear();
        held.clear();
        chunk.close();
    }
}
