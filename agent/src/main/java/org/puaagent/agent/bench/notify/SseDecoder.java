package org.puaagent.agent.bench.notify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the body bytes of a {@code text/event-stream} response into {@link SseFrame}s, incrementally: feed it
 * what the socket gives, in chunks of any size. It undoes HTTP/1.1 chunked transfer coding when asked to, and
 * splits the stream into lines (LF, CRLF) and frames (an empty line ends a frame); comment lines
 * ({@code : ...}) are counted, not delivered. A malformed chunk header fails the decoder: {@link #error()}
 * says why and further input is ignored.
 *
 * <p>Not thread-safe: one reader thread.
 */
final class SseDecoder
{
    /** Longest line accepted (a notification's JSON is one line). */
    static final int MAX_LINE = 1 << 20;
    private static final int MAX_CHUNK_HEADER = 1024;
    private static final int HEX = 16;

    private enum ChunkState
    {
        SIZE,
        DATA,
        DATA_END,
        DONE
    }

    private final boolean chunked;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder chunkHeader = new StringBuilder();
    private ChunkState chunkState = ChunkState.SIZE;
    private long chunkLeft;
    private String id;
    private String event;
    private StringBuilder data;
    private boolean inFrame;
    private long comments;
    private String error;

    /** @param chunked whether the body has {@code Transfer-Encoding: chunked} */
    SseDecoder(final boolean chunked)
    {
        this.chunked = chunked;
    }

    /** Feeds {@code bytes[offset..offset+length)}; complete frames go to {@code sink}. */
    void feed(final byte[] bytes, final int offset, final int length, final Consumer<SseFrame> sink)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end && null == error)
        {
            if (!chunked)
            {
                i = eventBytes(bytes, i, end, sink);
                continue;
            }
            switch (chunkState)
            {
                case SIZE:
                    i = chunkSize(bytes, i, end);
                    break;
                case DATA:
                {
                    final int n = (int)Math.min(chunkLeft, end - i);
                    eventBytes(bytes, i, i + n, sink);
                    chunkLeft -= n;
                    i += n;
                    if (0 == chunkLeft)
                    {
                        chunkState = ChunkState.DATA_END;
                    }
                    break;
                }
                case DATA_END:
                    // the CRLF after a chunk's data
                    if (bytes[i] == '\n')
                    {
                        chunkState = ChunkState.SIZE;
                    }
                    else if (bytes[i] != '\r')
                    {
                        error = "no CRLF after a chunk's data";
                    }
                    i++;
                    break;
                default:
                    // after the last chunk: nothing more belongs to this stream
                    i = end;
                    break;
            }
        }
    }

    /** Whether the chunked body ended (its last, empty chunk arrived). */
    boolean ended()
    {
        return ChunkState.DONE == chunkState;
    }

    /** Why the stream is malformed, or null. */
    String error()
    {
        return error;
    }

    /** Comment lines seen (greeting, heartbeats). */
    long comments()
    {
        return comments;
    }

    private int chunkSize(final byte[] bytes, final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final byte b = bytes[i++];
            if (b == '\n')
            {
                final String header = chunkHeader.toString().trim();
                chunkHeader.setLength(0);
                final int semicolon = header.indexOf(';');
                final String size = semicolon < 0 ? header : header.substring(0, semicolon).trim();
                try
                {
                    chunkLeft = Long.parseLong(size, HEX);
                }
                catch (final NumberFormatException ex)
                {
                    error = "bad chunk size '" + header + "'";
                    return end;
                }
                if (chunkLeft < 0)
                {
                    error = "bad chunk size '" + header + "'";
                    return end;
                }
                chunkState = 0 == chunkLeft ? ChunkState.DONE : ChunkState.DATA;
                return i;
            }
            if (b != '\r')
            {
                chunkHeader.append((char)(b & 0xff));
                if (chunkHeader.length() > MAX_CHUNK_HEADER)
                {
                    error = "chunk header longer than " + MAX_CHUNK_HEADER + " bytes";
                    return end;
                }
            }
        }
        return i;
    }

    private int eventBytes(final byte[] bytes, final int start, final int end, final Consumer<SseFrame> sink)
    {
        int i = start;
        while (i < end && null == error)
        {
            final byte b = bytes[i++];
            if (b == '\n')
            {
                onLine(line.toString(StandardCharsets.UTF_8), sink);
                line.reset();
            }
            else if (b != '\r')
            {
                line.write(b);
                if (line.size() > MAX_LINE)
                {
                    error = "an event stream line longer than " + MAX_LINE + " bytes";
                }
            }
        }
        return end;
    }

    private void onLine(final String text, final Consumer<SseFrame> sink)
    {
        if (text.isEmpty())
        {
            if (inFrame)
            {
                sink.accept(new SseFrame(id, event, null == data ? null : data.toString()));
            }
            id = null;
            event = null;
            data = null;
            inFrame = false;
            return;
        }
        if (text.charAt(0) == ':')
        {
            comments++;
            return;
        }
        final int colon = text.indexOf(':');
        final String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" "))
        {
            value = value.substring(1);
        }
        switch (field)
        {
            case "id":
                id = value;
                inFrame = true;
                break;
            case "event":
                event = value;
                inFrame = true;
                break;
            case "data":
                data = null == data ? new StringBuilder(value) : data.append('\n').append(value);
                inFrame = true;
                break;
            default:
                // other fields (retry, unknown) are ignored, as the SSE specification says
                break;
        }
    }
}
