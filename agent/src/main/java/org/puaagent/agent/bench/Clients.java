package org.puaagent.agent.bench;

import java.util.List;

/**
 * The client side of a run: the connections and the threads that drive them, as {@link BenchRun} watches
 * them. {@link ClientLoops} (binrpc and HTTP targets: a few selector threads drive every connection) or
 * {@link WorkerThreads} (FIFO targets: one blocking thread per connection). Threading: {@link #start} once,
 * then every method from the watching thread; implementations hand work to their own threads.
 */
interface Clients
{
    /** Starts sending. */
    void start();

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

    /** When the last measured request completed, or {@code ifNone} if none did or it was not later. */
    long lastMeasuredNanos(long ifNone);
}
