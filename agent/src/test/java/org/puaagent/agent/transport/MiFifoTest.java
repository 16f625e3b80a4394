package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * The MI FIFO's decoding and replies on a test clock (no reader thread: bytes and deadlines fed by hand, replies
 * recorded): a NUL, a bad reply name, a request cut before its empty line and the rest of a rejected request are
 * counted, answered where the reply FIFO is usable, and never keep the next request from its answer.
 */
class MiFifoTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final FifoTiming TIMING = FifoTiming.DEFAULTS;
    private static final String DIR = "/tmp/";
    private static final String VERSION_OK = "200 OK\nServer:: ";

    private AgentCounters counters;
    private RecordingReplies replies;
    private MiFifo fifo;
    private long now = 5_000_000_000L;

    @BeforeEach
    void setUp()
    {
        counters = new AgentCounters();
        replies = new RecordingReplies();
        fifo = new MiFifo(Path.of("/nonexistent/mi.fifo"), 0600, DIR, new MiEndpoint(null, false, counters), replies,
            counters, TIMING);
    }

    private void write(final String text)
    {
        fifo.onBytes(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), now);
    }

    private void pass(final long millis)
    {
        final long end = now + millis * MS;
        while (true)
        {
            final long due = fifo.nextDeadline();
            if (due == Long.MAX_VALUE || due - end > 0)
            {
                break;
            }
            now = Math.max(now, due);
            fifo.onDeadline(now);
        }
        now = end;
    }

    /** Sends a version request; asserts it is answered (after whatever else was sent first). */
    private void assertVersionAnswered(final String replyName)
    {
        write(":version:" + replyName + "\n\n");
        final List<RecordingReplies.Sent> out = replies.take();
        assertTrue(out.size() >= 1, String.valueOf(out));
        final RecordingReplies.Sent last = out.get(out.size() - 1);
        assertEquals(DIR + replyName, last.path());
        assertTrue(last.body().startsWith(VERSION_OK), last.body());
    }

    @Test
    void aRequestIsAnsweredAndAReplyNameWithDotsWorks()
    {
        assertVersionAnswered("kamailio_receiver_1");
        assertVersionAnswered("kamailio_rpc_reply.fifo");
        assertEquals(Long.MAX_VALUE, fifo.nextDeadline());
    }

    @Test
    void aNulInTheReplyNameIsCountedAndTheNextRequestIsAnswered()
    {
        write(":version:a\0b\n\n");
        assertEquals(List.of(), replies.take(), "no usable reply FIFO");
        assertEquals(1, counters.get("errors.fifo_nul"));
        assertVersionAnswered("next");
    }

    @Test
    void aNulInTheParametersIsAnsweredWithAParseError()
    {
        write(":version:nul_reply\nx\0y\n\n");
        final List<RecordingReplies.Sent> out = replies.take();
        assertEquals(1, out.size());
        assertEquals("400 parse error in command 'version'\n", out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_nul"));
        assertVersionAnswered("next");
    }

    @Test
    void badReplyNamesAreCountedAndNotRun()
    {
        for (final String name : List.of("../x", "a\\b", "..", ".", "n".repeat(200), "tab\there"))
        {
            write(":version:" + name + "\n\n");
        }
        assertEquals(List.of(), replies.take());
        assertEquals(6, counters.get("errors.fifo_bad_reply_name"));
        assertEquals(0, counters.get("requests.mi"), "not run");
        write(":version:\n\n");
        assertEquals(1, counters.get("errors.mi_no_reply_fifo"), "an empty name: consumed, not run (mi_fifo)");
        assertVersionAnswered("next");
    }

    @Test
    void aRequestCutBeforeItsEmptyLineIsDroppedWhenANewCommandLineComesAfterAQuietPeriod()
    {
        write(":pua_publish:cut_reply\nsip:alice@127.0.0.1\n3600\n");
        pass(TIMING.quietMillis() + 1);
        assertEquals(List.of(), replies.take(), "kept for a writer that only paused");
        assertVersionAnswered("after_cut");
        assertEquals(1, counters.get("errors.fifo_truncated"));
    }

    @Test
    void theCutRequestsClientIsToldWithAParseError()
    {
        write(":pua_publish:cut_reply\nsip:alice@127.0.0.1\n");
        pass(TIMING.quietMillis() + 1);
        write(":version:after_cut\n\n");
        final List<RecordingReplies.Sent> out = replies.take();
        assertEquals(2, out.size(), String.valueOf(out));
        assertEquals(new RecordingReplies.Sent(DIR + "cut_reply", "400 parse error in command 'pua_publish'\n"),
            out.get(0));
        assertTrue(out.get(1).body().startsWith(VERSION_OK));
    }

    @Test
    void aSlowWriterContinuingWithAParameterLineKeepsItsRequest()
    {
        write(":version:slow\n");
        pass(TIMING.quietMillis() + 1);
        write("\n");
        final List<RecordingReplies.Sent> out = replies.take();
        assertEquals(1, out.size());
        assertTrue(out.get(0).body().startsWith(VERSION_OK));
        assertEquals(0, counters.get("errors.fifo_truncated"));
    }

    @Test
    void aPartialRequestWithNothingAfterItIsDroppedAtTheAbandonAge()
    {
        write(":pua_publish:abandoned\nsip:x@y\n");
        pass(TIMING.abandonMillis() - 1);
        assertEquals(List.of(), replies.take());
        pass(1);
        assertEquals(List.of(new RecordingReplies.Sent(DIR + "abandoned", "400 parse error in command 'pua_publish'\n")),
            replies.take());
        assertEquals(1, counters.get("errors.fifo_truncated"));
        assertEquals(Long.MAX_VALUE, fifo.nextDeadline());
    }

    @Test
    void garbageThenAQuietPeriodThenARequest()
    {
        write("garbage without a newline");
        pass(TIMING.quietMillis() + 1);
        assertVersionAnswered("after_garbage");
        assertEquals(1, counters.get("errors.fifo_truncated"));
    }

    @Test
    void theRestOfARejectedRequestIsNoLongerSkippedAfterAQuietPeriod()
    {
        write("not a command line\nparam\n");
        assertEquals(1, counters.get("errors.mi_bad_command_line"));
        pass(TIMING.quietMillis() + 1);
        assertVersionAnswered("after_bad_line");
    }

    @Test
    void everyRequestWrittenAfterGarbageAndAQuietPeriodIsAnsweredOnce()
    {
        final byte[] alphabet = ":::\n\n\n\"\"\\ \r\t.a/b9\0".getBytes(StandardCharsets.UTF_8);
        final java.util.Random random = new java.util.Random(0x5eed_4d49L);
        for (int round = 0; round < 3000; round++)
        {
            final byte[] garbage = new byte[random.nextInt(200)];
            for (int i = 0; i < garbage.length; i++)
            {
                garbage[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            fifo.onBytes(ByteBuffer.wrap(garbage), now);
            pass(TIMING.quietMillis() + random.nextInt(3 * (int) TIMING.abandonMillis()));
            replies.take();
            final String name = "fuzz_" + round;
            write(":version:" + name + "\n\n");
            final List<RecordingReplies.Sent> out = replies.take().stream()
                .filter(sent -> sent.path().equals(DIR + name)).toList();
            assertEquals(1, out.size(), "round " + round + ": " + new String(garbage, StandardCharsets.ISO_8859_1));
            assertTrue(out.get(0).body().startsWith(VERSION_OK), out.get(0).body());
            pass(TIMING.abandonMillis());
        }
    }

    @Test
    void oversizedRequestsAreCounted()
    {
        write(":version:big\n" + "p\n".repeat(5000) + "\n");
        final List<RecordingReplies.Sent> out = replies.take();
        assertEquals(List.of(new RecordingReplies.Sent(DIR + "big", "400 parse error in command 'version'\n")), out);
        assertEquals(1, counters.get("errors.fifo_oversized"));
        assertVersionAnswered("after_big");
    }
}
