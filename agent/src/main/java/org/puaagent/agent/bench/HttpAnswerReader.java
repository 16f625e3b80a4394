package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.puaagent.protocol.jsonrpc.JsonRpcResponseParser;
import org.puaagent.protocol.jsonrpc.ReceivedReply;
import org.puaagent.protocol.rpc.RequestId;

/**
 * JSON-RPC answers over HTTP/1.1 keep-alive: the status line, the headers (read byte by byte where they
 * matter: {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}) and a {@code Content-Length}
 * body parsed by {@link JsonRpcResponseParser}, gathered over as many reads as they take; chunked answers are
 * refused as a protocol error. The answer's id must be the request's. A non-200 status with a JSON-RPC error
 * body is a fault; without one it is an error of kind {@code http-<status>}. {@code Connection: close} (or
 * HTTP/1.0 without keep-alive) is reported by {@link #closeAfter()}. Not thread-safe: the connection's event
 * loop only.
 */
final class HttpAnswerReader implements AnswerReader
{
    private static final int INITIAL_BUFFER = 16 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final int STATUS_OK = 200;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SPACE = ' ';
    private static final byte COLON = ':';
    private static final int HEAD_END_LENGTH = 4;
    private static final int DECIMAL = 10;
    /** More digits than this may overflow a long: left to {@link Long#parseLong}. */
    private static final int MAX_FAST_DIGITS = 18;
    private static final byte[] VERSION_1 = ascii("HTTP/1.");
    private static final byte[] VERSION_1_0 = ascii("HTTP/1.0");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] IDENTITY = ascii("identity");
    private static final byte[] CLOSE = ascii("close");

    private byte[] in = new byte[INITIAL_BUFFER];
    private ByteBuffer view = ByteBuffer.wrap(in);
    /** Unconsumed input is {@code in[start, end)}. */
    private int start;
    private int end;
    /** Bytes from {@code start} known not to begin the blank line that ends the head. */
    private int scanned;
    private int expectedId;
    /** Of the answer being read, once its head is complete: head length with the blank line, else -1. */
    private int headLength = -1;
    private int status;
    private int statusLineEnd;
    private int bodyLength;
    private boolean closeAfterHead;
    private boolean closeAfter;

    @Override
    public void expect(final int id)
    {
        expectedId = id;
        closeAfter = false;
    }

    @Override
    public Answer read(final ReadableByteChannel channel, final ByteBuffer scratch) throws IOException
    {
        while (true)
        {
            final Answer answer = answer();
            if (null != answer)
            {
                return answer;
            }
            if (headLength < 0 && end - start > MAX_HEAD)
            {
                return new Answer.Broken("protocol", "HTTP header longer than " + MAX_HEAD + " bytes");
            }
            makeRoom();
            view.limit(in.length).position(end);
            final int n = channel.read(view);
            if (n < 0)
            {
                return new Answer.Broken("closed", headLength < 0
                    ? "the server closed the connection before answering"
                    : "the server closed the connection inside the body");
            }
            if (n == 0)
            {
                return null;
            }
            end += n;
        }
    }

    @Override
    public boolean closeAfter()
    {
        return closeAfter;
    }

    @Override
    public void reset()
    {
        start = 0;
        end = 0;
        scanned = 0;
        headLength = -1;
        closeAfter = false;
    }

    /** The answer if {@code in[start, end)} holds all of it, else null. */
    private Answer answer()
    {
        if (headLength < 0)
        {
            final int headEnd = headEnd();
            if (headEnd < 0)
            {
                return null;
            }
            final Answer broken = readHead(headEnd);
            if (null != broken)
            {
                return broken;
            }
            headLength = headEnd - start + HEAD_END_LENGTH;
        }
        if (end - start < headLength + bodyLength)
        {
            return null;
        }
        final Answer answer = interpret(start + headLength);
        start += headLength + bodyLength;
        if (start == end)
        {
            start = 0;
            end = 0;
        }
        headLength = -1;
        scanned = 0;
        closeAfter = closeAfterHead;
        return answer;
    }

    private Answer interpret(final int bodyOffset)
    {
        final ReceivedReply reply = JsonRpcResponseParser.parse(in, bodyOffset, bodyLength);
        if (reply instanceof ReceivedReply.Answer a)
        {
            if (!(a.id() instanceof RequestId.JsonNumber n) || n.value() != expectedId)
            {
                return new Answer.Broken("protocol", "answer with id " + a.id() + ", expected " + expectedId);
            }
            return BenchConnection.classify(a.response());
        }
        if (status != STATUS_OK)
        {
            return new Answer.Broken("http-" + status, text(start, statusLineEnd));
        }
        return new Answer.Broken("protocol", "not a JSON-RPC answer: " + (reply instanceof ReceivedReply.Malformed m
            ? m.reason() : "a batch"));
    }

    /** Index of the CR of the blank line ending the head in {@code in[start, end)}, or -1. */
    private int headEnd()
    {
        int i = start + scanned;
        for (; i + 3 < end; i++)
        {
            if (in[i + 3] == LF && in[i] == CR && in[i + 1] == LF && in[i + 2] == CR)
            {
                return i;
            }
        }
        scanned = i - start;
        return -1;
    }

    /** Reads the status line and the headers of {@code in[start, headEnd)}; null, or what is wrong with them. */
    private Answer readHead(final int headEnd)
    {
        statusLineEnd = lineEnd(start, headEnd);
        final int firstSpace = indexOf(SPACE, start, statusLineEnd);
        if (firstSpace < 0 || !startsWith(start, firstSpace, VERSION_1))
        {
            return new Answer.Broken("protocol", "not an HTTP status line: " + text(start, statusLineEnd));
        }
        final int secondSpace = indexOf(SPACE, firstSpace + 1, statusLineEnd);
        final long code = number(firstSpace + 1, secondSpace < 0 ? statusLineEnd : secondSpace);
        if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE)
        {
            return new Answer.Broken("protocol", "bad HTTP status: " + text(start, statusLineEnd));
        }
        status = (int) code;
        closeAfterHead = firstSpace - start == VERSION_1_0.length && startsWith(start, firstSpace, VERSION_1_0);
        long contentLength = -1;
        for (int line = statusLineEnd + 2; line < headEnd; )
        {
            final int lineEnd = lineEnd(line, headEnd);
            final int colon = indexOf(COLON, line, lineEnd);
            if (colon > line)
            {
                final int nameFrom = trimFrom(line, colon);
                final int nameTo = trimTo(nameFrom, colon);
                final int valueFrom = trimFrom(colon + 1, lineEnd);
                final int valueTo = trimTo(valueFrom, lineEnd);
                if (equalsIgnoreCase(nameFrom, nameTo, CONTENT_LENGTH))
                {
                    contentLength = number(valueFrom, valueTo);
                    if (contentLength == Long.MIN_VALUE)
                    {
                        return new Answer.Broken("protocol", "bad Content-Length: " + text(valueFrom, valueTo));
                    }
                }
                else if (equalsIgnoreCase(nameFrom, nameTo, TRANSFER_ENCODING)
                    && !equalsIgnoreCase(valueFrom, valueTo, IDENTITY))
                {
                    return new Answer.Broken("protocol", "Transfer-Encoding " + text(valueFrom, valueTo)
                        + " is not supported");
                }
                else if (equalsIgnoreCase(nameFrom, nameTo, CONNECTION))
                {
                    closeAfterHead = equalsIgnoreCase(valueFrom, valueTo, CLOSE);
                }
            }
            line = lineEnd + 2;
        }
        if (contentLength < 0 || contentLength > MAX_BODY)
        {
            return new Answer.Broken("protocol", "missing or too large Content-Length (" + contentLength + ")");
        }
        bodyLength = (int) contentLength;
        return null;
    }

    /**
     * The decimal number in {@code in[from, to)} as {@link Long#parseLong} reads it, or {@link Long#MIN_VALUE}
     * if it is not one (an HTTP number is never that).
     */
    private long number(final int from, final int to)
    {
        if (to > from && to - from <= MAX_FAST_DIGITS)
        {
            long value = 0;
            int i = from;
            while (i < to && in[i] >= '0' && in[i] <= '9')
            {
                value = value * DECIMAL + in[i] - '0';
                i++;
            }
            if (i == to)
            {
                return value;
            }
        }
        try
        {
            return Long.parseLong(text(from, to));
        }
        catch (final NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /** End of the line starting at {@code from}: its CR, or {@code limit} if it has none before. */
    private int lineEnd(final int from, final int limit)
    {
        for (int i = from; i + 1 < limit; i++)
        {
            if (in[i] == CR && in[i + 1] == LF)
            {
                return i;
            }
        }
        return limit;
    }

    private int indexOf(final byte b, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (in[i] == b)
            {
                return i;
            }
        }
        return -1;
    }

    /** As {@link String#trim()}: skips characters up to the space. */
    private int trimFrom(final int from, final int to)
    {
        int i = from;
        while (i < to && (in[i] & 0xFF) <= SPACE)
        {
            i++;
        }
        return i;
    }

    private int trimTo(final int from, final int to)
    {
        int i = to;
        while (i > from && (in[i - 1] & 0xFF) <= SPACE)
        {
            i--;
        }
        return i;
    }

    private boolean startsWith(final int from, final int to, final byte[] prefix)
    {
        return to - from >= prefix.length && Arrays.equals(in, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** ASCII case-insensitive comparison with a lower-case word. */
    private boolean equalsIgnoreCase(final int from, final int to, final byte[] lowerCase)
    {
        if (to - from != lowerCase.length)
        {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++)
        {
            final int c = in[from + i];
            if (c != lowerCase[i] && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == lowerCase[i]))
            {
                return false;
            }
        }
        return true;
    }

    private String text(final int from, final int to)
    {
        return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Makes room at the end of the buffer: moves the unconsumed input to the front, or grows the buffer. */
    private void makeRoom()
    {
        if (end < in.length)
        {
            return;
        }
        if (start > 0)
        {
            System.arraycopy(in, start, in, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == in.length)
        {
            in = Arrays.copyOf(in, in.length * 2);
            view = ByteBuffer.wrap(in);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
