package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.puaagent.agent.posix.LinuxOpenFlags;
import org.puaagent.agent.rpc.AgentCounters;

/**
 * The reply writer against real FIFOs in a temporary directory, on a test clock: no attempt ever blocks (every
 * test would hang otherwise; each has a timeout), a client that does not take its reply loses it at the
 * deadline while other replies go out, and nothing but a FIFO linked once is ever written.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplyWriterTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long TIMEOUT = 5 * SECOND;
    private static final byte[] SMALL = "{\"result\": \"ok\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private AgentCounters counters;
    private ReplyWriter writer;
    private final List<PendingReply> finished = new ArrayList<>();
    private final List<AutoCloseable> ends = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        counters = new AgentCounters();
        writer = new ReplyWriter(new FifoCounters(counters), LinuxOpenFlags.current().replyFifo(), finished::add);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        writer.close();
        for (final AutoCloseable end : ends)
        {
            end.close();
        }
    }

    private Path fifo(final String name) throws IOException
    {
        final Path path = dir.resolve(name);
        Fifo.create(path, 0600);
        return path;
    }

    private FifoEnd reader(final Path path)
    {
        final FifoEnd end = FifoEnd.reader(path);
        ends.add(end);
        return end;
    }

    private PendingReply reply(final String name, final byte[] body, final long now)
    {
        final ReplyPath path = new ReplyDirectory(dir.toString()).resolve(name);
        final PendingReply reply = new PendingReply(path, body, now + TIMEOUT);
        writer.add(reply, now);
        return reply;
    }

    /** Runs every attempt as it falls due; returns the time of the last one. */
    private long runToEnd(final long from)
    {
        long now = from;
        while (writer.pending() > 0)
        {
            final long next = writer.run(now);
            if (next != Long.MAX_VALUE)
            {
                now = Math.max(now, next);
            }
        }
        return now;
    }

    private static byte[] big(final int size, final char fill)
    {
        final byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void aReplyGoesWholeIntoAFifoWithAReader() throws IOException
    {
        final FifoEnd client = reader(fifo("kamailio_rpc_reply.fifo"));
        reply("kamailio_rpc_reply.fifo", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0), "done at the first attempt");
        assertArrayEquals(SMALL, client.drain());
        assertEquals(1, counters.get("replies.fifo_written"));
        assertEquals(1, finished.size());
    }

    @Test
    void aFifoNobodyOpensIsTriedUntilTheDeadlineThenCountedAsNoReader() throws IOException
    {
        fifo("nobody");
        reply("nobody", SMALL, 0);
        long now = 0;
        int attempts = 0;
        while (writer.pending() > 0)
        {
            final long next = writer.run(now);
            attempts++;
            if (next != Long.MAX_VALUE)
            {
                assertTrue(next - now > 0 && next <= TIMEOUT, "the next attempt is later, never past the deadline");
                now = next;
            }
        }
        assertEquals(TIMEOUT, now, "given up at the deadline, not before");
        assertTrue(attempts > 4 && attempts < 200, "retried at growing intervals: " + attempts);
        assertEquals(1, counters.get("errors.fifo_reply_no_reader"));
        assertEquals(0, counters.get("replies.fifo_written"));
    }

    @Test
    void aReaderThatShowsUpBeforeTheDeadlineGetsItsReply() throws IOException
    {
        final Path path = fifo("late");
        reply("late", SMALL, 0);
        final long next = writer.run(0);
        assertEquals(ReplyWriter.FIRST_OPEN_RETRY_NANOS, next);
        final FifoEnd client = reader(path);
        assertEquals(Long.MAX_VALUE, writer.run(next));
        assertArrayEquals(SMALL, client.drain());
    }

    @Test
    void aReaderThatNeverReadsAMegabyteLosesItAtTheDeadlineWhileOtherRepliesGoOut() throws IOException
    {
        reader(fifo("stalled"));
        final FifoEnd quick = reader(fifo("quick"));
        final byte[] megabyte = big(1 << 20, 'm');
        final PendingReply stalled = reply("stalled", megabyte, 0);
        writer.run(0);
        assertTrue(stalled.written > 0 && stalled.written < megabyte.length, "the pipe took part: " + stalled.written);
        long now = SECOND;
        for (int i = 0; i < 3; i++, now += SECOND)
        {
            reply("quick", SMALL, now);
            writer.run(now);
            assertArrayEquals(SMALL, quick.drain(), "another client is answered at once");
        }
        now = runToEnd(now);
        assertEquals(TIMEOUT, now);
        assertEquals(1, counters.get("errors.fifo_reply_timeout"));
        assertEquals(3, counters.get("replies.fifo_written"));
    }

    @Test
    void aReaderThatKeepsReadingGetsAMegabyteWhole() throws IOException
    {
        final FifoEnd client = reader(fifo("big"));
        final byte[] megabyte = big(1 << 20, 'b');
        reply("big", megabyte, 0);
        final java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        long now = 0;
        while (writer.pending() > 0)
        {
            final long next = writer.run(now);
            got.writeBytes(client.drain());
            now = next == Long.MAX_VALUE ? now : next;
        }
        got.writeBytes(client.drain());
        assertArrayEquals(megabyte, got.toByteArray());
        assertTrue(now < TIMEOUT);
    }

    @Test
    void repliesToOneFifoGoOneAfterTheOther() throws IOException
    {
        final FifoEnd client = reader(fifo("shared"));
        final byte[] first = big(200_000, 'a');
        final byte[] second = big(200_000, 'b');
        reply("shared", first, 0);
        reply("shared", second, 0);
        final java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        long now = 0;
        while (writer.pending() > 0)
        {
            final long next = writer.run(now);
            got.writeBytes(client.drain());
            now = next == Long.MAX_VALUE ? now : next;
        }
        got.writeBytes(client.drain());
        final byte[] all = got.toByteArray();
        assertEquals(first.length + second.length, all.length);
        assertArrayEquals(first, Arrays.copyOf(all, first.length), "not interleaved");
        assertEquals(2, counters.get("replies.fifo_written"));
    }

    @Test
    void aReaderThatLeavesMidReplyIsCounted() throws IOException
    {
        final FifoEnd client = FifoEnd.reader(fifo("leaves"));
        reply("leaves", big(1 << 20, 'x'), 0);
        writer.run(0);
        client.close();
        final long now = runToEnd(ReplyWriter.FIRST_WRITE_RETRY_NANOS);
        assertEquals(1, counters.get("errors.fifo_reply_reader_left"), "EPIPE, not a signal");
        assertTrue(now < TIMEOUT, "given up at once, not at the deadline");
    }

    @Test
    void aSymbolicLinkIsNotFollowedAndItsTargetIsUntouched() throws IOException
    {
        final Path target = dir.resolve("precious.txt");
        Files.writeString(target, "untouched\n");
        Files.createSymbolicLink(dir.resolve("link"), target);
        final Path fifoTarget = fifo("real-fifo");
        final FifoEnd client = reader(fifoTarget);
        Files.createSymbolicLink(dir.resolve("link-to-fifo"), fifoTarget);
        reply("link", SMALL, 0);
        reply("link-to-fifo", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0));
        assertEquals("untouched\n", Files.readString(target));
        assertEquals(0, client.drain().length, "the FIFO behind the link gets nothing");
        assertEquals(2, counters.get("errors.fifo_reply_unsafe"));
        assertEquals(0, counters.get("replies.fifo_written"));
    }

    @Test
    void aRegularFileOrADirectoryIsNotWritten() throws IOException
    {
        final Path file = dir.resolve("regular");
        Files.writeString(file, "keep me");
        Files.createDirectory(dir.resolve("adir"));
        reply("regular", SMALL, 0);
        reply("adir", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0));
        assertEquals("keep me", Files.readString(file));
        assertEquals(2, counters.get("errors.fifo_reply_not_fifo"));
    }

    @Test
    void aHardLinkedFifoIsRefused() throws IOException
    {
        final Path path = fifo("linked");
        Files.createLink(dir.resolve("second-name"), path);
        final FifoEnd client = reader(path);
        reply("linked", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0));
        assertEquals(0, client.drain().length);
        assertEquals(1, counters.get("errors.fifo_reply_unsafe"));
    }

    @Test
    void aRefusedFileIsNeverWrittenEvenThoughItIsAFifo() throws IOException
    {
        final Path own = fifo("own-request.fifo");
        final FifoEnd agentSide = reader(own);
        writer.refuse(own);
        reply("own-request.fifo", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0));
        assertEquals(0, agentSide.drain().length);
        assertEquals(1, counters.get("errors.fifo_reply_unsafe"));
    }

    @Test
    void aMissingFifoIsCountedAtOnce()
    {
        reply("never-made", SMALL, 0);
        assertEquals(Long.MAX_VALUE, writer.run(0));
        assertEquals(1, counters.get("errors.fifo_reply_missing"));
    }
}
