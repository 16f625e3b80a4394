package org.puaagent.agent.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of the commands submitted and not yet finished by the owner (in the command queue, waiting in
 * their series or subscription, in flight), bodies included, against a limit: the command queue is bounded in
 * entries by {@code --command-queue} and in bytes by this. A submitter reserves its command's estimate before
 * it offers the command ({@link #tryReserve}: one atomic add, and a second one to give it back when it does
 * not fit); the owner releases it when it is done with the command. Any thread.
 */
final class CommandBudget
{
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit the bytes pending commands may take in all (positive) */
    CommandBudget(final long limit)
    {
        if (limit <= 0)
        {
            throw new IllegalArgumentException("a command budget must be positive, not " + limit);
        }
        this.limit = limit;
    }

    /** Reserves {@code bytes}; @return false (and nothing reserved) when they do not fit under the limit */
    boolean tryReserve(final long bytes)
    {
        if (used.addAndGet(bytes) > limit)
        {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #tryReserve} took. */
    void release(final long bytes)
    {
        used.addAndGet(-bytes);
    }

    /** The bytes reserved now. */
    long used()
    {
        return used.get();
    }

    long limit()
    {
        return limit;
    }
}
