package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hash table of live branches against a map as the reference, with growth, collisions and removals. */
class TokenHashesTest
{
    @Test
    void theHashOfBytesInABufferIsTheHashOfTheString()
    {
        final String branch = "z9hG4bKabcdefghijklm";
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        buffer.put("Via: x;branch=".getBytes(StandardCharsets.US_ASCII));
        final int start = buffer.position();
        buffer.put(branch.getBytes(StandardCharsets.US_ASCII));
        assertEquals(TokenHashes.hash(branch), TokenHashes.hash(buffer, start, buffer.position()));
        assertFalse(TokenHashes.hash(branch) == TokenHashes.hash("z9hG4bKabcdefghijkln"));
    }

    @Test
    void behavesAsACountingSetUnderRandomAddsAndRemoves()
    {
        final TokenHashes table = new TokenHashes();
        final Map<Long, Integer> reference = new HashMap<>();
        final Random random = new Random(7);
        final long[] pool = new long[5000];
        for (int i = 0; i < pool.length; i++)
        {
            // a few values share their low bits, so that probe runs form and wrap
            pool[i] = i % 10 == 0 ? (random.nextLong() << 20) | 3 : random.nextLong();
            if (0 == pool[i])
            {
                pool[i] = 1;
            }
        }
        for (int step = 0; step < 200_000; step++)
        {
            final long hash = pool[random.nextInt(pool.length)];
            if (random.nextInt(3) > 0 || !reference.containsKey(hash))
            {
                table.add(hash);
                reference.merge(hash, 1, Integer::sum);
            }
            else
            {
                table.remove(hash);
                reference.computeIfPresent(hash, (k, n) -> n == 1 ? null : n - 1);
            }
            if (step % 1000 == 0)
            {
                for (final long candidate : pool)
                {
                    assertEquals(reference.containsKey(candidate), table.contains(candidate), "hash " + candidate);
                }
                assertEquals(reference.size(), table.size());
            }
        }
        for (final Map.Entry<Long, Integer> entry : new HashMap<>(reference).entrySet())
        {
            for (int n = 0; n < entry.getValue(); n++)
            {
                assertTrue(table.contains(entry.getKey()));
                table.remove(entry.getKey());
            }
            assertFalse(table.contains(entry.getKey()));
        }
        assertEquals(0, table.size());
    }

    @Test
    void twoBranchesWithOneHashStayUntilBothAreGone()
    {
        final TokenHashes table = new TokenHashes();
        table.add(42);
        table.add(42);
        table.remove(42);
        assertTrue(table.contains(42));
        table.remove(42);
        assertFalse(table.contains(42));
        table.remove(42);
        assertEquals(0, table.size(), "removing what is not there changes nothing");
    }
}
