package org.puaagent.agent.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.SingleWriterRecorder;

/**
 * One closed-loop client: on its own thread, sends a request on its connection, waits for the answer, counts
 * it, and sends the next one, until the {@link BenchSchedule} says stop. The n-th request of worker w (of c)
 * publishes presentity {@code w + n*c}, so workers never share a sequence. Latencies of answered requests
 * (replies and faults) are recorded in microseconds.
 *
 * <p>Threading: {@link #run} on the worker thread; the recorders' interval histograms and
 * {@link #lastMeasuredNanos()} may be read from any thread.
 */
final class BenchWorker implements Runnable
{
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long CONNECT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long NANOS_PER_MICRO = 1000;

    private final int index;
    private final int workers;
    private final BenchConnection connection;
    private final BenchSchedule schedule;
    private final PublishWorkload workload;
    private final String method;
    private final BenchTally warmupTally;
    private final BenchTally measuredTally;
    private final CountDownLatch done;
    private final SingleWriterRecorder warmupLatency = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder measuredLatency = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    private volatile long lastMeasuredNanos;
    private volatile boolean measuredAny;

    BenchWorker(final int index, final int workers, final BenchConnection connection, final BenchSchedule schedule,
        final PublishWorkload workload, final String method, final BenchTally warmupTally,
        final BenchTally measuredTally, final CountDownLatch done)
    {
        this.index = index;
        this.workers = workers;
        this.connection = connection;
        this.schedule = schedule;
        this.workload = workload;
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
            long n = index;
            int sequence = 0;
            BenchSchedule.Phase phase;
            while ((phase = schedule.next()) != BenchSchedule.Phase.STOP)
            {
                final boolean measured = phase == BenchSchedule.Phase.MEASURED;
                final long started = System.nanoTime();
                final Answer answer = connection.call(++sequence, method, workload.params(n));
                final long finished = System.nanoTime();
                n += workers;
                if (n < 0)
                {
                    n = index;
                }
                (measured ? measuredTally : warmupTally).count(answer);
                if (!(answer instanceof Answer.Broken))
                {
                    final long micros = Math.max(1, (finished - started) / NANOS_PER_MICRO);
                    (measured ? measuredLatency : warmupLatency).recordValue(micros);
                }
                if (measured)
                {
                    lastMeasuredNanos = finished;
                    measuredAny = true;
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
        while (!schedule.stopped() && System.nanoTime() - until < 0)
        {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    BenchConnection connection()
    {
        return connection;
    }

    SingleWriterRecorder warmupLatency()
    {
        return warmupLatency;
    }

    SingleWriterRecorder measuredLatency()
    {
        return measuredLatency;
    }

    /** When the last measured request completed; meaningful only if {@link #measuredAny()}. */
    long lastMeasuredNanos()
    {
        return lastMeasuredNanos;
    }

    boolean measuredAny()
    {
        return measuredAny;
    }
}
