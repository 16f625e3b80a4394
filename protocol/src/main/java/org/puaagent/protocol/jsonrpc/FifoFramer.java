package org.puaagent.protocol.jsonrpc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts the byte stream of a jsonrpcs FIFO into JSON documents the way Kamailio 5.6.3 reads it (spec jsonrpc.md
 * section 5.2). Not thread-safe: owned by the one thread that reads the FIFO.
 *
 * <p>Bytes before a document's first <code>{</code> are skipped (e.g. the newline kamctl writes after each
 * request). From there, braces are counted outside string literals; the document ends when the count returns to
 * zero. A literal starts with {@code "} or {@code '} (as in Kamailio; a quote preceded by a backslash does not
 * start one) and ends at the same quote character; inside it, a backslash escapes the next byte, so braces and
 * the other quote character inside are text. Deviation: Kamailio only looks at the byte before a quote, so a
 * literal ending in an escaped backslash ({@code "C:\\"}) stays open and the stream is mis-framed; here it
 * closes, which only changes input Kamailio cannot serve.
 *
 * <p>A document longer than the maximum (Kamailio: {@value #KAMAILIO_MAX_DOCUMENT_SIZE} bytes) is reported once
 * as {@link FifoFrame.TooLarge} and skipped up to its closing brace without being buffered (Netty's discard mode;
 * Kamailio instead rescans the rest of it as new input, where a nested object could be taken for a request).
 * Memory is bounded: the buffer never holds more than the maximum document size.
 *
 * <p>{@link #decode} consumes input up to and including the end of one document (the rest stays in the
 * caller's buffer for the next call); a partial document is kept inside the framer and never handed out.
 */
public final class FifoFramer
{
    /** Kamailio's jsonrpcs FIFO buffer holds documents of at most this many bytes. */
    public static final int KAMAILIO_MAX_DOCUMENT_SIZE = 8191;

    private enum State
    {
        SEEKING, IN_DOCUMENT, DISCARDING
    }

    private final int maxDocumentSize;
    private final byte[] document;
    private int length;
    private State state = State.SEEKING;
    private int depth;
    private byte quote;
    private boolean escaped;
    private byte previous;

    /** A framer with Kamailio's maximum document size. */
    public FifoFramer()
    {
        this(KAMAILIO_MAX_DOCUMENT_SIZE);
    }

    public FifoFramer(final int maxDocumentSize)
    {
        if (maxDocumentSize < 2)
        {
            throw new IllegalArgumentException("maxDocumentSize must be at least 2: " + maxDocumentSize);
        }
        this.maxDocumentSize = maxDocumentSize;
        this.document = new byte[maxDocumentSize];
    }

    public int maxDocumentSize()
    {
        return maxDocumentSize;
    }

    /** Bytes of the current partial document held by the framer (never more than {@link #maxDocumentSize()}). */
    public int bufferedBytes()
    {
        return length;
    }

    /** Drops any partial document (e.g. when the FIFO is reopened). */
    public void reset()
    {
        length = 0;
        state = State.SEEKING;
    }

    /**
     * Reads bytes from {@code input} (from its position to its limit) until one document is complete, a document
     * turns out too large, or the input is exhausted. The position is left just after the last byte consumed.
     */
    public FifoFrame decode(final ByteBuffer input)
    {
        while (input.hasRemaining())
        {
            final byte b = input.get();
            if (state == State.SEEKING)
            {
                if (b == '{')
                {
                    state = State.IN_DOCUMENT;
                    depth = 0;
                    quote = 0;
                    escaped = false;
                    previous = 0;
                    length = 0;
                }
                else
                {
                    continue;
                }
            }
            boolean overflow = false;
            if (state == State.IN_DOCUMENT)
            {
                if (length == maxDocumentSize)
                {
                    state = State.DISCARDING;
                    length = 0;
                    overflow = true;
                }
                else
                {
                    document[length++] = b;
                }
            }
            final boolean complete = scan(b);
            if (complete)
            {
                final State finished = state;
                state = State.SEEKING;
                if (finished == State.IN_DOCUMENT)
                {
                    final byte[] json = Arrays.copyOf(document, length);
                    length = 0;
                    return new FifoFrame.Document(json);
                }
            }
            if (overflow)
            {
                return new FifoFrame.TooLarge(maxDocumentSize);
            }
        }
        return FifoFrame.NeedMore.INSTANCE;
    }

    /** Advances the literal/brace state by one byte of a document; true when the document just ended. */
    private boolean scan(final byte b)
    {
        final byte before = previous;
        previous = b;
        if (quote != 0)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (b == '\\')
            {
                escaped = true;
            }
            else if (b == quote)
            {
                quote = 0;
            }
            return false;
        }
        if ((b == '"' || b == '\'') && before != '\\')
        {
            quote = b;
            return false;
        }
        if (b == '{')
        {
            depth++;
        }
        else if (b == '}')
        {
            depth--;
            return depth == 0;
        }
        return false;
    }
}
