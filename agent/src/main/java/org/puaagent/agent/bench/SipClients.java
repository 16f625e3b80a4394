package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The clients of the SIP-direct target: one {@link SipWorker} thread each, submitting PUBLISHes to the bench's
 * own pipeline. A worker breaks its own overdue request (it waits at most the request timeout for an outcome),
 * so {@link #expire} does nothing; {@link #close} only stops waiting for the workers. What the run adds for SIP
 * (the NOTIFYs of each slice, the clean-up and the {@link SipFigures}) comes from {@link SipBenchRun}.
 *
 * <p>Threading: see {@link Clients}; the workers are daemon threads.
 */
final class SipClients implements Clients
{
    private final SipWorker.Shared shared;
    private final List<SipWorker> workers;
    private final DoubleFunction<String> sliceNote;
    private final Supplier<SipFigures> finish;
    private volatile boolean givenUp;

    /**
     * @param shared    what the workers share (its latch counts the workers)
     * @param count     how many workers
     * @param sliceNote the progress note of a slice that just closed, by its length in seconds
     * @param finish    the SIP figures, once the load has ended
     */
    SipClients(final SipWorker.Shared shared, final int count, final DoubleFunction<String> sliceNote,
        final Supplier<SipFigures> finish)
    {
        this.shared = shared;
        this.sliceNote = sliceNote;
        this.finish = finish;
        this.workers = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            workers.add(new SipWorker(shared));
        }
    }

    @Override
    public void start()
    {
        Clients.startDaemons(workers, "bench-sip-");
    }

    @Override
    public boolean awaitDone(final long nanos) throws InterruptedException
    {
        return givenUp || shared.done().await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void expire(final long nowNanos, final long timeoutNanos)
    {
        // each worker waits at most the request timeout for its outcome
    }

    @Override
    public int busy()
    {
        int busy = 0;
        for (final SipWorker worker : workers)
        {
            busy += worker.busy() ? 1 : 0;
        }
        return busy;
    }

    @Override
    public List<LatencyRecorders> recorders()
    {
        final List<LatencyRecorders> all = new ArrayList<>(workers.size());
        for (final SipWorker worker : workers)
        {
            all.add(worker.recorders());
        }
        return all;
    }

    /** The workers cannot be broken from outside (not reached in practice): the run stops waiting for them. */
    @Override
    public void close()
    {
        givenUp = true;
    }

    @Override
    public long unfinished()
    {
        return shared.done().getCount();
    }

    @Override
    public String sliceNote(final double lengthSeconds)
    {
        return sliceNote.apply(lengthSeconds);
    }

    @Override
    public SipFigures finish()
    {
        return finish.get();
    }
}
