package org.puaagent.agent.transport;

/**
 * The two deadlines of a request FIFO with something in progress ({@link FifoTiming}): the quiet deadline, a
 * quiet period after the last byte, handled once per run of bytes; and the abandon deadline, an age counted from
 * when the partial document or request began, which comes even while bytes keep arriving. Times are
 * {@link System#nanoTime()} values. Owner thread only (the FIFO's reader).
 */
final class QuietTimer
{
    private final long quietNanos;
    private final long abandonNanos;
    private long lastByte;
    private long started;
    private boolean busy;
    private boolean quietHandled;

    QuietTimer(final FifoTiming timing)
    {
        this.quietNanos = timing.quietNanos();
        this.abandonNanos = timing.abandonNanos();
    }

    /**
     * Bytes came at {@code now}: whether something is in progress after them, and whether that began with these
     * bytes (a document or request ended in them, so what is in progress now is a new one).
     */
    void bytes(final long now, final boolean busyAfter, final boolean restarted)
    {
        lastByte = now;
        quietHandled = false;
        if (busyAfter && (restarted || !busy))
        {
            started = now;
        }
        busy = busyAfter;
    }

    /** When the next deadline is due, {@link Long#MAX_VALUE} when nothing is in progress. */
    long next()
    {
        if (!busy)
        {
            return Long.MAX_VALUE;
        }
        final long abandon = started + abandonNanos;
        final long quiet = lastByte + quietNanos;
        return quietHandled || abandon - quiet < 0 ? abandon : quiet;
    }

    /** Whether the quiet deadline of the last run of bytes is still to be handled. */
    boolean quietPending()
    {
        return !quietHandled;
    }

    /** Whether what is in progress is older than the abandon age at {@code now}. */
    boolean abandonDue(final long now)
    {
        return busy && now - (started + abandonNanos) >= 0;
    }

    /**
     * The deadline work was done at {@code now}: whether something is still in progress, and whether that is a new
     * partial (bytes were dropped before it; it gets its own abandon age).
     */
    void handled(final long now, final boolean busyAfter, final boolean fresh)
    {
        quietHandled = true;
        if (busyAfter && (fresh || !busy))
        {
            started = now;
        }
        busy = busyAfter;
    }
}
