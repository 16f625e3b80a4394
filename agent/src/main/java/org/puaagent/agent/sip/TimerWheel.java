package org.puaagent.agent.sip;

import org.puaagent.agent.runtime.Fatal;

import java.util.ArrayDeque;

/**
 * A hashed timer wheel driven by its owner's duty cycle: {@link #expire(long)} fires every timer whose
 * deadline has passed. Timers are intrusive (a {@link Timer} is its own list node), so scheduling,
 * rescheduling and cancelling are O(1) and allocate nothing. A timer never fires before its deadline; it
 * fires at most one tick late after the owner calls {@link #expire(long)}. Each slot visit compares deadline
 * ticks, so timers farther away than one rotation simply stay in their slot until their turn.
 *
 * <p>A timer whose callback throws is counted ({@code onError}) and the others still fire; an Error ends the
 * process ({@link Fatal#check}).
 *
 * <p>Not thread-safe: owner thread only (schedule, cancel, expire, and the timers' callbacks all run on it).
 */
public final class TimerWheel
{
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int FIRING = 2;

    private final long tickMillis;
    private final long startMillis;
    private final int mask;
    private final Timer[] heads;
    private final ArrayDeque<Timer> due = new ArrayDeque<>();
    private final Runnable onError;
    private long processedTick;
    private int scheduledCount;

    /**
     * @param tickMillis  the resolution (e.g. 10 ms)
     * @param slots       the number of slots, a power of two
     * @param startMillis the current time of the owner's clock
     * @param onError     run when a timer callback throws (the wheel goes on with the other timers)
     */
    public TimerWheel(final long tickMillis, final int slots, final long startMillis, final Runnable onError)
    {
        if (tickMillis <= 0)
        {
            throw new IllegalArgumentException("tickMillis must be positive: " + tickMillis);
        }
        if (slots <= 0 || Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.tickMillis = tickMillis;
        this.startMillis = startMillis;
        this.mask = slots - 1;
        this.heads = new Timer[slots];
        this.processedTick = 0;
        this.onError = onError;
    }

    /**
     * Schedules (or reschedules) a timer. A deadline in the past fires at the next {@link #expire(long)}.
     *
     * @param timer          the timer, scheduled or not
     * @param deadlineMillis when it is due, on the owner's clock
     */
    public void schedule(final Timer timer, final long deadlineMillis)
    {
        if (SCHEDULED == timer.state)
        {
            unlink(timer);
        }
        final long sinceStart = Math.max(0, deadlineMillis - startMillis);
        final long deadlineTick = (sinceStart + tickMillis - 1) / tickMillis;
        final long tick = Math.max(deadlineTick, processedTick + 1);
        timer.deadlineMillis = deadlineMillis;
        timer.deadlineTick = deadlineTick;
        timer.slot = (int)(tick & mask);
        timer.state = SCHEDULED;
        final Timer head = heads[timer.slot];
        timer.prev = null;
        timer.next = head;
        if (null != head)
        {
            head.prev = timer;
        }
        heads[timer.slot] = timer;
        scheduledCount++;
    }

    /**
     * Cancels a timer; nothing happens when it is not scheduled. A timer cancelled while a batch of due
     * timers is being fired does not fire.
     */
    public void cancel(final Timer timer)
    {
        if (SCHEDULED == timer.state)
        {
            unlink(timer);
        }
        timer.state = IDLE;
    }

    /**
     * Fires every timer due at {@code nowMillis}.
     *
     * @return the number of timers fired
     */
    public int expire(final long nowMillis)
    {
        final long nowTick = Math.max(0, nowMillis - startMillis) / tickMillis;
        if (nowTick <= processedTick)
        {
            return 0;
        }
        int fired = 0;
        final long lastTick = nowTick;
        long tick = processedTick + 1;
        final long firstTick = Math.max(tick, lastTick - mask);
        tick = firstTick;
        while (tick <= lastTick)
        {
            processedTick = tick;
            collectDue(heads[(int)(tick & mask)], lastTick);
            fired += fireDue();
            tick++;
        }
        return fired;
    }

    /** The number of scheduled timers. */
    public int size()
    {
        return scheduledCount;
    }

    private void collectDue(final Timer head, final long nowTick)
    {
        Timer timer = head;
        while (null != timer)
        {
            final Timer next = timer.next;
            if (timer.deadlineTick <= nowTick)
            {
                unlink(timer);
                timer.state = FIRING;
                due.add(timer);
            }
            timer = next;
        }
    }

    private int fireDue()
    {
        int fired = 0;
        Timer timer;
        while (null != (timer = due.poll()))
        {
            if (FIRING == timer.state)
            {
                timer.state = IDLE;
                fired++;
                try
                {
                    timer.onExpire(timer.deadlineMillis);
                }
                catch (final Throwable failure)
                {
                    Fatal.check(failure);
                    onError.run();
                }
            }
        }
        return fired;
    }

    private void unlink(final Timer timer)
    {
        final Timer prev = timer.prev;
        final Timer next = timer.next;
        if (null != prev)
        {
            prev.next = next;
        }
        else
        {
            heads[timer.slot] = next;
        }
        if (null != next)
        {
            next.prev = prev;
        }
        timer.prev = null;
        timer.next = null;
        timer.state = IDLE;
        scheduledCount--;
    }

    /**
     * A timer of this wheel. Subclass it (a transaction or a series is its own timer). Owner thread only.
     */
    public abstract static class Timer
    {
        private Timer prev;
        private Timer next;
        private long deadlineMillis;
        private long deadlineTick;
        private int slot;
        private int state = IDLE;

        /** Whether the timer is scheduled and has not fired yet. */
        public final boolean isScheduled()
        {
            return SCHEDULED == state;
        }

        /** The deadline it was last scheduled for. */
        public final long deadlineMillis()
        {
            return deadlineMillis;
        }

        /**
         * Called on the owner thread when the timer is due; it may reschedule itself.
         *
         * @param deadlineMillis the deadline it was scheduled for
         */
        protected abstract void onExpire(long deadlineMillis);
    }
}
