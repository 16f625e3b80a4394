package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.rpc.RpcStruct;

/**
 * The incremental answer readers of the event loops, fed by a channel that hands over the bytes in the pieces
 * a test chooses (and has nothing more in between): every split point of an answer, a byte at a time, the end
 * of the stream, and the HTTP heads that decide framing, {@code Connection: close} and errors.
 */
class AnswerReaderTest
{
    private static final int ID = 1_000_000_007;
    private static final String OK_BODY = "{\"jsonrpc\":\"2.0\",\"result\":{\"SIP-ETag\":\"a.1\",\"Expires\":60},"
        + "\"id\":" + ID + "}";

    /**
     * Hands over queued pieces, one per read (what fits of it; 0 when none is queued), then the end of the
     * stream if asked.
     */
    private static final class Pieces implements ReadableByteChannel
    {
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private boolean eof;

        Pieces add(final byte[] bytes, final int from, final int to)
        {
            queue.add(Arrays.copyOfRange(bytes, from, to));
            return this;
        }

        @Override
        public int read(final ByteBuffer dst)
        {
            final byte[] piece = queue.poll();
            if (null == piece)
            {
                return eof ? -1 : 0;
            }
            final int n = Math.min(piece.length, dst.remaining());
            dst.put(piece, 0, n);
            if (n < piece.length)
            {
                queue.addFirst(Arrays.copyOfRange(piece, n, piece.length));
            }
            return n;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String http(final String status, final String headers, final String body)
    {
        return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static Answer readWhole(final AnswerReader reader, final byte[] bytes, final boolean eof)
        throws IOException
    {
        final Pieces channel = new Pieces().add(bytes, 0, bytes.length);
        channel.eof = eof;
        reader.expect(ID);
        final ByteBuffer scratch = ByteBuffer.allocate(1024);
        final Answer answer = reader.read(channel, scratch);
        // a reader may stop after a short read: the selector would call it again for what follows
        return null == answer ? reader.read(channel, scratch) : answer;
    }

    /** Splits the answer at every point: nothing before the last byte, the same answer after it. */
    private static void assertEverySplitGives(final AnswerReader reader, final byte[] answer, final Answer expected)
        throws IOException
    {
        final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
        for (int k = 1; k < answer.length; k++)
        {
            reader.expect(ID);
            final Pieces channel = new Pieces().add(answer, 0, k);
            assertNull(reader.read(channel, scratch), "split at " + k);
            channel.add(answer, k, answer.length);
            assertEquals(expected, reader.read(channel, scratch), "split at " + k);
        }
        reader.expect(ID);
        final Pieces bytes = new Pieces();
        for (int i = 0; i < answer.length; i++)
        {
            bytes.add(answer, i, i + 1);
        }
        Answer got = null;
        for (int i = 0; i < answer.length && null == got; i++)
        {
            got = reader.read(bytes, scratch);
            if (null == got)
            {
                assertNull(reader.read(bytes, scratch), "a byte at a time, " + i);
            }
        }
        assertEquals(expected, got, "a byte at a time");
    }

    @Test
    void anHttpAnswerSplitAnywhereIsReadWhole() throws IOException
    {
        assertEverySplitGives(new HttpAnswerReader(), ascii(http("200 OK", "Content-Type: application/json\r\n",
            OK_BODY)), Answer.Reply.WITH_ETAG);
    }

    @Test
    void aBinRpcAnswerSplitAnywhereIsReadWhole() throws IOException
    {
        final byte[] answer = BinRpcEncoder.encodeReply(ID, List.of(new RpcStruct.Builder().add("SIP-ETag", "a.1")
            .add("Expires", "60").build()));
        assertEverySplitGives(new BinRpcAnswerReader(), answer, Answer.Reply.WITH_ETAG);
    }

    @Test
    void binRpcFaultsWrongCookiesExtraPacketsAndTheEndOfTheStream() throws IOException
    {
        assertEquals(new Answer.Fault(503), readWhole(new BinRpcAnswerReader(),
            BinRpcEncoder.encodeFault(ID, 503, "Service Unavailable"), false));
        final Answer wrong = readWhole(new BinRpcAnswerReader(), BinRpcEncoder.encodeReply(ID + 1, List.of()), false);
        assertEquals("protocol", ((Answer.Broken) wrong).kind(), wrong.toString());
        final byte[] one = BinRpcEncoder.encodeReply(ID, List.of());
        final byte[] two = Arrays.copyOf(one, 2 * one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        final Answer twice = readWhole(new BinRpcAnswerReader(), two, false);
        assertEquals(new Answer.Broken("protocol", "more than one answer to cookie " + ID), twice);
        assertEquals(new Answer.Broken("closed", "the server closed the connection before answering"),
            readWhole(new BinRpcAnswerReader(), Arrays.copyOf(one, one.length - 1), true));
    }

    @Test
    void connectionCloseAndHttp10CloseAfterTheAnswer() throws IOException
    {
        final HttpAnswerReader reader = new HttpAnswerReader();
        assertEquals(Answer.Reply.WITH_ETAG, readWhole(reader, ascii(http("200 OK", "", OK_BODY)), false));
        assertFalse(reader.closeAfter());
        assertEquals(Answer.Reply.WITH_ETAG, readWhole(reader, ascii(http("200 OK", "connection:  Close \r\n",
            OK_BODY)), false));
        assertTrue(reader.closeAfter());
        assertEquals(Answer.Reply.WITH_ETAG, readWhole(reader, ascii(http("200 OK", "", OK_BODY)
            .replace("HTTP/1.1", "HTTP/1.0")), false));
        assertTrue(reader.closeAfter());
        assertEquals(Answer.Reply.WITH_ETAG, readWhole(reader, ascii(http("200 OK", "Connection: keep-alive\r\n",
            OK_BODY).replace("HTTP/1.1", "HTTP/1.0")), false));
        assertFalse(reader.closeAfter());
    }

    @Test
    void headerNamesAreCaseInsensitiveAndFaultsAreFaults() throws IOException
    {
        final String body = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":503,\"message\":\"Busy\"},\"id\":" + ID + "}";
        assertEquals(new Answer.Fault(503), readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 503 Busy\r\n"
            + "content-LENGTH: " + body.length() + "\r\n\r\n" + body), false));
        final String empty = "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":" + ID + "}";
        assertEquals(Answer.Reply.WITHOUT_ETAG, readWhole(new HttpAnswerReader(), ascii(http("200 OK", "", empty)),
            false));
    }

