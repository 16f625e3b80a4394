package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.puaagent.protocol.jsonrpc.JsonRpcRequestEncoder;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseParser;
import org.puaagent.protocol.jsonrpc.ReceivedReply;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * JSON-RPC over HTTP/1.1 with keep-alive on a plain socket: {@code POST} with {@code Content-Length}, then the
 * status line, the headers and a {@code Content-Length} body are read (chunked answers are refused as a
 * protocol error). The sequence number is the JSON-RPC id and must come back. A non-200 status with a JSON-RPC
 * error body is a fault; without one it is an error of kind {@code http-<status>}. {@code Connection: close}
 * closes after the answer. Not thread-safe: the connection's worker thread only (see {@link BenchConnection}).
 */
final class HttpConnection extends BenchConnection
{
    private static final int INITIAL_BUFFER = 16 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int STATUS_OK = 200;

    private final byte[] requestHead;
    private byte[] in = new byte[INITIAL_BUFFER];
    /** Unconsumed input is {@code in[start, end)}. */
    private int start;
    private int end;

    HttpConnection(final BenchTarget.Http target)
    {
        super(target);
        this.requestHead = ("POST " + target.path() + " HTTP/1.1\r\nHost: " + target.hostHeader()
            + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected Answer exchange(final ByteChannel ch, final int sequence, final String method,
        final List<RpcValue> params) throws IOException
    {
        final byte[] body = JsonRpcRequestEncoder.encode(new RpcRequest(method, params,
            new RequestId.JsonNumber(sequence)));
        final byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer[] out = {ByteBuffer.wrap(requestHead), ByteBuffer.wrap(length), ByteBuffer.wrap(body)};
        final GatheringByteChannel gathering = (GatheringByteChannel) ch;
        while (out[2].hasRemaining())
        {
            gathering.write(out);
        }
        return readAnswer(ch, sequence);
    }

    private Answer readAnswer(final ByteChannel ch, final int sequence) throws IOException
    {
        int headEnd;
        while ((headEnd = headEnd()) < 0)
        {
            if (end - start > MAX_HEAD)
            {
                return new Answer.Broken("protocol", "HTTP header longer than " + MAX_HEAD + " bytes");
            }
            if (!fill(ch))
            {
                return new Answer.Broken("closed", "the server closed the connection before answering");
            }
        }
        final String head = new String(in, start, headEnd - start, StandardCharsets.ISO_8859_1);
        final String[] lines = head.split("\r\n");
        final String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1."))
        {
            return new Answer.Broken("protocol", "not an HTTP status line: " + lines[0]);
        }
        final int code;
        try
        {
            code = Integer.parseInt(status[1]);
        }
        catch (final NumberFormatException ex)
        {
            return new Answer.Broken("protocol", "bad HTTP status: " + lines[0]);
        }
        long contentLength = -1;
        boolean closeAfter = status[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            final String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length"))
            {
                try
                {
                    contentLength = Long.parseLong(value);
                }
                catch (final NumberFormatException ex)
                {
                    return new Answer.Broken("protocol", "bad Content-Length: " + value);
                }
            }
            else if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity"))
            {
                return new Answer.Broken("protocol", "Transfer-Encoding " + value + " is not supported");
            }
            else if (name.equals("connection"))
            {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        if (contentLength < 0 || contentLength > MAX_BODY)
        {
            return new Answer.Broken("protocol", "missing or too large Content-Length (" + contentLength + ")");
        }
        // offsets relative to start: fill() may move the unconsumed input to the front of the buffer
        final int headLength = headEnd - start + 4;
        final int bodyLength = (int) contentLength;
        while (end - start < headLength + bodyLength)
        {
            if (!fill(ch))
            {
                return new Answer.Broken("closed", "the server closed the connection inside the body");
            }
        }
        final Answer answer = interpret(code, lines[0], in, start + headLength, bodyLength, sequence);
        start += headLength + bodyLength;
        if (start == end)
        {
            start = 0;
            end = 0;
        }
        if (closeAfter && !(answer instanceof Answer.Broken))
        {
            closeQuietly();
        }
        return answer;
    }

    private static Answer interpret(final int code, final String statusLine, final byte[] bytes, final int offset,
        final int length, final int sequence)
    {
        final ReceivedReply reply = JsonRpcResponseParser.parse(bytes, offset, length);
        if (reply instanceof ReceivedReply.Answer a)
        {
            if (!(a.id() instanceof RequestId.JsonNumber n) || n.value() != sequence)
            {
                return new Answer.Broken("protocol", "answer with id " + a.id() + ", expected " + sequence);
            }
            return classify(a.response());
        }
        if (code != STATUS_OK)
        {
            return new Answer.Broken("http-" + code, statusLine);
        }
        return new Answer.Broken("protocol", "not a JSON-RPC answer: " + (reply instanceof ReceivedReply.Malformed m
            ? m.reason() : "a batch"));
    }

    /** Index of the CRLFCRLF ending the head in {@code in[start, end)}, or -1. */
    private int headEnd()
    {
        for (int i = start; i + 3 < end; i++)
        {
            if (in[i] == CR && in[i + 1] == LF && in[i + 2] == CR && in[i + 3] == LF)
            {
                return i;
            }
        }
        return -1;
    }

    /** Reads more input (compacting or growing the buffer first); false at end of stream. */
    private boolean fill(final ByteChannel ch) throws IOException
    {
        if (end == in.length)
        {
            if (start > 0)
            {
                System.arraycopy(in, start, in, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == in.length)
            {
                in = Arrays.copyOf(in, in.length * 2);
            }
        }
        final int n = ch.read(ByteBuffer.wrap(in, end, in.length - end));
        if (n < 0)
        {
            return false;
        }
        end += n;
        return true;
    }

    @Override
    protected void reset()
    {
        start = 0;
        end = 0;
    }
}
