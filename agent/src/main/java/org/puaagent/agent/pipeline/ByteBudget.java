package org.puaagent.agent.pipeline;

/**
 * The bytes one store of the owner holds (publications, subscriptions) against its limit. A new record is
 * admitted only while it fits under the limit; a change of an existing record (a modify with a larger body, a
 * NOTIFY with a larger state) may take the store up to a ceiling {@value #HEADROOM_DIVISOR}th above it, so
 * that the records already held keep changing when the store is full; releasing always works. The store
 * reports every change of a record's size ({@link #add}), from lengths it has at hand: no scan. Owner thread
 * only.
 */
final class ByteBudget
{
    /** Changes of existing records may go this fraction (1/n) of the limit above it. */
    static final int HEADROOM_DIVISOR = 8;

    private final long limit;
    private final long ceiling;
    private long used;

    /** @param limit the bytes new records may take in all (positive) */
    ByteBudget(final long limit)
    {
        if (limit <= 0)
        {
            throw new IllegalArgumentException("a byte budget must be positive, not " + limit);
        }
        this.limit = limit;
        final long headroom = limit / HEADROOM_DIVISOR;
        this.ceiling = limit > Long.MAX_VALUE - headroom ? Long.MAX_VALUE : limit + headroom;
    }

    /** Whether a new record of {@code bytes} fits under the limit. */
    boolean admits(final long bytes)
    {
        return used + bytes <= limit;
    }

    /** Whether an existing record may grow by {@code bytes} (always when it does not grow). */
    boolean allowsGrowth(final long bytes)
    {
        return bytes <= 0 || used + bytes <= ceiling;
    }

    /** A record was added, grew ({@code delta > 0}), shrank or went ({@code delta < 0}). */
    void add(final long delta)
    {
        used += delta;
    }

    /** Everything was dropped (shutdown). */
    void clear()
    {
        used = 0;
    }

    /** The bytes held now. */
    long used()
    {
        return used;
    }

    /** The limit for new records. */
    long limit()
    {
        return limit;
    }
}
