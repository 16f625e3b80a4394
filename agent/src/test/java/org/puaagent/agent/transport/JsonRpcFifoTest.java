package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.CoreMethods;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.protocol.jsonrpc.FifoFramer;
import org.puaagent.protocol.jsonrpc.JsonLayout;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseWriter;

/**
 * The JSON-RPC FIFO's framing and answers on a test clock (no reader thread, no FIFO: bytes and deadlines are
 * fed by hand, replies recorded): hostile input is counted, answered where a reply name can be read, and never
 * keeps the next request from its answer.
 */
class JsonRpcFifoTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final FifoTiming TIMING = FifoTiming.DEFAULTS;
    private static final String DIR = "/tmp/";

    private AgentCounters counters;
    private RecordingReplies replies;
    private JsonRpcFifo fifo;
    private long now = 1_000_000_000L;

    @BeforeEach
    void setUp()
    {
        counters = new AgentCounters();
        final Dispatcher dispatcher = new Dispatcher(counters);
        new CoreMethods(dispatcher, Instant.now(), List.of()).registerAll();
        final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(dispatcher, JsonRpcRequestParser.kamailio(),
            JsonRpcResponseWriter.kamailio(JsonLayout.COMPACT));
        replies = new RecordingReplies();
        fifo = new JsonRpcFifo(Path.of("/nonexistent/rpc.fifo"), 0600, DIR, endpoint, replies, counters, TIMING);
    }

    private static String request(final String replyName, final int id)
    {
        return "{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \"" + replyName + "\", \"id\": "
            + id + "}\n";
    }

    private void write(final String text)
    {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(final byte[] bytes)
    {
        fifo.onBytes(ByteBuffer.wrap(bytes), now);
    }

    /** Lets {@code millis} pass, running every deadline that falls due on the way. */
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

    private List<RecordingReplies.Sent> sent()
    {
        return replies.take();
    }

    @Test
    void aRequestIsAnsweredAtOnceAndNothingWaits()
    {
        write(request("kamailio_receiver_1", 1));
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size());
        assertEquals(DIR + "kamailio_receiver_1", out.get(0).path());
        assertTrue(out.get(0).body().contains(CoreMethods.VERSION), out.get(0).body());
        assertEquals(Long.MAX_VALUE, fifo.nextDeadline(), "nothing in progress, no deadline");
    }

    @Test
    void aLoneBraceThenARequestIsAnsweredAfterTheQuietPeriod()
    {
        write("{");
        assertEquals(now + TIMING.quietNanos(), fifo.nextDeadline());
        pass(50);
        write(request("kamailio_receiver_2", 2));
        assertEquals(List.of(), sent(), "taken for the inside of the lone brace at first");
        pass(TIMING.quietMillis());
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size());
        assertTrue(out.get(0).body().contains("\"id\":2"), out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_truncated"));
        assertEquals(Long.MAX_VALUE, fifo.nextDeadline());
        write(request("kamailio_receiver_3", 3));
        assertEquals(1, sent().size(), "the next request is answered at once");
    }

    @Test
    void aCutDocumentThenAWholeOneIsAnsweredOnce()
    {
        final String whole = request("kamailio_receiver_4", 4);
        write(whole.substring(0, whole.length() / 2));
        write(whole);
        pass(TIMING.quietMillis());
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size(), String.valueOf(out));
        assertEquals(DIR + "kamailio_receiver_4", out.get(0).path());
        assertEquals(1, counters.get("errors.fifo_truncated"));
    }

    @Test
    void aFragmentAfterAQuietPeriodIsDroppedWhenTheNextRequestBegins()
    {
        write("{\"jsonrpc\": \"2.0\", \"method\": \"core.echo\", \"params\": [\"cut inside a string");
        pass(TIMING.quietMillis() + 10);
        assertEquals(0, counters.get("errors.fifo_truncated"), "kept for a writer that only paused");
        write("{\"jsonrpc\":\"2.0\",\"method\":\"core.echo\",\"params\":[\"}{\"],\"reply_name\":\"r5\",\"id\":5}");
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size(), String.valueOf(out));
        assertTrue(out.get(0).body().contains("\"}{\""), out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_truncated"));
    }

    @Test
    void aFragmentWithNothingAfterItIsDroppedAtTheAbandonAgeAndAnsweredIfItNamedItsReplyFifo()
    {
        write("{\"reply_name\": \"kamailio_rpc_reply.fifo\", \"jsonrpc\": \"2.0\", \"method\": \"core.ver");
        pass(TIMING.abandonMillis() - 1);
        assertEquals(List.of(), sent());
        pass(1);
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size());
        assertEquals(DIR + "kamailio_rpc_reply.fifo", out.get(0).path(), "a name with dots is accepted");
        assertTrue(out.get(0).body().contains("-32700"), out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_truncated"));
        assertEquals(Long.MAX_VALUE, fifo.nextDeadline());
    }

    @Test
    void theAbandonAgeComesEvenWhileBytesKeepComing()
    {
        write("{");
        for (int i = 0; i < 40; i++)
        {
            pass(TIMING.quietMillis() / 2);
            write(request("kamailio_receiver_" + i, i));
        }
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(40, out.size(), "every request after the fragment is answered once the fragment is too old");
        assertEquals(1, counters.get("errors.fifo_truncated"));
    }

    @Test
    void requestsSplitAcrossReadsUnderSteadyTrafficAreNeverDropped()
    {
        final StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            stream.append(request("r" + i, i));
        }
        final byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < bytes.length; off += 37)
        {
            final byte[] chunk = java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 37));
            write(chunk);
            pass(TIMING.quietMillis() / 4);
        }
        assertEquals(400, sent().size());
        assertEquals(0, counters.get("errors.fifo_truncated"));
    }

    @Test
    void aDocumentHoldingANulIsRefusedAndAnsweredToItsReplyName()
    {
        write("{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"reply_name\": \"nul\", \"x\": \"a\0b\", \"id\": 6}");
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size());
        assertEquals(DIR + "nul", out.get(0).path());
        assertTrue(out.get(0).body().contains("-32700"), out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_nul"));
        write(request("after", 7));
        assertEquals(1, sent().size());
    }

    @Test
    void anOversizedDocumentIsAnsweredToTheReplyNameAtItsEnd()
    {
        write("{\"jsonrpc\": \"2.0\", \"method\": \"core.echo\", \"params\": [\"" + "x".repeat(
            3 * FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE) + "\"], \"reply_name\": \"kamailio_receiver_8\", \"id\": 8}\n");
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(1, out.size());
        assertEquals(DIR + "kamailio_receiver_8", out.get(0).path());
        assertTrue(out.get(0).body().contains("413") && out.get(0).body().contains("Request too large"),
            out.get(0).body());
        assertEquals(1, counters.get("errors.fifo_oversized"));
        write(request("after", 9));
        assertEquals(1, sent().size());
    }

    @Test
    void invalidJsonAndInvalidRequestsAreAnsweredWhenTheyNameAReplyFifo()
    {
        write("{\"jsonrpc\": \"2.0\", \"method\": core.version, \"reply_name\": \"bad_json\", \"id\": 10}");
        write("{\"jsonrpc\": \"2.0\", \"reply_name\": \"no_method\", \"id\": 11}");
        final List<RecordingReplies.Sent> out = sent();
        assertEquals(2, out.size(), String.valueOf(out));
        assertEquals(DIR + "bad_json", out.get(0).path());
        assertTrue(out.get(0).body().contains("-32700"), out.get(0).body());
        assertEquals(DIR + "no_method", out.get(1).path());
        assertTrue(out.get(1).body().contains("-32600"), out.get(1).body());
    }

    @Test
    void badReplyNamesAreCountedAndNeverBecomeAPath()
    {
        final List<String> bad = new ArrayList<>(List.of("../etc/passwd", "a/b", "..", ".", "a\\\\b", "a\\u0000b",
            "line\\nbreak", "n".repeat(200)));
        for (final String name : bad)
        {
            write(request(name, 12));
        }
        assertEquals(List.of(), sent());
        assertEquals(bad.size(), counters.get("errors.fifo_bad_reply_name"));
        write("{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", \"id\": 13}");
        assertEquals(List.of(), sent());
        assertEquals(1, counters.get("errors.fifo_no_reply_name"));
        write(request("kamailio_rpc_reply.fifo", 14));
        assertEquals(1, sent().size(), "kamcli's default name works");
    }

    @Test
    void garbageBetweenRequestsIsCountedOncePerRun()
    {
        write("}}} garbage \0\0 ]" + request("g1", 15) + "\n\n" + "more garbage" + request("g2", 16));
        assertEquals(2, sent().size());
        assertEquals(2, counters.get("errors.fifo_garbage"));
    }
}
