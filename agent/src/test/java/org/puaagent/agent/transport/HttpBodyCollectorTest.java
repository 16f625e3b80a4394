package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link HttpBodyCollector} on its own (no exchange needed: it only passes it through): chunks in, exactly one
 * outcome out, the body byte for byte, the cap held.
 */
class HttpBodyCollectorTest
{
    private static final long SEED = 0xB0D1L;
    private static final int MAX = 10_000;

    private record Outcome(HttpBodyCollector.Outcome outcome, byte[] body)
    {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    private HttpBodyCollector collector(final long declaredLength)
    {
        return new HttpBodyCollector(MAX, declaredLength, (exchange, outcome, body) ->
            outcomes.add(new Outcome(outcome, body)));
    }

    @Test
    void aBodyInOneChunkIsHandedOnWithoutACopy()
    {
        final byte[] chunk = {1, 2, 3};
        final HttpBodyCollector c = collector(3);
        c.handle(null, chunk, false);
        c.handle(null, new byte[0], true);
        assertEquals(1, outcomes.size());
        assertEquals(HttpBodyCollector.Outcome.COMPLETE, outcomes.get(0).outcome());
        assertSame(chunk, outcomes.get(0).body());
    }

    @Test
    void randomSplitsGiveBackTheSameBytesWithAndWithoutADeclaredLength()
    {
        final Random random = new Random(SEED);
        for (int round = 0; round < 500; round++)
        {
            final byte[] body = new byte[random.nextInt(MAX + 1)];
            random.nextBytes(body);
            final boolean declared = random.nextBoolean();
            final HttpBodyCollector c = collector(declared ? body.length : -1);
            int offset = 0;
            while (offset < body.length)
            {
                final int n = Math.min(body.length - offset, 1 + random.nextInt(random.nextBoolean() ? 64 : 4096));
                final boolean last = offset + n == body.length && random.nextBoolean();
                c.handle(null, Arrays.copyOfRange(body, offset, offset + n), last);
                offset += n;
                if (last)
                {
                    break;
                }
            }
            if (outcomes.isEmpty())
            {
                c.handle(null, new byte[0], true);
            }
            assertEquals(1, outcomes.size(), "seed " + SEED + " round " + round);
            assertEquals(HttpBodyCollector.Outcome.COMPLETE, outcomes.get(0).outcome());
            assertArrayEquals(body, outcomes.get(0).body(), "seed " + SEED + " round " + round);
            outcomes.clear();
        }
    }

    @Test
    void anEmptyBodyIsAnEmptyArray()
    {
        collector(-1).handle(null, new byte[0], true);
        assertEquals(0, outcomes.get(0).body().length);
    }

    @Test
    void goingOverTheCapIsToldOnceAndTheRestIgnored()
    {
        final HttpBodyCollector c = collector(-1);
        c.handle(null, new byte[MAX - 1], false);
        c.handle(null, new byte[1], false);
        assertEquals(0, outcomes.size());
        c.handle(null, new byte[1], false);
        c.handle(null, new byte[5], false);
        c.handle(null, new byte[0], true);
        assertEquals(1, outcomes.size());
        assertEquals(HttpBodyCollector.Outcome.TOO_LARGE, outcomes.get(0).outcome());
        assertEquals(0, outcomes.get(0).body().length);
    }

    @Test
    void aBodyOfExactlyTheCapIsAccepted()
    {
        final HttpBodyCollector c = collector(MAX);
        c.handle(null, new byte[MAX / 2], false);
        c.handle(null, new byte[MAX - MAX / 2], true);
        assertEquals(HttpBodyCollector.Outcome.COMPLETE, outcomes.get(0).outcome());
        assertEquals(MAX, outcomes.get(0).body().length);
    }
}
