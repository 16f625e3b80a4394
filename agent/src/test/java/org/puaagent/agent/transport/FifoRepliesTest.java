package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * The reply writer thread: replies reach real FIFOs, a client that never opens or never reads holds no thread
 * (the next reply still goes out), and the pending replies are bounded in count and bytes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FifoRepliesTest
{
    private static final byte[] SMALL = "200 OK\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final long PATIENCE_MILLIS = 20_000;

    @TempDir
    Path dir;

    private ReplyPath fifo(final String name) throws IOException
    {
        Fifo.create(dir.resolve(name), 0600);
        return new ReplyDirectory(dir.toString()).resolve(name);
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - end < 0, "waited in vain for: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void clientsThatNeverOpenOrNeverReadHoldNoThread() throws Exception
    {
        final AgentCounters counters = new AgentCounters();
        try (FifoReplies replies = new FifoReplies(counters, 300))
        {
            final ReplyPath nobody = fifo("nobody");
            final ReplyPath stalled = fifo("stalled");
            final ReplyPath quick = fifo("quick");
            try (FifoEnd stalledEnd = FifoEnd.reader(stalled.path()); FifoEnd quickEnd = FifoEnd.reader(quick.path()))
            {
                assertTrue(replies.submit(nobody, SMALL));
                assertTrue(replies.submit(stalled, new byte[4 << 20]));
                assertTrue(replies.submit(quick, SMALL));
                final java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                await(() ->
                {
                    got.writeBytes(quickEnd.drain());
                    return got.size() == SMALL.length;
                }, "the quick client's reply");
                assertArrayEquals(SMALL, got.toByteArray());
                await(() -> replies.pending() == 0, "the others given up");
                assertEquals(1, counters.get("errors.fifo_reply_no_reader"));
                assertEquals(1, counters.get("errors.fifo_reply_timeout"));
                assertEquals(1, counters.get("replies.fifo_written"));
                assertTrue(stalledEnd.drain().length < 4 << 20, "the stalled client got part of it only");
            }
        }
    }

    @Test
    void pendingRepliesAreBoundedInCountAndBytes() throws Exception
    {
        final AgentCounters counters = new AgentCounters();
        try (FifoReplies replies = new FifoReplies(counters, PATIENCE_MILLIS, 2, 1000))
        {
            final ReplyPath nobody = fifo("nobody");
            assertTrue(replies.submit(nobody, SMALL));
            assertFalse(replies.submit(nobody, new byte[1000]), "over the bytes");
            assertTrue(replies.submit(nobody, SMALL));
            assertFalse(replies.submit(nobody, SMALL), "over the count");
            assertEquals(2, counters.get("errors.fifo_reply_refused"));
            assertEquals(2, replies.pending());
            try (FifoEnd end = FifoEnd.reader(nobody.path()))
            {
                await(() -> replies.pending() == 0, "both written once a reader came");
                assertEquals(2, counters.get("replies.fifo_written"));
                assertTrue(replies.submit(nobody, SMALL), "room again");
                await(() -> replies.pending() == 0, "written");
                assertEquals(3 * SMALL.length, end.drain().length);
            }
        }
    }
}
