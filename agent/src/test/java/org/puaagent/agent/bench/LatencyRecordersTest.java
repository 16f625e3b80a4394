package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The end of the last measured request as one sending thread's recorders keep it. */
class LatencyRecordersTest
{
    @Test
    void theLastMeasuredEndIsTheLaterOfItAndTheFallback()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        assertEquals(-5L, recorders.lastMeasuredNanos(-5L), "nothing measured yet");
        recorders.measuredEnded(100L);
        recorders.measuredEnded(150L);
        assertEquals(150L, recorders.lastMeasuredNanos(50L));
        assertEquals(200L, recorders.lastMeasuredNanos(200L), "not later than the fallback");
    }
}
