package org.puaagent.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest
{
    private static final long GIB = ByteSize.GIB;
    private static final long MIB = ByteSize.MIB;

    @Test
    void theDefaultsForAOneGibHeapAreTheDocumentedOnes()
    {
        final Limits limits = Limits.forHeap(GIB);
        assertEquals(256 * MIB, limits.publicationBytes());
        assertEquals(64 * MIB, limits.subscriptionBytes());
        assertEquals(64 * MIB, limits.commandBytes());
        assertEquals(16 * MIB, limits.sipAnswerBytes());
        assertEquals(MIB, limits.resolverCacheBytes());
        assertEquals(64 * MIB, limits.eventBufferBytes());
        assertEquals(8 * MIB, limits.webhookQueueBytes());
        assertEquals(1000, limits.jsonrpcBatch());
        assertEquals(473 * MIB, limits.totalBytes(1), "under half of the heap with one webhook");
        assertFalse(limits.tooLargeFor(GIB, 1));
    }

    @Test
    void theDefaultsScaleWithTheHeapAndNeverGoBelowTheFloor()
    {
        final Limits small = Limits.forHeap(256 * MIB);
        assertEquals(64 * MIB, small.publicationBytes());
        assertEquals(16 * MIB, small.commandBytes());
        assertTrue(small.totalBytes(1) < 128 * MIB, "the defaults take under half of -Xmx256m too");
        final Limits tiny = Limits.forHeap(16 * MIB);
        assertEquals(Limits.MIN_DEFAULT_BYTES, tiny.resolverCacheBytes());
        assertEquals(4 * MIB, tiny.publicationBytes());
    }

    @Test
    void explicitLimitsThatCrowdTheHeapAreFlagged()
    {
        final Limits big = Limits.builder(Limits.forHeap(256 * MIB)).publicationBytes(200 * MIB).build();
        assertTrue(big.tooLargeFor(256 * MIB, 0));
        assertFalse(big.tooLargeFor(GIB, 0));
        final String line = big.describe(256 * MIB, 2);
        assertTrue(line.startsWith("limits: publications 200 MiB, subscriptions 16 MiB,"), line);
        assertTrue(line.contains("webhook queue 2 MiB x 2"), line);
        assertTrue(line.contains("of the 256 MiB heap"), line);
        assertTrue(line.endsWith("JSON-RPC batches up to 1000 requests"), line);
    }

    @Test
    void everyLimitMustBePositive()
    {
        assertThrows(IllegalArgumentException.class, () -> Limits.builder(Limits.forHeap(GIB)).commandBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder(Limits.forHeap(GIB)).jsonrpcBatch(0).build());
    }

    @Test
    void theToolsGetTheWholeHeap()
    {
        final Limits whole = Limits.wholeHeap(4 * GIB);
        assertEquals(4 * GIB, whole.publicationBytes());
        assertEquals(4 * GIB, whole.commandBytes());
    }
}
