package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Presentities are handed out in turn, never one that is in flight while a free one exists. */
class PresentityLeasesTest
{
    @Test
    void presentitiesComeInTurnAndBusyOnesAreSkipped()
    {
        final PresentityLeases leases = new PresentityLeases(4, 2);
        assertEquals(0, leases.acquire());
        assertEquals(1, leases.acquire());
        leases.release(1);
        assertEquals(2, leases.acquire());
        assertEquals(3, leases.acquire());
        // 0 is still in flight: skipped
        assertEquals(1, leases.acquire());
        assertEquals(0, leases.duplicates());
    }

    @Test
    void moreRequestsInFlightThanPresentitiesAreCountedAsDuplicates()
    {
        final PresentityLeases leases = new PresentityLeases(2, 3);
        final int a = leases.acquire();
        final int b = leases.acquire();
        assertNotEquals(a, b);
        leases.acquire();
        assertEquals(1, leases.duplicates());
        leases.acquire();
        assertEquals(2, leases.duplicates());
    }

    @Test
    void withMorePresentitiesThanInFlightThereIsNeverADuplicate()
    {
        final long seed = 20_261_127L;
        final Random random = new Random(seed);
        final int inFlight = 16;
        final PresentityLeases leases = new PresentityLeases(17, inFlight);
        final Deque<Integer> held = new ArrayDeque<>();
        final Set<Integer> busy = new HashSet<>();
        for (int step = 0; step < 10_000; step++)
        {
            if (held.size() == inFlight || (!held.isEmpty() && random.nextBoolean()))
            {
                final int p = random.nextBoolean() ? held.removeFirst() : held.removeLast();
                busy.remove(p);
                leases.release(p);
            }
            else
            {
                final int p = leases.acquire();
                assertEquals(true, busy.add(p), "seed " + seed + " step " + step + ": " + p + " handed out twice");
                held.add(p);
            }
        }
        assertEquals(0, leases.duplicates(), "seed " + seed);
    }
}
