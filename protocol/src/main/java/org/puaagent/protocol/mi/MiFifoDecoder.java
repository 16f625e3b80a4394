package org.puaagent.protocol.mi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental decoder for the Kamailio 4.x MI FIFO request stream (mi-fifo.md section 1.1), in the shape
 * of a Netty frame decoder.
 *
 * <p>A request is a command line {@code :command:reply_fifo\n}, parameter lines, and a line that is exactly
 * {@code \n}. Because a quoted value may never contain an empty line, that first empty line always ends
 * the request: the decoder frames first and parses the complete frame afterwards.
 *
 * <h2>Contract</h2>
 * The caller accumulates the bytes read from the fifo in a buffer and calls {@link #decode(ByteBuffer)}
 * (buffer in read mode, data between position and limit) until it returns {@code null}:
 * <ul>
 *   <li>a {@link MiRequest} or a {@link MiDecodeError} was produced and the position moved past the bytes
 *       it covers;</li>
 *   <li>{@code null}: nothing complete is left. The position moved only over bytes being skipped (blank
 *       lines between requests, the rest of a rejected request); the bytes of a partial request are never
 *       consumed, and they are never more than {@link #MAX_PENDING_BYTES}: a buffer of that capacity is
 *       always enough. Keep the unconsumed bytes and append the next read after them (compacting is fine);
 *       the decoder remembers how far it already searched.</li>
 * </ul>
 * Any byte sequence is accepted; the decoder never throws on input.
 *
 * <h2>Limits</h2>
 * Command line at most {@value #MAX_COMMAND_LINE_BYTES} bytes including its {@code \n}; the parameter
 * lines together, including the final empty line, at most {@value #MAX_PARAMETER_BYTES} bytes (Kamailio's
 * buffer sizes).
 *
 * <h2>Errors and resynchronisation</h2>
 * <ul>
 *   <li>A line of only blanks where a command line is expected is skipped silently, on its own.
 *       (Kamailio 4.4 treats it as a bad command and also drops the request after it; we do not.)</li>
 *   <li>Any other failure drops the rest of the request: after {@link MiDecodeError.Kind#BAD_COMMAND_LINE},
 *       {@link MiDecodeError.Kind#COMMAND_LINE_TOO_LONG} and
 *       {@link MiDecodeError.Kind#PARAMETERS_TOO_LONG} the decoder discards everything up to and including
 *       the next line that is exactly {@code \n} (what Kamailio's FIFO server does). A
 *       {@link MiDecodeError.Kind#PARSE_ERROR} consumes its frame, which already ends with that line;
 *       when the error is an empty line inside a quoted value, that empty line is taken to belong to the
 *       value and the decoder also discards up to the next empty line, where the client's request
 *       really ends.</li>
 *   <li>A complete request holding a NUL byte anywhere is {@link MiDecodeError.Kind#NUL_BYTE} (Kamailio's C
 *       strings would end there), answered like a parse error; its frame is consumed.</li>
 *   <li>The transport ends discarding when the FIFO has been quiet ({@link #endDiscard()}) and drops a request
 *       whose end never came ({@link #abandon(ByteBuffer)}); docs/fifo.md says when.</li>
 * </ul>
 * The reply fifo name is not judged here: the transport applies the rule both FIFOs share.
 * The decoder does not know which commands exist: Kamailio answers "not available" for an unknown command
 * even when its parameters would not parse. A dispatcher that wants that precedence looks at
 * {@link MiDecodeError#command()} of a parse error first.
 *
 * <p>Not thread-safe: one decoder per fifo, used by the thread that reads it.
 */
public final class MiFifoDecoder
{
    /** Longest command line, including its {@code \n}. */
    public static final int MAX_COMMAND_LINE_BYTES = 1024;
    /** Most bytes of parameter lines (including the final empty line) in one request. */
    public static final int MAX_PARAMETER_BYTES = 8192;
    /** The most bytes {@link #decode(ByteBuffer)} ever leaves unconsumed while waiting for more. */
    public static final int MAX_PENDING_BYTES = MAX_COMMAND_LINE_BYTES + MAX_PARAMETER_BYTES;

    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte NUL = 0;
    private static final int MIN_COMMAND_LINE = 3;
    private static final int DETAIL_LIMIT = 80;

    private final int maxCommandLine;
    private final int maxParameters;
    private final MiParameterParser parser = new MiParameterParser(true);
    private boolean discarding;
    private boolean discardAtLineStart;
    /** Bytes after the position already searched for the end of the request (0: none). */
    private int searched;

    /** A decoder with Kamailio's limits. */
    public MiFifoDecoder()
    {
        this(MAX_COMMAND_LINE_BYTES, MAX_PARAMETER_BYTES);
    }

    /**
     * A decoder with other limits (tests, or a deliberately larger deployment).
     *
     * @param maxCommandLine longest command line including {@code \n} (at least 4)
     * @param maxParameters  most parameter bytes including the final empty line (at least 1)
     */
    public MiFifoDecoder(final int maxCommandLine, final int maxParameters)
    {
        if (maxCommandLine <= MIN_COMMAND_LINE || maxParameters < 1)
        {
            throw new IllegalArgumentException("limits too small: " + maxCommandLine + ", " + maxParameters);
        }
        this.maxCommandLine = maxCommandLine;
        this.maxParameters = maxParameters;
    }

    /** The most bytes this decoder leaves unconsumed while waiting for more. */
    public int maxPendingBytes()
    {
        return maxCommandLine + maxParameters;
    }

    /**
     * Decodes the next request or error from {@code in} (position to limit).
     *
     * @return the next request or error, or {@code null} when more bytes are needed
     */
    public MiDecoded decode(final ByteBuffer in)
    {
        while (true)
        {
            if (discarding && !discard(in))
            {
                return null;
            }
            final int start = in.position();
            final int limit = in.limit();
            if (start == limit)
            {
                return null;
            }
            final int lineScanEnd = Math.min(limit, start + maxCommandLine);
            final int nl = indexOf(in, LF, start, lineScanEnd);
            if (nl < 0)
            {
                if (lineScanEnd - start < maxCommandLine)
                {
                    return null;
                }
                in.position(lineScanEnd);
                startDiscarding(false);
                return new MiDecodeError(MiDecodeError.Kind.COMMAND_LINE_TOO_LONG, null, null,
                    "command line longer than " + maxCommandLine + " bytes: " + text(in, start, lineScanEnd), null);
            }
            int end = nl;
            while (end > start && isCommandLineTrim(in.get(end - 1)))
            {
                end--;
            }
            if (end == start)
            {
                in.position(nl + 1);
                searched = 0;
                continue;
            }
            final int separator = end - start >= MIN_COMMAND_LINE && in.get(start) == COLON
                ? indexOf(in, COLON, start + 1, end) : -1;
            if (separator <= start + 1)
            {
                in.position(nl + 1);
                startDiscarding(true);
                return new MiDecodeError(MiDecodeError.Kind.BAD_COMMAND_LINE, null, null,
                    "not ':command:reply_fifo': " + text(in, start, end), null);
            }
            final String command = utf8(in, start + 1, beforeNul(in, start + 1, separator));
            final String replyFifo = utf8(in, separator + 1, end);
            final int paramsStart = nl + 1;
            final int paramsLimit = paramsStart + maxParameters;
            final int searchEnd = Math.min(limit, paramsLimit);
            int terminator = -1;
            for (int j = Math.max(paramsStart, start + searched); j < searchEnd; j++)
            {
                if (in.get(j) == LF && in.get(j - 1) == LF)
                {
                    terminator = j;
                    break;
                }
            }
            if (terminator < 0)
            {
                if (limit < paramsLimit)
                {
                    searched = limit - start;
                    return null;
                }
                in.position(paramsLimit);
                startDiscarding(in.get(paramsLimit - 1) == LF);
                return new MiDecodeError(MiDecodeError.Kind.PARAMETERS_TOO_LONG, command, replyFifo,
                    "parameters longer than " + maxParameters + " bytes",
                    new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
            }
            searched = 0;
            if (indexOf(in, NUL, start, terminator) >= 0)
            {
                in.position(terminator + 1);
                return new MiDecodeError(MiDecodeError.Kind.NUL_BYTE, command, replyFifo, "a NUL byte in the request",
                    new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
            }
            final byte[] frame = new byte[terminator - paramsStart];
            in.get(paramsStart, frame);
            in.position(terminator + 1);
            final MiParameterParser.Outcome outcome = parser.parse(frame, 0, frame.length);
            if (outcome.error != null)
            {
                if (outcome.emptyLineInQuotes)
                {
                    startDiscarding(true);
                }
                return new MiDecodeError(MiDecodeError.Kind.PARSE_ERROR, command, replyFifo, outcome.error,
                    new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
            }
            return new MiRequest(command, replyFifo, outcome.nodes);
        }
    }

    /** Whether the decoder is skipping the rest of a rejected request. */
    public boolean isDiscarding()
    {
        return discarding;
    }

    /**
     * Stops skipping the rest of a rejected request: called when the FIFO has been quiet, so that the next
     * request, written later, is not taken for the rest of one whose writer never sent its empty line.
     */
    public void endDiscard()
    {
        discarding = false;
        searched = 0;
    }

    /**
     * Drops the partial request left in {@code in} (position to limit, all consumed), whose writer never sent its
     * end: a {@link MiDecodeError.Kind#TRUNCATED} error, with the command, the reply fifo and a parse-error reply
     * when its command line was complete and valid; {@code null} when nothing was pending. Also ends discarding.
     */
    public MiDecoded abandon(final ByteBuffer in)
    {
        endDiscard();
        final int start = in.position();
        final int limit = in.limit();
        if (start == limit)
        {
            return null;
        }
        in.position(limit);
        int first = start;
        while (first < limit && isCommandLineTrim(in.get(first)))
        {
            first++;
        }
        if (first == limit)
        {
            return null;
        }
        final int nl = indexOf(in, LF, start, limit);
        int end = nl;
        while (end > start && isCommandLineTrim(in.get(end - 1)))
        {
            end--;
        }
        final int separator = nl >= 0 && end - start >= MIN_COMMAND_LINE && in.get(start) == COLON
            ? indexOf(in, COLON, start + 1, end) : -1;
        if (separator <= start + 1)
        {
            return new MiDecodeError(MiDecodeError.Kind.TRUNCATED, null, null,
                "request cut before its command line ended: " + text(in, start, limit), null);
        }
        final String command = utf8(in, start + 1, beforeNul(in, start + 1, separator));
        return new MiDecodeError(MiDecodeError.Kind.TRUNCATED, command, utf8(in, separator + 1, end),
            "request cut before its empty line", new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
    }

    private void startDiscarding(final boolean atLineStart)
    {
        discarding = true;
        discardAtLineStart = atLineStart;
        searched = 0;
    }

    /** Skips to just after the next empty line; false when the input ran out first (all consumed). */
    private boolean discard(final ByteBuffer in)
    {
        final int limit = in.limit();
        boolean atLineStart = discardAtLineStart;
        for (int i = in.position(); i < limit; i++)
        {
            final byte c = in.get(i);
            if (c == LF && atLineStart)
            {
                in.position(i + 1);
                discarding = false;
                return true;
            }
            atLineStart = c == LF;
        }
        in.position(limit);
        discardAtLineStart = atLineStart;
        return false;
    }

    private static boolean isCommandLineTrim(final byte c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == LF;
    }

    /** The end of the text from {@code from} to {@code to}, or the position of its first NUL. */
    private static int beforeNul(final ByteBuffer in, final int from, final int to)
    {
        final int nul = indexOf(in, NUL, from, to);
        return nul < 0 ? to : nul;
    }

    private static int indexOf(final ByteBuffer in, final byte c, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (in.get(i) == c)
            {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(final ByteBuffer in, final int from, final int to)
    {
        final byte[] b = new byte[to - from];
        in.get(from, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String text(final ByteBuffer in, final int from, final int to)
    {
        return utf8(in, from, Math.min(to, from + DETAIL_LIMIT));
    }
}
