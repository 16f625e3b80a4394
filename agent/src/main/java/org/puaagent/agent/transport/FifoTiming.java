package org.puaagent.agent.transport;

import java.util.concurrent.TimeUnit;

/**
 * How long a request FIFO may stay quiet before a document or request in progress is taken for a fragment
 * whose writer is gone ({@code quietMillis}: the framer then resynchronises on what follows it), and how long one
 * may stay in progress at all before it is dropped ({@code abandonMillis}). Real clients write a whole request
 * with one write, so the first bounds what a slow writer may pause inside one. Immutable; any thread.
 *
 * @param quietMillis   quiet period after which a partial document is resynchronised
 * @param abandonMillis age after which a partial document or request is dropped whatever follows it
 */
record FifoTiming(long quietMillis, long abandonMillis)
{
    /** Default quiet period: far above the gap between the writes of one request, far below a client's patience. */
    static final long DEFAULT_QUIET_MILLIS = 200;
    /** Default age at which a partial document is dropped. */
    static final long DEFAULT_ABANDON_MILLIS = 2000;
    /** The defaults. */
    static final FifoTiming DEFAULTS = new FifoTiming(DEFAULT_QUIET_MILLIS, DEFAULT_ABANDON_MILLIS);

    FifoTiming
    {
        if (quietMillis <= 0 || abandonMillis < quietMillis)
        {
            throw new IllegalArgumentException("need 0 < quiet <= abandon: " + quietMillis + ", " + abandonMillis);
        }
    }

    long quietNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(quietMillis);
    }

    long abandonNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(abandonMillis);
    }
}
