package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ration of events per second on a hand-driven clock. */
class RationTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullSecondAtOnceThenOneEveryShareOfASecond()
    {
        final long start = System.nanoTime();
        final Ration ration = new Ration(100, start);
        int taken = 0;
        while (ration.tryTake(start))
        {
            taken++;
        }
        assertEquals(100, taken, "a quiet second's worth at once");
        assertFalse(ration.tryTake(start + SECOND / 100 - 1));
        assertTrue(ration.tryTake(start + SECOND / 100), "one more after a hundredth of a second");
        assertFalse(ration.tryTake(start + SECOND / 100));
        int later = 0;
        while (ration.tryTake(start + 10 * SECOND))
        {
            later++;
        }
        assertEquals(100, later, "credit is capped at one second, however long the quiet");
        assertTrue(!ration.tryTake(start + 5 * SECOND), "a clock that goes back gives nothing");
    }

    @Test
    void aRationIsPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new Ration(0));
    }
}