    @Test
    void badHeadsAndBodiesAreTypedErrors() throws IOException
    {
        assertEquals(new Answer.Broken("http-404", "HTTP/1.1 404 Not Found"), readWhole(new HttpAnswerReader(),
            ascii(http("404 Not Found", "", "wrong path")), false));
        assertEquals(new Answer.Broken("protocol", "Transfer-Encoding chunked is not supported"),
            readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n"),
                false));
        assertEquals(new Answer.Broken("protocol", "missing or too large Content-Length (-1)"),
            readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"), false));
        assertEquals(new Answer.Broken("protocol", "bad Content-Length: 1x"),
            readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n"), false));
        assertEquals(new Answer.Broken("protocol", "not an HTTP status line: SIP/2.0 200 OK"),
            readWhole(new HttpAnswerReader(), ascii("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), false));
        assertEquals(new Answer.Broken("protocol", "bad HTTP status: HTTP/1.1 2x0 OK"),
            readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"), false));
        final Answer wrongId = readWhole(new HttpAnswerReader(), ascii(http("200 OK", "", OK_BODY
            .replace(Integer.toString(ID), "7"))), false);
        assertEquals("protocol", ((Answer.Broken) wrongId).kind(), wrongId.toString());
        assertEquals(new Answer.Broken("closed", "the server closed the connection before answering"),
            readWhole(new HttpAnswerReader(), ascii("HTTP/1.1 200 OK\r\n"), true));
        final String whole = http("200 OK", "", OK_BODY);
        assertEquals(new Answer.Broken("closed", "the server closed the connection inside the body"),
            readWhole(new HttpAnswerReader(), ascii(whole.substring(0, whole.length() - 3)), true));
    }

    @Test
    void anHttpHeadLongerThan64KiBIsAnError() throws IOException
    {
        final HttpAnswerReader reader = new HttpAnswerReader();
        reader.expect(ID);
        final byte[] filler = ascii("X-Filler: " + "f".repeat(1000) + "\r\n");
        final Pieces channel = new Pieces().add(ascii("HTTP/1.1 200 OK\r\n"), 0, 17);
        for (int i = 0; i < 70; i++)
        {
            channel.add(filler, 0, filler.length);
        }
        Answer answer = null;
        for (int i = 0; i < 200 && null == answer; i++)
        {
            answer = reader.read(channel, ByteBuffer.allocate(16));
        }
        assertEquals(new Answer.Broken("protocol", "HTTP header longer than 65536 bytes"), answer);
    }
}
