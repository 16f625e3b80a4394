package org.puaagent.agent.bench;

import java.util.List;

/**
 * The client side of a run: the connections and the threads that drive them, as {@link BenchRun} watches
 * them. {@link ClientLoops} (binrpc and HTTP targets: a few selector threads drive every connection) or
 * {@link WorkerThreads} (FIFO targets: one blocking thread per connection) or {@link SipClients} (the SIP-direct
 * target: one thread per client, each submitting to the bench's own pipeline). Threading: {@link #start} once,
 * then every method from the watching thread; implementations hand work to their own threads.
 */
interface Clients
{
    /** Starts sending. */
    void start();

    /** Starts each of {@code runs} on a daemon thread of its own, named {@code prefix} and its index. */
    static void startDaemons(final List<? extends Runnable> runs, final String prefix)
    {
        for (int i = 0; i < runs.size(); i++)
        {
            final Thread thread = new Thread(runs.get(i), prefix + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits up to {@code nanos} for every connection to have finished; true if they have. */
    boolean awaitDone(long nanos) throws InterruptedException;

    /** Breaks requests older than the request timeout (a no-op where the sending threads do it themselves). */
    void expire(long nowNanos, long timeoutNanos);

    /** Requests (or connects) in flight now. */
    int busy();

    /** The latency recorders of the sending threads. */
    List<LatencyRecorders> recorders();

    /** Gives up: breaks every connection; requests in flight end as transport errors. */
    void close();

    /** Connections that have not finished (0 once {@link #awaitDone} said so). */
    long unfinished();

    /** When the last measured request ended, or {@code ifNone} if none did or it was not later. */
    default long lastMeasuredNanos(final long ifNone)
    {
        long end = ifNone;
        for (final LatencyRecorders recorders : recorders())
        {
            end = recorders.lastMeasuredNanos(end);
        }
        return end;
    }

    /**
     * What the target adds at the end of the progress line of a slice that just closed (it may note the slice
     * in its own series); nothing by default.
     *
     * @param lengthSeconds the length of the slice
     */
    default String sliceNote(final double lengthSeconds)
    {
        return "";
    }

    /** Called once the load has ended, before the sink is counted: the target's own figures (null: none). */
    default SipFigures finish()
    {
        return null;
    }

    /** Makes the clients of a run once its pace is known. Threading: the watching thread. */
    @FunctionalInterface
    interface Source
    {
        Clients of(Pace pace, PresentityLeases leases, BenchTally warmupTally, BenchTally measuredTally);
    }
}
