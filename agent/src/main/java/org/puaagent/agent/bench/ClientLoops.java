package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop engine for socket targets (binrpc over TCP or unix, JSON-RPC over HTTP): {@code --io-threads}
 * {@link ClientLoop}s (at most one per connection), connection i driven by loop {@code i mod K}, all sharing the
 * run's pace, tallies, presentity leases and encoded requests ({@link RequestBytes}). Each loop breaks its own
 * overdue requests, so {@link #expire} does nothing.
 *
 * <p>Threading: see {@link Clients}; the loops run on daemon threads {@code bench-io-<i>}.
 */
final class ClientLoops implements Clients
{
    private final List<ClientLoop> loops;
    private final CountDownLatch done;

    ClientLoops(final BenchOptions options, final Pace pace, final PublishWorkload workload,
        final PresentityLeases leases, final BenchTally warmupTally, final BenchTally measuredTally)
    {
        this(options, pace, workload, leases, warmupTally, measuredTally, 0);
    }

    /** @param sendBufferBytes the sockets' send buffer, 0 for the system's (a test makes it small) */
    ClientLoops(final BenchOptions options, final Pace pace, final PublishWorkload workload,
        final PresentityLeases leases, final BenchTally warmupTally, final BenchTally measuredTally,
        final int sendBufferBytes)
    {
        final int n = options.concurrency();
        final int k = Math.max(1, Math.min(options.ioThreads(), n));
        final RequestBytes requests = RequestBytes.of(options.target(), options.method(), workload,
            options.presentities());
        final List<List<LoopConnection>> shares = new ArrayList<>(k);
        for (int i = 0; i < k; i++)
        {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++)
        {
            shares.get(i % k).add(new LoopConnection(options.target(), requests, sendBufferBytes));
        }
        this.done = new CountDownLatch(k);
        this.loops = new ArrayList<>(k);
        final long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMillis());
        for (final List<LoopConnection> share : shares)
        {
            loops.add(new ClientLoop(options.target(), pace, leases, warmupTally, measuredTally, timeoutNanos, share,
                done));
        }
    }

    @Override
    public void start()
    {
        Clients.startDaemons(loops, "bench-io-");
    }

    @Override
    public boolean awaitDone(final long nanos) throws InterruptedException
    {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void expire(final long nowNanos, final long timeoutNanos)
    {
        // each loop breaks its own overdue requests
    }

    @Override
    public int busy()
    {
        int busy = 0;
        for (final ClientLoop loop : loops)
        {
            busy += loop.busy();
        }
        return busy;
    }

    @Override
    public List<LatencyRecorders> recorders()
    {
        final List<LatencyRecorders> all = new ArrayList<>(loops.size());
        for (final ClientLoop loop : loops)
        {
            all.add(loop.recorders());
        }
        return all;
    }

    @Override
    public void close()
    {
        for (final ClientLoop loop : loops)
        {
            loop.close();
        }
    }

    @Override
    public long unfinished()
    {
        long n = 0;
        for (final ClientLoop loop : loops)
        {
            n += loop.unfinished();
        }
        return n;
    }
}
