package org.puaagent.agent.rpc;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters for the RPC side of the agent: requests per method and transport, replies by outcome,
 * error classes. Any thread may increment or read; increments are one {@link LongAdder} add after the
 * first use of a name.
 */
public final class AgentCounters
{
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final LongAdder repliesOk = adder("replies.ok");

    /** The hot counter of successful replies. */
    public LongAdder repliesOk()
    {
        return repliesOk;
    }

    public void increment(final String name)
    {
        add(name, 1);
    }

    public void add(final String name, final long delta)
    {
        LongAdder adder = counters.get(name);
        if (null == adder)
        {
            adder = counters.computeIfAbsent(name, k -> new LongAdder());
        }
        adder.add(delta);
    }

    /** The counter of that name, created at zero if new: hold it to count without a map lookup. */
    public LongAdder adder(final String name)
    {
        return counters.computeIfAbsent(name, k -> new LongAdder());
    }

    public long get(final String name)
    {
        final LongAdder adder = counters.get(name);
        return null == adder ? 0 : adder.sum();
    }

    /** A sorted copy of every counter. */
    public Map<String, Long> snapshot()
    {
        final Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
