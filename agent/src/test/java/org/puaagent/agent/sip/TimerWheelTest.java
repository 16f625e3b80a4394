package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timer wheel on a hand-driven clock. */
class TimerWheelTest
{
    private static final long TICK = 10;
    private static final long START = 1_000_000;

    private final List<String> fired = new ArrayList<>();
    private final List<Long> firedAt = new ArrayList<>();
    private int errors;
    private long now = START;
    private final TimerWheel wheel = new TimerWheel(TICK, 8, START, () -> errors++);

    private final class Recording extends TimerWheel.Timer
    {
        private final String name;

        Recording(final String name)
        {
            this.name = name;
        }

        @Override
        protected void onExpire(final long deadlineMillis)
        {
            fired.add(name);
            firedAt.add(now);
        }
    }

    @Test
    void firesNeverBeforeTheDeadlineAndAtMostOneTickLate()
    {
        final Random random = new Random(7);
        final List<Long> deadlines = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            final long deadline = START + random.nextInt(2000);
            deadlines.add(deadline);
            wheel.schedule(new Recording(Integer.toString(i)), deadline);
        }
        for (now = START; now <= START + 2100; now++)
        {
            wheel.expire(now);
        }
        assertEquals(200, fired.size(), "seed 7");
        for (int i = 0; i < fired.size(); i++)
        {
            final long deadline = deadlines.get(Integer.parseInt(fired.get(i)));
            assertTrue(firedAt.get(i) >= deadline, "early: " + firedAt.get(i) + " < " + deadline);
            assertTrue(firedAt.get(i) < deadline + TICK, "late: " + firedAt.get(i) + " vs " + deadline);
        }
        assertEquals(0, wheel.size());
    }

    @Test
    void timersBeyondOneRotationWaitForTheirTurn()
    {
        final Recording far = new Recording("far");
        wheel.schedule(far, START + 8 * TICK * 3 + 5);
        now = START + 8 * TICK * 3;
        for (long t = START; t <= now; t += TICK)
        {
            wheel.expire(t);
        }
        assertTrue(fired.isEmpty());
        assertTrue(far.isScheduled());
        now += TICK;
        wheel.expire(now);
        assertEquals(List.of("far"), fired);
    }

    @Test
    void aLongPauseFiresEverythingDueOnce()
    {
        for (int i = 0; i < 50; i++)
        {
            wheel.schedule(new Recording("t" + i), START + i * 37L);
        }
        now = START + 10_000;
        assertEquals(50, wheel.expire(now));
        assertEquals(50, fired.size());
        assertEquals(0, wheel.expire(now + TICK));
    }

    @Test
    void cancelAndRescheduleWork()
    {
        final Recording cancelled = new Recording("cancelled");
        final Recording moved = new Recording("moved");
        wheel.schedule(cancelled, START + 50);
        wheel.schedule(moved, START + 50);
        wheel.cancel(cancelled);
        wheel.schedule(moved, START + 500);
        assertFalse(cancelled.isScheduled());
        assertEquals(1, wheel.size());
        now = START + 100;
        wheel.expire(now);
        assertTrue(fired.isEmpty());
        now = START + 510;
        wheel.expire(now);
        assertEquals(List.of("moved"), fired);
    }

    @Test
    void aTimerCancelledByAnotherInTheSameBatchDoesNotFire()
    {
        final Recording victim = new Recording("victim");
        final TimerWheel.Timer killer = new TimerWheel.Timer()
        {
            @Override
            protected void onExpire(final long deadlineMillis)
            {
                fired.add("killer");
                wheel.cancel(victim);
            }
        };
        wheel.schedule(victim, START + 20);
        wheel.schedule(killer, START + 20);
        now = START + 20;
        wheel.expire(now);
        assertEquals(List.of("killer"), fired);
    }

    @Test
    void aThrowingTimerIsCountedAndTheOthersStillFire()
    {
        final TimerWheel.Timer bad = new TimerWheel.Timer()
        {
            @Override
            protected void onExpire(final long deadlineMillis)
            {
                throw new IllegalStateException("boom");
            }
        };
        wheel.schedule(bad, START + 10);
        wheel.schedule(new Recording("good"), START + 10);
        now = START + 10;
        wheel.expire(now);
        assertEquals(List.of("good"), fired);
        assertEquals(1, errors);
    }

    @Test
    void aPastDeadlineFiresAtTheNextExpire()
    {
        now = START + 1000;
        wheel.expire(now);
        wheel.schedule(new Recording("late"), START);
        assertTrue(fired.isEmpty());
        now += TICK;
        wheel.expire(now);
        assertEquals(List.of("late"), fired);
    }
}
