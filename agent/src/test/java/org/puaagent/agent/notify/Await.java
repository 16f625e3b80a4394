package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, bounded, for a condition that another thread makes true (no timing is asserted). */
final class Await
{
    static final long LIMIT_MS = 15_000;
    private static final long STEP_MS = 5;

    private Await()
    {
    }

    static void until(final BooleanSupplier condition, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + LIMIT_MS * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("gave up waiting for: " + what.get());
            }
            try
            {
                Thread.sleep(STEP_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what.get());
            }
        }
    }
}
