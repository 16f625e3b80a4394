package org.puaagent.protocol.jsonrpc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts the byte stream of a jsonrpcs FIFO into JSON documents the way Kamailio 5.6.3 reads it (spec jsonrpc.md
 * section 5.2, docs/fifo.md), and resynchronises after input Kamailio would wedge on. Not thread-safe: owned by
 * the one thread that reads the FIFO.
 *
 * <h2>Framing</h2>
 * White space before a document's first <code>{</code> is skipped (e.g. the newline kamctl writes after each
 * request); any other byte there starts a run of garbage, reported once ({@link FifoFrame.Reason#GARBAGE}) and
 * skipped. From the <code>{</code>, braces are counted outside string literals ({@link BraceScanner}); the
 * document ends when the count returns to zero and is handed out whole ({@link FifoFrame.Document}), or
 * rejected ({@link FifoFrame.Reason#NUL}) when it holds a NUL byte.
 *
 * <h2>Resynchronisation</h2>
 * A lone <code>{</code> or the start of a document whose writer died leaves the count above zero: every later
 * document would be taken as part of it (Kamailio then answers nothing until a <code>}</code> comes). Real
 * clients write a whole document with one write, so the caller, once the FIFO has been quiet for a while with a
 * document in progress, calls {@link #resynchronise()}. The framer looks in what it holds for a
 * <em>resynchronisation point</em>: the first <code>{</code> after the document's start from which a fresh count
 * finds a balanced document followed only by white space up to the end of the held bytes or to another
 * <code>{</code> (the condition on what follows keeps a nested object such as {@code {"a":1},} or one inside a
 * string from being taken for a document). The bytes before that point are dropped
 * ({@link FifoFrame.Reason#TRUNCATED}) and the rest is framed again, so the documents written after the fragment
 * are found. Without such a point the fragment is kept, for a writer that only paused, but marked: if the next
 * byte after white space is a <code>{</code>, a new document begins there and the fragment is dropped; any other
 * byte continues it. When nothing comes the caller drops it at a longer deadline ({@link #abandon()}). The search
 * is bounded by {@value #SEARCH_BUDGET_FACTOR} times the maximum document size in scanned bytes; past that it
 * reports no point.
 *
 * <h2>Size limit</h2>
 * A document longer than the maximum (Kamailio: {@value #KAMAILIO_MAX_DOCUMENT_SIZE} bytes) first gets the same
 * search (a fragment followed by whole documents overflows the buffer under load before the FIFO is ever
 * quiet); when no point is found the document is oversized: it is skipped to its closing brace without being
 * buffered (Netty's discard mode; Kamailio instead rescans the rest of it as new input) and reported once at its
 * end ({@link FifoFrame.Reason#OVERSIZED}), with a reply name found in its first bytes or in its last
 * {@value #TAIL_WINDOW} (kamctl writes {@code reply_name} last). Memory is bounded: the framer holds at most
 * twice the maximum document size plus the tail window.
 *
 * <p>{@link #decode} consumes input up to and including the byte that completes a frame (the rest stays in the
 * caller's buffer for the next call); a partial document is kept inside the framer and never handed out.
 */
public final class FifoFramer
{
    /** Kamailio's jsonrpcs FIFO buffer holds documents of at most this many bytes. */
    public static final int KAMAILIO_MAX_DOCUMENT_SIZE = 8191;
    /** Last bytes of an oversized document searched for its reply name. */
    public static final int TAIL_WINDOW = 512;
    /** A search for a resynchronisation point scans at most this many times the maximum document size. */
    public static final int SEARCH_BUDGET_FACTOR = 64;

    private static final int NO_POINT = -1;

    private enum State
    {
        SEEKING, IN_DOCUMENT, DISCARDING
    }

    private final int maxDocumentSize;
    private final byte[] document;
    private int length;
    /** Bytes to frame again before new input, after a resynchronisation: replay[replayPosition, replayLimit). */
    private final byte[] replay;
    private int replayPosition;
    private int replayLimit;
    private final BraceScanner scanner = new BraceScanner();
    private final BraceScanner probe = new BraceScanner();
    private State state = State.SEEKING;
    private boolean nul;
    private boolean inGarbage;
    /** The partial document has been through a quiet period without a resynchronisation point. */
    private boolean stale;
    /** Set by {@link #accept} when the byte it was given is to be decoded again (not consumed). */
    private boolean declined;
    private final byte[] tail = new byte[TAIL_WINDOW];
    private long tailCount;
    private String headReplyName;
    private long starts;

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
        this.replay = new byte[maxDocumentSize + 1];
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

    /** Whether a document is in progress (partial, or being skipped as oversized). */
    public boolean inDocument()
    {
        return state != State.SEEKING;
    }

    /** Whether a document is in progress or a run of garbage is being skipped. */
    public boolean busy()
    {
        return state != State.SEEKING || inGarbage;
    }

    /**
     * How many documents and runs of garbage have begun so far: when it changed across a {@link #decode} while
     * the framer is {@link #busy()}, what it holds began during that call.
     */
    public long starts()
    {
        return starts;
    }

    /** Drops any partial document and all state (e.g. when the FIFO is reopened). */
    public void reset()
    {
        length = 0;
        replayPosition = 0;
        replayLimit = 0;
        inGarbage = false;
        stale = false;
        state = State.SEEKING;
    }

    /**
     * Reads bytes (first any left to frame again after {@link #resynchronise()}, then {@code input} from its
     * position to its limit) until a frame is complete or the input is exhausted. The position is left just
     * after the last byte consumed. Never throws on input.
     */
    public FifoFrame decode(final ByteBuffer input)
    {
        while (true)
        {
            final boolean replaying = replayPosition < replayLimit;
            if (!replaying && !input.hasRemaining())
            {
                return FifoFrame.NeedMore.INSTANCE;
            }
            final byte b = replaying ? replay[replayPosition] : input.get(input.position());
            declined = false;
            final FifoFrame frame = accept(b);
            if (!declined)
            {
                if (replaying)
                {
                    replayPosition++;
                }
                else
                {
                    input.position(input.position() + 1);
                }
            }
            if (null != frame)
            {
                return frame;
            }
        }
    }

    /**
     * Called when the FIFO has been quiet with a document in progress: drops the bytes before the first
     * resynchronisation point ({@link FifoFrame.Reason#TRUNCATED}; the rest is framed again by the next
     * {@link #decode} calls), ends an oversized document being skipped ({@link FifoFrame.Reason#OVERSIZED}), or
     * returns {@link FifoFrame.NeedMore} when there is nothing to drop. Ends a run of garbage in any case (the
     * next garbage byte is reported again). Call it again after decoding while it drops something.
     */
    public FifoFrame resynchronise()
    {
        inGarbage = false;
        if (state == State.DISCARDING)
        {
            state = State.SEEKING;
            return oversized();
        }
        if (state == State.IN_DOCUMENT)
        {
            final int point = resynchronisationPoint();
            if (point != NO_POINT)
            {
                return truncateAt(point);
            }
            stale = true;
        }
        return FifoFrame.NeedMore.INSTANCE;
    }

    /**
     * Drops the document in progress whatever it holds ({@link FifoFrame.Reason#TRUNCATED}, or
     * {@link FifoFrame.Reason#OVERSIZED} when it was being skipped); {@link FifoFrame.NeedMore} when there was none.
     */
    public FifoFrame abandon()
    {
        inGarbage = false;
        if (state == State.DISCARDING)
        {
            state = State.SEEKING;
            return oversized();
        }
        if (state == State.IN_DOCUMENT)
        {
            state = State.SEEKING;
            stale = false;
            final String name = ReplyNameScanner.find(document, 0, length);
            length = 0;
            return new FifoFrame.Rejected(FifoFrame.Reason.TRUNCATED, name);
        }
        return FifoFrame.NeedMore.INSTANCE;
    }

    /** White space as Kamailio trims it around a document. */
    static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private FifoFrame accept(final byte b)
    {
        if (state == State.SEEKING)
        {
            if (b != '{')
            {
                if (isSpace(b) || inGarbage)
                {
                    return null;
                }
                inGarbage = true;
                starts++;
                return new FifoFrame.Rejected(FifoFrame.Reason.GARBAGE, null);
            }
            inGarbage = false;
            starts++;
            stale = false;
            state = State.IN_DOCUMENT;
            scanner.reset();
            length = 0;
            nul = false;
        }
        if (state == State.IN_DOCUMENT)
        {
            if (stale && !isSpace(b))
            {
                stale = false;
                if (b == '{')
                {
                    // a document begins after a quiet period: the fragment before it is over
                    declined = true;
                    return truncateAt(length);
                }
            }
            if (length == maxDocumentSize)
            {
                return overflow(b);
            }
            document[length++] = b;
            nul |= b == 0;
            if (scanner.step(b))
            {
                state = State.SEEKING;
                final byte[] json = Arrays.copyOf(document, length);
                length = 0;
                return nul ? new FifoFrame.Rejected(FifoFrame.Reason.NUL, ReplyNameScanner.find(json, 0, json.length))
                    : new FifoFrame.Document(json);
            }
            return null;
        }
        keepTail(b);
        if (scanner.step(b))
        {
            state = State.SEEKING;
            return oversized();
        }
        return null;
    }

    /** The document is full and {@code b} does not fit: resynchronise if a point is found, else skip the rest. */
    private FifoFrame overflow(final byte b)
    {
        final int point = resynchronisationPoint();
        if (point != NO_POINT)
        {
            declined = true;
            return truncateAt(point);
        }
        headReplyName = ReplyNameScanner.find(document, 0, length);
        length = 0;
        tailCount = 0;
        state = State.DISCARDING;
        keepTail(b);
        if (scanner.step(b))
        {
            state = State.SEEKING;
            return oversized();
        }
        return null;
    }

    /**
     * Drops document[0, point) and frames document[point, length) again, before what was still to replay (the
     * byte being decoded, when declined, is still in the input or at the replay position).
     */
    private FifoFrame truncateAt(final int point)
    {
        final String name = ReplyNameScanner.find(document, 0, point);
        final int kept = length - point;
        final int leftover = replayLimit - replayPosition;
        // the framer never holds more than the replay buffer: bytes only enter the document from the input once
        // the replay is exhausted, so a document plus what is left to replay came from one earlier replay
        System.arraycopy(replay, replayPosition, replay, kept, leftover);
        System.arraycopy(document, point, replay, 0, kept);
        replayPosition = 0;
        replayLimit = kept + leftover;
        length = 0;
        stale = false;
        state = State.SEEKING;
        return new FifoFrame.Rejected(FifoFrame.Reason.TRUNCATED, name);
    }

    /**
     * The first position after the document's start where a fresh count finds a balanced document followed only
     * by white space up to the end of the held bytes or to another <code>{</code>; {@link #NO_POINT} if none
     * (or if the search budget ran out).
     */
    private int resynchronisationPoint()
    {
        long budget = (long) SEARCH_BUDGET_FACTOR * maxDocumentSize;
        for (int i = 1; i < length; i++)
        {
            if (document[i] != '{')
            {
                continue;
            }
            probe.reset();
            for (int j = i; j < length; j++)
            {
                if (--budget < 0)
                {
                    return NO_POINT;
                }
                if (probe.step(document[j]))
                {
                    if (endsAtBoundary(j + 1))
                    {
                        return i;
                    }
                    break;
                }
            }
        }
        return NO_POINT;
    }

    /** Whether only white space follows {@code from}, up to the end of the held bytes or to a <code>{</code>. */
    private boolean endsAtBoundary(final int from)
    {
        int k = from;
        while (k < length && isSpace(document[k]))
        {
            k++;
        }
        return k == length || document[k] == '{';
    }

    private void keepTail(final byte b)
    {
        tail[(int) (tailCount++ % TAIL_WINDOW)] = b;
    }

    /** The report of the oversized document just skipped, with a reply name from its head or its tail. */
    private FifoFrame oversized()
    {
        String name = headReplyName;
        if (null == name)
        {
            final int kept = (int) Math.min(tailCount, TAIL_WINDOW);
            final byte[] last = new byte[kept];
            final int start = (int) ((tailCount - kept) % TAIL_WINDOW);
            for (int i = 0; i < kept; i++)
            {
                last[i] = tail[(start + i) % TAIL_WINDOW];
            }
            name = ReplyNameScanner.find(last, 0, kept);
        }
        headReplyName = null;
        tailCount = 0;
        return new FifoFrame.Rejected(FifoFrame.Reason.OVERSIZED, name);
    }
}
