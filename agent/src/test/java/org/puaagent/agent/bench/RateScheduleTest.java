package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The open loop's schedule as arithmetic: due times, counts, ramps up and down, no clock. */
class RateScheduleTest
{
    private static final double EPS = 1e-9;

    @Test
    void aConstantRateSpacesRequestsEvenly()
    {
        final RateSchedule s = RateSchedule.of(0, 0, 0, 500);
        assertEquals(0.0, s.secondsOf(0), EPS);
        assertEquals(0.002, s.secondsOf(1), EPS);
        assertEquals(2.0, s.secondsOf(1000), EPS);
        assertEquals(1000, s.firstAtOrAfter(2_000_000_000L));
        assertEquals(500, s.rateAt(7.5), EPS);
    }

    @Test
    void theWarmupRunsAtTheStartRateAndTheRampStartsAfterIt()
    {
        // 1 s warm-up at 100/s, ramp 100 -> 300/s over 2 s, then 300/s
        final RateSchedule s = RateSchedule.of(1, 100, 2, 300);
        assertEquals(100, s.rateAt(0.5), EPS);
        assertEquals(200, s.rateAt(2.0), EPS);
        assertEquals(300, s.rateAt(3.0), EPS);
        assertEquals(300, s.rateAt(60), EPS);
        assertEquals(100, s.dueBefore(1), EPS);
        // ramp integral: 100*1 + 100/2*1 = 150 in its first second, 400 over its 2 s
        assertEquals(250, s.dueBefore(2), EPS);
        assertEquals(500, s.dueBefore(3), EPS);
        assertEquals(800, s.dueBefore(4), EPS);
        assertEquals(1.0, s.secondsOf(100), EPS);
        assertEquals(2.0, s.secondsOf(250), 1e-6);
        assertEquals(3.0, s.secondsOf(500), 1e-6);
        assertEquals(4.0, s.secondsOf(800), 1e-6);
    }

    @Test
    void dueTimesInvertTheCountAndNeverGoBackwards()
    {
        final RateSchedule[] schedules = {RateSchedule.of(0.5, 0, 3, 1000), RateSchedule.of(0, 2000, 1.5, 10),
            RateSchedule.of(2, 37.5, 0.25, 12_345.6), RateSchedule.of(0, 0, 0, 0.5)};
        for (final RateSchedule s : schedules)
        {
            double previous = -1;
            for (long k = 0; k < 5000; k++)
            {
                final double t = s.secondsOf(k);
                assertTrue(t >= previous, "request " + k + " due at " + t + " before request " + (k - 1));
                assertEquals(k, s.dueBefore(t), 1e-6 * Math.max(1, k), "request " + k);
                previous = t;
            }
        }
    }

    @Test
    void aRampFromZeroStartsWithTheRamp()
    {
        // no request in the warm-up at rate 0; ramp 0 -> 1000/s over 1 s holds 500 requests
        final RateSchedule s = RateSchedule.of(2, 0, 1, 1000);
        assertEquals(2.0, s.secondsOf(0), EPS);
        assertEquals(0, s.dueBefore(2), EPS);
        assertEquals(500, s.dueBefore(3), EPS);
        assertEquals(2 + Math.sqrt(2 * 50 / 1000.0), s.secondsOf(50), 1e-9);
        assertEquals(0, s.firstAtOrAfter(1));
        assertEquals(500, s.firstAtOrAfter(3_000_000_000L));
    }

    @Test
    void aRampDownSlowsTheRequestsDown()
    {
        final RateSchedule s = RateSchedule.of(0, 1000, 1, 100);
        // 550 requests in the ramp; after it one every 10 ms
        assertEquals(550, s.dueBefore(1), 1e-9);
        assertEquals(1.0, s.secondsOf(550), 1e-6);
        assertEquals(1.01, s.secondsOf(551), 1e-6);
        assertTrue(s.secondsOf(1) - s.secondsOf(0) < s.secondsOf(549) - s.secondsOf(548));
    }

    @Test
    void firstAtOrAfterAgreesWithTheDueTimes()
    {
        final RateSchedule s = RateSchedule.of(0.3, 250, 1.7, 777);
        for (long nanos = 1; nanos < 4_000_000_000L; nanos += 12_345_679)
        {
            final long k = s.firstAtOrAfter(nanos);
            assertTrue(s.nanosOf(k) >= nanos, "request " + k + " is due before " + nanos);
            assertTrue(k == 0 || s.nanosOf(k - 1) < nanos, "request " + (k - 1) + " is due at or after " + nanos);
        }
    }

    @Test
    void aZeroOrNegativeRateIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(0, -1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(-1, 1, 1, 10));
    }
}
