package org.puaagent.agent.transport.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * The bytes of request bodies being received on one listener, all connections together, against
 * {@link HttpLimits#bodyBudgetBytes()}: a thousand heads that each announce a megabyte cost nothing until the bytes
 * come, and the bytes that do come cannot exceed the budget. A body is charged as its buffer grows and released
 * when it is handed on (or its connection closes).
 *
 * <p>Threading: any thread (one atomic).
 */
final class BodyBudget
{
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final LongAdder refusals;
    private final LongAdder held;

    BodyBudget(final long limit, final AgentCounters counters)
    {
        this.limit = limit;
        this.refusals = counters.adder("errors.http_body_budget");
        this.held = counters.adder("http.body_bytes_held");
    }

    /** Charges {@code bytes}; false (counted, nothing charged) when the budget cannot take them. */
    boolean charge(final long bytes)
    {
        long now;
        do
        {
            now = used.get();
            if (now + bytes > limit)
            {
                refusals.increment();
                return false;
            }
        }
        while (!used.compareAndSet(now, now + bytes));
        held.add(bytes);
        return true;
    }

    void release(final long bytes)
    {
        used.addAndGet(-bytes);
        held.add(-bytes);
    }

    /** Bytes charged now. */
    long used()
    {
        return used.get();
    }
}
