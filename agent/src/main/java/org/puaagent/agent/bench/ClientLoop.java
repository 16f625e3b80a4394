package org.puaagent.agent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One event loop of a run: a selector thread driving a share of the run's connections ({@link LoopConnection}),
 * each with at most one request in flight. Closed loop: a connection sends its next request as soon as it has
 * the answer to the previous one. Open loop: the loop claims the schedule's requests in order
 * ({@link OpenLoopPace#claim()}); the next one goes out on a free connection when it is due, or as soon as a
 * connection frees up if it is late (its latency still starts at its due time); one still waiting when the
 * window closes is not sent. The loop waits for a due time in its selector (whose timeout counts in
 * milliseconds) and for the last fraction of a millisecond in short parks between polls.
 *
 * <p>Every {@value #TICK_MILLIS} ms the loop breaks requests older than the request timeout (error
 * {@code timeout}; the connection is opened again for the next request). A connection whose connect failed
 * waits 50 ms before its next request. The loop ends when every connection has finished (the pace said stop);
 * {@link #close()} makes it give up at once.
 *
 * <p>Threading: {@link #run} on the loop's thread; {@link #close()}, {@link #busy()}, {@link #unfinished()} from
 * any thread, the recorders from one other thread.
 */
final class ClientLoop implements Runnable
{
    private static final long TICK_MILLIS = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final long CONNECT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    /** A due time closer than this is waited for by parking in slices between polls of the selector. */
    private static final long FINE_WAIT_NANOS = NANOS_PER_MILLI + NANOS_PER_MILLI / 2;
    private static final long POLL_SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int READ_BUFFER = 64 * 1024;

    private final BenchTarget target;
    private final Pace pace;
    private final OpenLoopPace open;
    private final PresentityLeases leases;
    private final BenchTally warmupTally;
    private final BenchTally measuredTally;
    private final long timeoutNanos;
    private final List<LoopConnection> connections;
    private final CountDownLatch done;
    private final Selector selector;
    private final ByteBuffer scratch = ByteBuffer.allocate(READ_BUFFER);
    private final LatencyRecorders recorders = new LatencyRecorders();
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** Connections ready for a request. */
    private final ArrayDeque<LoopConnection> free = new ArrayDeque<>();
    /** Connections waiting after a failed connect, in the order they become free. */
    private final ArrayDeque<LoopConnection> backingOff = new ArrayDeque<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile boolean closing;
    /** Loop thread only: requests in flight, connections not finished. */
    private int inFlight;
    private int live;
    /** Open loop: the request claimed from the schedule and not sent yet. */
    private Pace.Ticket pending;
    /** No more requests: the pace said stop (open loop), or the loop gave up. */
    private boolean exhausted;
    private boolean gaveUp;
    private long nextTickNanos;

    /**
     * @param pace        the closed loop's {@link BenchSchedule} or the open loop's {@link OpenLoopPace}
     * @param connections this loop's connections (not shared with another loop)
     * @param done        counted down once when the loop ends
     */
    ClientLoop(final BenchTarget target, final Pace pace, final PresentityLeases leases, final BenchTally warmupTally,
        final BenchTally measuredTally, final long timeoutNanos, final List<LoopConnection> connections,
        final CountDownLatch done)
    {
        this.target = target;
        this.pace = pace;
        this.open = pace instanceof OpenLoopPace o ? o : null;
        this.leases = leases;
        this.warmupTally = warmupTally;
        this.measuredTally = measuredTally;
        this.timeoutNanos = timeoutNanos;
        this.connections = List.copyOf(connections);
        this.done = done;
        this.live = connections.size();
        this.unfinished.set(live);
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector", ex);
        }
    }

    @Override
    public void run()
    {
        try
        {
            free.addAll(connections);
            nextTickNanos = System.nanoTime() + TICK_NANOS;
            while (live > 0)
            {
                if (closing && !gaveUp)
                {
                    giveUp();
                }
                releaseBackoffs(System.nanoTime());
                if (null == open)
                {
                    sendClosedLoop();
                }
                else
                {
                    sendOpenLoop();
                }
                if (live == 0)
                {
                    break;
                }
                await();
                final long now = System.nanoTime();
                if (now - nextTickNanos >= 0)
                {
                    expire(now);
                    nextTickNanos = now + TICK_NANOS;
                }
            }
        }
        catch (final IOException ex)
        {
            // the selector failed: the requests in flight stay unaccounted and the connections unfinished
        }
        finally
        {
            for (final LoopConnection c : connections)
            {
                c.drop();
            }
            try
            {
                selector.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
            done.countDown();
        }
    }

    /** Gives up: every request in flight ends as a transport error, no other is sent. Any thread. */
    void close()
    {
        closing = true;
        selector.wakeup();
    }

    /** Requests (or connects) in flight. Any thread. */
    int busy()
    {
        return busy.get();
    }

    /** Connections that have not finished. Any thread. */
    int unfinished()
    {
        return unfinished.get();
    }

    LatencyRecorders recorders()
    {
        return recorders;
    }

    /** Each free connection sends its next request at once, or finishes. */
    private void sendClosedLoop()
    {
        for (int n = free.size(); n > 0 && !free.isEmpty(); n--)
        {
            final LoopConnection c = free.poll();
            final Pace.Ticket ticket = gaveUp ? null : pace.next();
            if (null == ticket)
            {
                finish(c);
            }
            else
            {
                send(c, ticket);
            }
        }
    }

    /** The requests that are due go out on free connections, in order; when the schedule is over they finish. */
    private void sendOpenLoop()
    {
        if (null != pending && pace.stopped())
        {
            open.abandon(pending);
            pending = null;
            exhausted = true;
        }
        for (int n = free.size(); n > 0 && !free.isEmpty(); n--)
        {
            if (null == pending)
            {
                if (exhausted || null == (pending = open.claim()))
                {
                    exhausted = true;
                    break;
                }
            }
            if (pending.intendedNanos() - System.nanoTime() > 0)
            {
                break;
            }
            final Pace.Ticket ticket = pending;
            pending = null;
            send(free.poll(), ticket);
        }
        if (exhausted)
        {
            while (!free.isEmpty())
            {
                finish(free.poll());
            }
        }
    }

    private void send(final LoopConnection c, final Pace.Ticket ticket)
    {
        final boolean measured = ticket.phase() == Pace.Phase.MEASURED;
        final int p = leases.acquire();
        (measured ? measuredTally : warmupTally).sending();
        final long started = System.nanoTime();
        final long from = ticket.scheduled() ? ticket.intendedNanos() : started;
        if (ticket.scheduled() && measured)
        {
            recorders.sentLate(from, started);
        }
        c.busy = true;
        c.presentity = p;
        c.measured = measured;
        c.fromNanos = from;
        c.startedNanos = started;
        busy.lazySet(++inFlight);
        c.prepare(p);
        if (!c.connected())
        {
            try
            {
                if (!c.connect(selector))
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                complete(c, new Answer.Broken("connect", "cannot connect to " + target.text() + ": " + ex));
                return;
            }
        }
        write(c);
    }

    private void write(final LoopConnection c)
    {
        try
        {
            c.interest(c.flush() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        }
        catch (final IOException ex)
        {
            complete(c, new Answer.Broken("io", ex.toString()));
        }
    }

    private void onReady(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final LoopConnection c = (LoopConnection) key.attachment();
        final int ready = key.readyOps();
        if (!c.busy)
        {
            // input on an idle connection: left for the next request to find, as a blocking client would
            c.interest(0);
            return;
        }
        if ((ready & SelectionKey.OP_CONNECT) != 0)
        {
            try
            {
                if (c.finishConnect())
                {
                    write(c);
                }
            }
            catch (final IOException ex)
            {
                complete(c, new Answer.Broken("connect", "cannot connect to " + target.text() + ": " + ex));
            }
            return;
        }
        if ((ready & SelectionKey.OP_WRITE) != 0)
        {
            write(c);
            return;
        }
        if ((ready & SelectionKey.OP_READ) != 0)
        {
            Answer answer;
            try
            {
                answer = c.read(scratch);
            }
            catch (final IOException ex)
            {
                answer = new Answer.Broken("io", ex.toString());
            }
            if (null != answer)
            {
                complete(c, answer);
            }
        }
    }

    /** The request in flight on {@code c} has its outcome: counted, and the connection is free again. */
    private void complete(final LoopConnection c, final Answer answer)
    {
        final long finished = System.nanoTime();
        leases.release(c.presentity);
        (c.measured ? measuredTally : warmupTally).count(answer);
        if (!(answer instanceof Answer.Broken))
        {
            recorders.answered(c.measured, c.fromNanos, finished);
        }
        if (c.measured)
        {
            recorders.measuredEnded(finished);
        }
        c.busy = false;
        busy.lazySet(--inFlight);
        if (answer instanceof Answer.Broken broken)
        {
            c.drop();
            if (broken.kind().equals("connect") && !gaveUp && !pace.stopped())
            {
                c.idleUntilNanos = finished + CONNECT_BACKOFF_NANOS;
                backingOff.add(c);
                return;
            }
        }
        else if (c.closeAfter())
        {
            c.drop();
        }
        free.add(c);
    }

    private void finish(final LoopConnection c)
    {
        c.drop();
        c.finished = true;
        live--;
        unfinished.lazySet(live);
    }

    private void releaseBackoffs(final long now)
    {
        while (!backingOff.isEmpty()
            && (now - backingOff.peek().idleUntilNanos >= 0 || gaveUp || pace.stopped()))
        {
            free.add(backingOff.poll());
        }
    }

    /** Breaks the requests that have waited longer than the request timeout. */
    private void expire(final long now)
    {
        for (final LoopConnection c : connections)
        {
            if (c.busy && now - c.startedNanos > timeoutNanos)
            {
                complete(c, new Answer.Broken("timeout", "no answer within the request timeout"));
            }
        }
    }

    private void giveUp()
    {
        gaveUp = true;
        exhausted = true;
        if (null != pending)
        {
            open.abandon(pending);
            pending = null;
        }
        for (final LoopConnection c : connections)
        {
            if (c.busy)
            {
                complete(c, new Answer.Broken("closed", "connection closed: the run gave up waiting"));
            }
        }
    }

    /** Waits for I/O, the next due request, the end of a back-off or the next tick, whichever comes first. */
    private void await() throws IOException
    {
        final long now = System.nanoTime();
        long deadline = nextTickNanos;
        if (!backingOff.isEmpty() && backingOff.peek().idleUntilNanos - deadline < 0)
        {
            deadline = backingOff.peek().idleUntilNanos;
        }
        boolean precise = false;
        if (!free.isEmpty())
        {
            if (null == open || null == pending)
            {
                deadline = now;
            }
            else if (pending.intendedNanos() - deadline < 0)
            {
                deadline = pending.intendedNanos();
                precise = true;
            }
        }
        final long wait = deadline - now;
        if (wait <= 0 || closing)
        {
            selector.selectNow(onReady);
        }
        else if (!precise)
        {
            selector.select(onReady, (wait + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        }
        else if (wait >= FINE_WAIT_NANOS)
        {
            // wake up early (the selector counts in milliseconds), the rest in fine steps below
            selector.select(onReady, Math.max(1, (wait - NANOS_PER_MILLI) / NANOS_PER_MILLI));
        }
        else
        {
            LockSupport.parkNanos(Math.min(wait, POLL_SLICE_NANOS));
            selector.selectNow(onReady);
        }
    }
}
