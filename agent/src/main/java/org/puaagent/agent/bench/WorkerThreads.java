package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One blocking {@link BenchWorker} thread per connection: the engine for FIFO targets (a FIFO cannot be put
 * in a selector). The watcher breaks overdue requests by closing their channel ({@link #expire}).
 *
 * <p>Threading: see {@link Clients}; the workers are daemon threads.
 */
final class WorkerThreads implements Clients
{
    private final List<BenchWorker> workers;
    private final CountDownLatch done;

    WorkerThreads(final BenchOptions options, final Pace pace, final PublishWorkload workload,
        final PresentityLeases leases, final BenchTally warmupTally, final BenchTally measuredTally)
    {
        final int n = options.concurrency();
        this.done = new CountDownLatch(n);
        this.workers = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            workers.add(new BenchWorker(BenchConnection.to(options.target()), pace, workload, leases,
                options.method(), warmupTally, measuredTally, done));
        }
    }

    @Override
    public void start()
    {
        Clients.startDaemons(workers, "bench-");
    }

    @Override
    public boolean awaitDone(final long nanos) throws InterruptedException
    {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void expire(final long nowNanos, final long timeoutNanos)
    {
        for (final BenchWorker worker : workers)
        {
            worker.connection().expire(nowNanos, timeoutNanos);
        }
    }

    @Override
    public int busy()
    {
        int busy = 0;
        for (final BenchWorker worker : workers)
        {
            busy += worker.connection().busy() ? 1 : 0;
        }
        return busy;
    }

    @Override
    public List<LatencyRecorders> recorders()
    {
        final List<LatencyRecorders> all = new ArrayList<>(workers.size());
        for (final BenchWorker worker : workers)
        {
            all.add(worker.recorders());
        }
        return all;
    }

    @Override
    public void close()
    {
        for (final BenchWorker worker : workers)
        {
            worker.connection().close();
        }
    }

    @Override
    public long unfinished()
    {
        return done.getCount();
    }
}
