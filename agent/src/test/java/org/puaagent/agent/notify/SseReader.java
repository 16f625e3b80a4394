package org.puaagent.agent.notify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test client of {@code GET /events} on a raw socket: sends the request (HTTP/1.1), reads the status and the
 * headers, undoes chunked transfer coding, and parses SSE frames. Reads time out after a bound (a socket
 * timeout), so a missing event fails the test instead of hanging it. One thread.
 */
final class SseReader implements Closeable
{
    /** Longest wait for one byte. */
    static final int READ_TIMEOUT_MS = 10_000;

    /** One SSE frame: its fields (null when absent), its data lines joined with LF, its comment lines. */
    record Frame(String id, String event, String data, List<String> comments)
    {
        boolean isCommentOnly()
        {
            return null == id && null == event && null == data;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final boolean chunked;
    private final String bodyIfError;
    private int chunkLeft;
    private boolean eof;

    private SseReader(final Socket socket, final String target, final Map<String, String> requestHeaders)
        throws IOException
    {
        this.socket = socket;
        final StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Accept: text/event-stream\r\n");
        requestHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        final OutputStream out = socket.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        final String statusLine = rawLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = rawLine(); !line.isEmpty(); line = rawLine())
        {
            final int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        if (status != 200)
        {
            final ByteArrayOutputStream body = new ByteArrayOutputStream();
            final String length = headers.get("content-length");
            if (null != length)
            {
                body.write(in.readNBytes(Integer.parseInt(length)));
            }
            bodyIfError = body.toString(StandardCharsets.UTF_8);
        }
        else
        {
            bodyIfError = null;
        }
    }

    /** Connects and sends {@code GET target}; {@code receiveBuffer} > 0 shrinks the socket's receive buffer. */
    static SseReader open(final int port, final String target, final Map<String, String> requestHeaders,
        final int receiveBuffer) throws IOException
    {
        final Socket s = new Socket();
        if (receiveBuffer > 0)
        {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        return new SseReader(s, target, requestHeaders);
    }

    static SseReader open(final int port, final String target) throws IOException
    {
        return open(port, target, Map.of(), 0);
    }

    int status()
    {
        return status;
    }

    String header(final String name)
    {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String errorBody()
    {
        return bodyIfError;
    }

    /** The next frame (comment-only frames included), or null at the end of the stream. */
    Frame next() throws IOException
    {
        String id = null;
        String event = null;
        StringBuilder data = null;
        final List<String> comments = new ArrayList<>();
        boolean any = false;
        while (true)
        {
            final String line = bodyLine();
            if (null == line)
            {
                return any ? new Frame(id, event, null == data ? null : data.toString(), comments) : null;
            }
            if (line.isEmpty())
            {
                if (any)
                {
                    return new Frame(id, event, null == data ? null : data.toString(), comments);
                }
                continue;
            }
            any = true;
            if (line.startsWith(":"))
            {
                comments.add(line.substring(1).trim());
                continue;
            }
            final int colon = line.indexOf(':');
            final String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" "))
            {
                value = value.substring(1);
            }
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    event = value;
                    break;
                case "data":
                    data = null == data ? new StringBuilder(value) : data.append('\n').append(value);
                    break;
                default:
                    throw new IOException("unexpected SSE field '" + field + "' in line '" + line + "'");
            }
        }
    }

    /** The next frame that is not only comments, or null at the end of the stream. */
    Frame nextEvent() throws IOException
    {
        for (Frame f = next(); null != f; f = next())
        {
            if (!f.isCommentOnly())
            {
                return f;
            }
        }
        return null;
    }

    private String bodyLine() throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true)
        {
            final int b = bodyByte();
            if (b < 0)
            {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n')
            {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b != '\r')
            {
                line.write(b);
            }
        }
    }

    private int bodyByte() throws IOException
    {
        if (eof)
        {
            return -1;
        }
        if (!chunked)
        {
            final int b = in.read();
            eof = b < 0;
            return b;
        }
        if (0 == chunkLeft)
        {
            String size = rawLine();
            if (size.isEmpty())
            {
                size = rawLine();
            }
            chunkLeft = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (0 == chunkLeft)
            {
                eof = true;
                return -1;
            }
        }
        final int b = in.read();
        if (b < 0)
        {
            eof = true;
            return -1;
        }
        chunkLeft--;
        return b;
    }

    private String rawLine() throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                if (line.size() == 0)
                {
                    throw new IOException("connection closed");
                }
                break;
            }
            if (b == '\n')
            {
                break;
            }
            if (b != '\r')
            {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
