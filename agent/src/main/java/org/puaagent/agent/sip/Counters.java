package org.puaagent.agent.sip;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of named event counters. Each counter sits on its own cache line, so counters written by
 * different threads do not slow each other down. Incrementing: any thread. Reading: any thread (each value
 * is read atomically; a snapshot of several counters is not one instant).
 */
public final class Counters
{
    private static final int STRIDE = 8;

    private final String[] names;
    private final AtomicLongArray values;

    /**
     * @param names the counter names; the index of a name is its counter id
     */
    public Counters(final String... names)
    {
        this.names = names.clone();
        this.values = new AtomicLongArray(names.length * STRIDE);
    }

    /** Adds one to counter {@code id}. */
    public void increment(final int id)
    {
        values.getAndIncrement(id * STRIDE);
    }

    /** Adds {@code delta} to counter {@code id}. */
    public void add(final int id, final long delta)
    {
        values.getAndAdd(id * STRIDE, delta);
    }

    /** Sets counter {@code id} (a gauge written by one thread). */
    public void set(final int id, final long value)
    {
        values.lazySet(id * STRIDE, value);
    }

    /** The value of counter {@code id}. */
    public long get(final int id)
    {
        return values.get(id * STRIDE);
    }

    /** Puts every counter, named {@code prefix + name}, into {@code into}. */
    public void snapshotInto(final String prefix, final Map<String, Long> into)
    {
        for (int i = 0; i < names.length; i++)
        {
            into.put(prefix + names[i], values.get(i * STRIDE));
        }
    }
}
