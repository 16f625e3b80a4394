package org.puaagent.agent.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.puaagent.agent.pipeline.PublishOutcome;

/**
 * One PUBLISH of the SIP-direct target on its way through the pipeline: the pipeline's completion
 * ({@link #accept}, on the pipeline owner thread, never blocks) hands the outcome to the worker that waits in
 * {@link #await}. A second completion of the same call is counted in {@code duplicates} and otherwise ignored.
 *
 * <p>Threading: created and awaited by one worker thread; {@link #accept} from any thread.
 */
final class PublishCall implements Consumer<PublishOutcome>
{
    private final Thread waiter = Thread.currentThread();
    private final AtomicInteger completions = new AtomicInteger();
    private final LongAdder duplicates;
    private volatile PublishOutcome outcome;

    /** @param duplicates where second completions are counted */
    PublishCall(final LongAdder duplicates)
    {
        this.duplicates = duplicates;
    }

    @Override
    public void accept(final PublishOutcome value)
    {
        if (0 == completions.getAndIncrement())
        {
            outcome = value;
            LockSupport.unpark(waiter);
        }
        else
        {
            duplicates.increment();
        }
    }

    /** Waits for the outcome until {@code deadlineNanos} ({@link System#nanoTime()} clock); null when none came. */
    PublishOutcome await(final long deadlineNanos)
    {
        PublishOutcome o;
        while (null == (o = outcome))
        {
            final long left = deadlineNanos - System.nanoTime();
            if (left <= 0)
            {
                return null;
            }
            LockSupport.parkNanos(this, left);
        }
        return o;
    }
}
