package org.puaagent.protocol.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes HTTP/1.0 and HTTP/1.1 requests out of a byte stream (a non-blocking socket), in the mould of
 * {@code BinRpcStreamDecoder}: feed it the bytes as they arrive, in chunks of any size; it hands every complete
 * request to an {@link HttpRequestHandler} in order and keeps the bytes of an incomplete one for the next chunk.
 * Pipelined requests are fine. Lines may end with CRLF or a bare LF; empty lines before a request line are
 * skipped. Bodies are framed by Content-Length or by chunked Transfer-Encoding (extensions and trailer fields
 * read and dropped); with neither, the body is empty.
 *
 * <p>Limits: a head (request line, fields and the empty line) longer than {@code maxHeadBytes} fails with 431
 * as soon as its bytes arrive; a Content-Length above {@code maxBodyBytes} fails with 413 as soon as the head is
 * complete, a chunked body with 413 as soon as a chunk size takes it above the limit; trailer fields count
 * against {@code maxHeadBytes}. The internal memory is at most one head ({@code maxHeadBytes}) and one body
 * ({@code maxBodyBytes}) plus an 8 KB staging array for direct buffers. A request complete inside a heap chunk
 * is parsed straight from the caller's array.
 *
 * <p>Failures are values: after one, {@link #status()} is FAILED, {@link #failure()} says which status to
 * answer with (the server then closes the connection), and further input is ignored. After {@link #stop()}
 * further input is ignored too.
 *
 * <p>Not thread-safe: owned by one thread (the connection's I/O thread).
 */
public final class HttpRequestDecoder
{
    /** Size of the staging array used for direct (off-heap) buffers. */
    private static final int DIRECT_CHUNK = 8192;
    /** Smallest internal buffer allocated. */
    private static final int MIN_BUFFER_CAPACITY = 256;
    /** Longest chunk-size line (size and extensions) accepted. */
    static final int MAX_CHUNK_LINE = 4096;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] EMPTY = new byte[0];
    private static final int RADIX = 16;

    /** State of the decoder after a {@code feed}. */
    public enum Status
    {
        /** Healthy: all input consumed (complete requests delivered, a partial one kept). */
        OPEN,
        /** {@link #stop()} was called: further input is ignored. */
        STOPPED,
        /** The stream is broken: see {@link #failure()}. Further input is ignored. */
        FAILED
    }

    /** Where in a request the next byte belongs. */
    private enum Part
    {
        HEAD, BODY, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_END, CHUNK_DATA_LF, TRAILER_START,
        TRAILER_LINE, TRAILER_END_LF
    }

    private final int maxHeadBytes;
    private final int maxBodyBytes;
    private final RequestHead head = new RequestHead();
    private Status status = Status.OPEN;
    private HttpFailure failure;
    private Part part = Part.HEAD;

    private byte[] headBuffer = EMPTY;
    private int headCount;
    /** Head scan: the current line holds nothing but CRs so far. */
    private boolean lineEmpty;

    private byte[] body = EMPTY;
    private int bodyCount;
    /** Content-Length body: bytes still missing; chunked: bytes left in the current chunk. */
    private long remaining;
    private int chunkLineBytes;
    private int chunkSizeDigits;
    private int trailerBytes;
    private boolean continuePending;
    private byte[] directChunk;

    /**
     * @param maxHeadBytes largest accepted head (request line, fields, empty line), at least 1
     * @param maxBodyBytes largest accepted body, at least 0
     */
    public HttpRequestDecoder(final int maxHeadBytes, final int maxBodyBytes)
    {
        if (maxHeadBytes < 1 || maxBodyBytes < 0)
        {
            throw new IllegalArgumentException("limits " + maxHeadBytes + "/" + maxBodyBytes);
        }
        this.maxHeadBytes = maxHeadBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Feeds in[position..limit) (heap or direct buffer); consumes all of it: every complete request goes to the
     * handler in order, a partial one is kept. Returns the status after it.
     */
    public Status feed(final ByteBuffer in, final HttpRequestHandler handler)
    {
        if (in.hasArray())
        {
            final Status s = feed(in.array(), in.arrayOffset() + in.position(), in.remaining(), handler);
            in.position(in.limit());
            return s;
        }
        Objects.requireNonNull(handler, "handler");
        if (null == directChunk)
        {
            directChunk = new byte[DIRECT_CHUNK];
        }
        while (status == Status.OPEN && in.hasRemaining())
        {
            final int n = Math.min(in.remaining(), directChunk.length);
            in.get(directChunk, 0, n);
            feed(directChunk, 0, n, handler);
        }
        in.position(in.limit());
        return status;
    }

    /** Feeds {@code chunk[offset..offset+length)}, as {@link #feed(ByteBuffer, HttpRequestHandler)}. */
    public Status feed(final byte[] chunk, final int offset, final int length, final HttpRequestHandler handler)
    {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(handler, "handler");
        final int end = offset + length;
        int off = offset;
        while (status == Status.OPEN)
        {
            if (part == Part.HEAD)
            {
                off = head(chunk, off, end, handler);
                if (off < 0)
                {
                    break;
                }
                continue;
            }
            if (part == Part.BODY)
            {
                final int n = (int) Math.min(remaining, end - off);
                System.arraycopy(chunk, off, body, bodyCount, n);
                bodyCount += n;
                remaining -= n;
                off += n;
                if (remaining == 0)
                {
                    final byte[] complete = body;
                    body = EMPTY;
                    deliver(complete, handler);
                    continue;
                }
            }
            else
            {
                off = chunked(chunk, off, end);
                if (off < 0)
                {
                    break;
                }
                if (part == Part.HEAD)
                {
                    final byte[] complete = bodyCount == body.length ? body : Arrays.copyOf(body, bodyCount);
                    body = EMPTY;
                    deliver(complete, handler);
                    continue;
                }
            }
            if (off == end)
            {
                if (continuePending)
                {
                    continuePending = false;
                    handler.onContinue();
                }
                break;
            }
        }
        return status;
    }

    /** After FAILED: what went wrong; otherwise null. */
    public HttpFailure failure()
    {
        return failure;
    }

    /**
     * Ignore all further input (the handler may call this from onRequest: nothing more is delivered, not even
     * requests already in the same chunk).
     */
    public void stop()
    {
        if (status == Status.OPEN)
        {
            status = Status.STOPPED;
            release();
        }
    }

    /** The current status. */
    public Status status()
    {
        return status;
    }

    /** Bytes held for an incomplete request (head bytes plus body bytes so far). */
    public int buffered()
    {
        return headCount + bodyCount;
    }

    /** Capacity of the internal buffers; never more than {@code maxHeadBytes + maxBodyBytes + 512}. */
    public int bufferCapacity()
    {
        return headBuffer.length + body.length;
    }

    /**
     * Reads head bytes from {@code chunk[off..end)}; on a complete head, parses it and starts the body (a request
     * without body is delivered).
     *
     * @return where to go on, or -1 to leave the loop (input exhausted or failed)
     */
    private int head(final byte[] chunk, final int from, final int end, final HttpRequestHandler handler)
    {
        int off = from;
        if (headCount == 0)
        {
            while (off < end && (chunk[off] == CR || chunk[off] == LF))
            {
                off++;
            }
            if (off == end)
            {
                return -1;
            }
            lineEmpty = false;
        }
        final int room = maxHeadBytes - headCount;
        final int to = end - off > room ? off + room : end;
        final int lf = scanHeadEnd(chunk, off, to);
        if (lf < 0)
        {
            if (to < end)
            {
                fail(HttpFailure.headerFieldsTooLarge("head longer than " + maxHeadBytes + " bytes"));
            }
            else
            {
                appendHead(chunk, off, end - off);
            }
            return -1;
        }
        final HttpFailure f;
        if (headCount == 0)
        {
            f = head.parse(chunk, off, lf + 1);
        }
        else
        {
            appendHead(chunk, off, lf + 1 - off);
            f = head.parse(headBuffer, 0, headCount);
            headCount = 0;
        }
        off = lf + 1;
        if (null != f)
        {
            fail(f);
            return -1;
        }
        if (head.chunked)
        {
            part = Part.CHUNK_SIZE;
            startChunkLine();
            bodyCount = 0;
            continuePending = head.expectContinue;
            return off;
        }
        final long length = head.contentLength == RequestHead.NO_LENGTH ? 0 : head.contentLength;
        if (length > maxBodyBytes)
        {
            fail(HttpFailure.payloadTooLarge("Content-Length " + (length == RequestHead.HUGE_LENGTH ? "(huge)" : length)
                + " above " + maxBodyBytes));
            return -1;
        }
        if (length == 0)
        {
            deliver(EMPTY, handler);
            return off;
        }
        if (end - off >= length)
        {
            final byte[] complete = Arrays.copyOfRange(chunk, off, off + (int) length);
            deliver(complete, handler);
            return off + (int) length;
        }
        body = new byte[(int) length];
        bodyCount = 0;
        remaining = length;
        part = Part.BODY;
        continuePending = head.expectContinue;
        return off;
    }

    /** Index of the LF that ends the head within {@code a[from..to)}, or -1; carries its state across chunks. */
    private int scanHeadEnd(final byte[] a, final int from, final int to)
    {
        boolean empty = lineEmpty;
        for (int i = from; i < to; i++)
        {
            final byte b = a[i];
            if (b == LF)
            {
                if (empty)
                {
                    return i;
                }
                empty = true;
            }
            else if (b != CR)
            {
                empty = false;
            }
        }
        lineEmpty = empty;
        return -1;
    }

    /**
     * Reads chunked body bytes from {@code chunk[off..end)}. Leaves {@link #part} at HEAD when the body is
     * complete.
     *
     * @return where to go on, or -1 on failure
     */
    private int chunked(final byte[] chunk, final int from, final int end)
    {
        int off = from;
        while (off < end && part != Part.HEAD)
        {
            if (part == Part.CHUNK_DATA)
            {
                final int n = (int) Math.min(remaining, end - off);
                ensureBody(bodyCount + n);
                System.arraycopy(chunk, off, body, bodyCount, n);
                bodyCount += n;
                remaining -= n;
                off += n;
                if (remaining == 0)
                {
                    part = Part.CHUNK_DATA_END;
                }
                continue;
            }
            final byte b = chunk[off++];
            final HttpFailure f = chunkByte(b);
            if (null != f)
            {
                fail(f);
                return -1;
            }
        }
        return off;
    }

    /** One byte of chunked framing outside chunk data. */
    private HttpFailure chunkByte(final byte b)
    {
        switch (part)
        {
            case CHUNK_SIZE:
            {
                final int digit = Character.digit(b, RADIX);
                if (digit >= 0 && b >= 0)
                {
                    if (++chunkLineBytes > MAX_CHUNK_LINE)
                    {
                        return HttpFailure.badRequest("chunk-size line too long");
                    }
                    remaining = remaining * RADIX + digit;
                    chunkSizeDigits++;
                    if (remaining > maxBodyBytes - bodyCount)
                    {
                        return HttpFailure.payloadTooLarge("chunked body above " + maxBodyBytes + " bytes");
                    }
                    return null;
                }
                if (chunkSizeDigits == 0)
                {
                    return HttpFailure.badRequest("missing chunk size");
                }
                if (b == ';' || b == ' ' || b == '\t')
                {
                    part = Part.CHUNK_EXT;
                    return null;
                }
                return endOfSizeLine(b);
            }
            case CHUNK_EXT:
            {
                if (b == CR || b == LF)
                {
                    return endOfSizeLine(b);
                }
                if (++chunkLineBytes > MAX_CHUNK_LINE)
                {
                    return HttpFailure.badRequest("chunk-size line too long");
                }
                if ((b >= 0 && b < ' ' && b != '\t') || b == 0x7f)
                {
                    return HttpFailure.badRequest("control character in chunk extension");
                }
                return null;
            }
            case CHUNK_SIZE_LF:
                return b == LF ? endOfSizeLine(b) : HttpFailure.badRequest("CR without LF after chunk size");
            case CHUNK_DATA_END:
                if (b == CR)
                {
                    part = Part.CHUNK_DATA_LF;
                    return null;
                }
                return endOfChunkData(b);
            case CHUNK_DATA_LF:
                return endOfChunkData(b);
            case TRAILER_START:
            case TRAILER_LINE:
            case TRAILER_END_LF:
                return trailerByte(b);
            default:
                throw new IllegalStateException(part.name());
        }
    }

    /** The LF after chunk data (a bare LF without CR is accepted too). */
    private HttpFailure endOfChunkData(final byte b)
    {
        if (b != LF)
        {
            return HttpFailure.badRequest("chunk data not followed by CRLF");
        }
        part = Part.CHUNK_SIZE;
        startChunkLine();
        return null;
    }

    private HttpFailure endOfSizeLine(final byte b)
    {
        if (b == CR)
        {
            part = Part.CHUNK_SIZE_LF;
            return null;
        }
        if (b != LF)
        {
            return HttpFailure.badRequest("malformed chunk size");
        }
        if (remaining == 0)
        {
            part = Part.TRAILER_START;
            trailerBytes = 0;
        }
        else
        {
            part = Part.CHUNK_DATA;
        }
        return null;
    }

    private HttpFailure trailerByte(final byte b)
    {
        if (++trailerBytes > maxHeadBytes)
        {
            return HttpFailure.headerFieldsTooLarge("trailer longer than " + maxHeadBytes + " bytes");
        }
        switch (part)
        {
            case TRAILER_START:
                if (b == LF)
                {
                    part = Part.HEAD;
                }
                else
                {
                    part = b == CR ? Part.TRAILER_END_LF : Part.TRAILER_LINE;
                }
                return null;
            case TRAILER_END_LF:
                if (b != LF)
                {
                    return HttpFailure.badRequest("CR without LF after trailer");
                }
                part = Part.HEAD;
                return null;
            default:
                if (b == LF)
                {
                    part = Part.TRAILER_START;
                }
                return null;
        }
    }

    private void startChunkLine()
    {
        remaining = 0;
        chunkSizeDigits = 0;
        chunkLineBytes = 0;
    }

    private void deliver(final byte[] complete, final HttpRequestHandler handler)
    {
        final HttpRequest request = head.toRequest(complete);
        part = Part.HEAD;
        bodyCount = 0;
        remaining = 0;
        continuePending = false;
        handler.onRequest(request);
    }

    private void appendHead(final byte[] chunk, final int off, final int n)
    {
        final int needed = headCount + n;
        if (headBuffer.length < needed)
        {
            final int grown = Math.max(needed, Math.min(maxHeadBytes, Math.max(MIN_BUFFER_CAPACITY, headBuffer.length * 2)));
            headBuffer = Arrays.copyOf(headBuffer, grown);
        }
        System.arraycopy(chunk, off, headBuffer, headCount, n);
        headCount = needed;
    }

    private void ensureBody(final int needed)
    {
        if (body.length < needed)
        {
            final int grown = Math.max(needed, Math.min(maxBodyBytes, Math.max(MIN_BUFFER_CAPACITY, body.length * 2)));
            body = Arrays.copyOf(body, grown);
        }
    }

    private void fail(final HttpFailure cause)
    {
        status = Status.FAILED;
        failure = cause;
        release();
    }

    private void release()
    {
        headBuffer = EMPTY;
        headCount = 0;
        body = EMPTY;
        bodyCount = 0;
    }
}
