package org.puaagent.agent.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One client connection of a run: on its own thread, asks the {@link Pace} for the next request (at once in the
 * closed loop, when it is due in the open loop), sends it on its connection, waits for the answer, counts it,
 * and asks again, until the pace says stop. Each request publishes the presentity {@link PresentityLeases}
 * gives it. Latencies of answered requests (replies and faults) are recorded in microseconds, from the send in
 * the closed loop and from the time the request was due in the open loop; in the open loop how late each
 * request went out is recorded too (the schedule lag).
 *
 * <p>Used for FIFO targets ({@link WorkerThreads}); sockets are driven by {@link ClientLoop}s.
 *
 * <p>Threading: {@link #run} on the worker thread; the recorders may be read from one other thread.
 */
final class BenchWorker implements Runnable
{
    private static final long CONNECT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BenchConnection connection;
    private final Pace pace;
    private final PublishWorkload workload;
    private final PresentityLeases presentities;
    private final String method;
    private final BenchTally warmupTally;
    private final BenchTally measuredTally;
    private final CountDownLatch done;
    private final LatencyRecorders recorders = new LatencyRecorders();

    BenchWorker(final BenchConnection connection, final Pace pace, final PublishWorkload workload,
        final PresentityLeases presentities, final String method, final BenchTally warmupTally,
        final BenchTally measuredTally, final CountDownLatch done)
    {
        this.connection = connection;
        this.pace = pace;
        this.workload = workload;
        this.presentities = presentities;
        this.method = method;
        this.warmupTally = warmupTally;
        this.measuredTally = measuredTally;
        this.done = done;
    }

    @Override
    public void run()
    {
        try
        {
            int sequence = 0;
            Pace.Ticket ticket;
            while (null != (ticket = pace.next()))
            {
                final boolean measured = ticket.phase() == Pace.Phase.MEASURED;
                final BenchTally tally = measured ? measuredTally : warmupTally;
                final int presentity = presentities.acquire();
                tally.sending();
                final long started = System.nanoTime();
                final long from = ticket.scheduled() ? ticket.intendedNanos() : started;
                if (ticket.scheduled() && measured)
                {
                    recorders.sentLate(from, started);
                }
                final Answer answer = connection.call(++sequence, method, workload.params(presentity));
                final long finished = System.nanoTime();
                presentities.release(presentity);
                tally.count(answer);
                if (!(answer instanceof Answer.Broken))
                {
                    recorders.answered(measured, from, finished);
                }
                if (measured)
                {
                    recorders.measuredEnded(finished);
                }
                if (answer instanceof Answer.Broken b && b.kind().equals("connect"))
                {
                    backOff();
                }
            }
        }
        finally
        {
            connection.close();
            done.countDown();
        }
    }

    private void backOff()
    {
        final long until = System.nanoTime() + CONNECT_BACKOFF_NANOS;
        while (!pace.stopped() && System.nanoTime() - until < 0)
        {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    BenchConnection connection()
    {
        return connection;
    }

    LatencyRecorders recorders()
    {
        return recorders;
    }
}
