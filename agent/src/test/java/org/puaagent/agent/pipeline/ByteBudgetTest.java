package org.puaagent.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ByteBudgetTest
{
    @Test
    void newRecordsFitUnderTheLimitAndChangesUnderTheCeiling()
    {
        final ByteBudget budget = new ByteBudget(800);
        assertTrue(budget.admits(800));
        budget.add(700);
        assertFalse(budget.admits(101), "a new record beyond the limit");
        assertTrue(budget.admits(100));
        assertTrue(budget.allowsGrowth(200), "a change may go up to an eighth above: 900");
        assertFalse(budget.allowsGrowth(201));
        assertTrue(budget.allowsGrowth(-50), "shrinking is always allowed");
        assertTrue(budget.allowsGrowth(0));
        budget.add(-700);
        assertEquals(0, budget.used());
        assertTrue(budget.admits(800), "released bytes are free again");
        assertThrows(IllegalArgumentException.class, () -> new ByteBudget(0));
        assertTrue(new ByteBudget(Long.MAX_VALUE).allowsGrowth(Long.MAX_VALUE - 1), "no overflow of the ceiling");
    }

    @Test
    void commandsReserveAndReleaseFromAnyThread() throws InterruptedException
    {
        final CommandBudget budget = new CommandBudget(1000);
        assertTrue(budget.tryReserve(600));
        assertFalse(budget.tryReserve(401), "beyond the limit: refused and nothing reserved");
        assertEquals(600, budget.used());
        assertTrue(budget.tryReserve(400));
        budget.release(1000);
        assertEquals(0, budget.used());

        final int threads = 4;
        final int rounds = 20_000;
        final AtomicInteger over = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++)
        {
            new Thread(() ->
            {
                for (int i = 0; i < rounds; i++)
                {
                    if (budget.tryReserve(300))
                    {
                        if (budget.used() > 1000 + 3 * 300)
                        {
                            over.incrementAndGet();
                        }
                        budget.release(300);
                    }
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(0, budget.used(), "every reservation given back");
        assertEquals(0, over.get(), "never more than the limit plus the reservations racing it");
    }
}
