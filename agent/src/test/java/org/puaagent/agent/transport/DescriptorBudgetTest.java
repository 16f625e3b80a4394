package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Connection caps against the open-file limit: kept when they fit, lowered in proportion when not. */
class DescriptorBudgetTest
{
    @Test
    void capsThatFitAreKept()
    {
        assertArrayEquals(new int[] {1024, 1024, 1024}, DescriptorBudget.fit(new int[] {1024, 1024, 1024}, 20_000));
        assertArrayEquals(new int[] {5, 7}, DescriptorBudget.fit(new int[] {5, 7}, -1), "unknown limit");
    }

    @Test
    void capsThatDoNotFitShareWhatIsLeftInProportion()
    {
        final int[] fitted = DescriptorBudget.fit(new int[] {1024, 1024, 1024}, 1024);
        long sum = 0;
        for (final int cap : fitted)
        {
            sum += cap;
            assertTrue(cap > 0 && cap < 1024);
        }
        assertTrue(sum <= 1024 - DescriptorBudget.RESERVE, "sum " + sum);
        assertArrayEquals(new int[] {fitted[0], fitted[0], fitted[0]}, fitted, "equal caps stay equal");
        final int[] tiny = DescriptorBudget.fit(new int[] {100, 100}, 10);
        assertArrayEquals(new int[] {8, 8}, tiny, "never below the floor");
    }
}
