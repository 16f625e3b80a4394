package org.puaagent.protocol.mi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the parameter lines of one MI request into nodes (mi-fifo.md section 1.1).
 *
 * <ul>
 *   <li>Lines holding only blanks (space, tab, CR) are skipped.</li>
 *   <li>A line whose first non-blank character is {@code "} holds a quoted value without a name.</li>
 *   <li>Otherwise the first {@code ::} splits name (trailing blanks removed; empty means no name) and value
 *       (leading blanks removed); nothing after {@code ::} means an absent value.</li>
 *   <li>An unquoted value runs to the last non-blank character of the line and may not contain {@code "}.</li>
 *   <li>A quoted value ends at the next {@code "} not preceded by {@code \}; {@code \"} is the only escape,
 *       except that a {@code \} as the very first character of the value escapes nothing (4.4 quirk). Only
 *       blanks may follow the closing quote. On the FIFO a quoted value may continue on the next lines (the
 *       line ends are kept), but not across an empty line; in a datagram it must close on its own line.</li>
 * </ul>
 *
 * <p>Values and names are decoded as UTF-8 (malformed sequences become U+FFFD).
 *
 * <p>Not thread-safe: one instance per decoder, used by one thread at a time.
 */
final class MiParameterParser
{
    private static final byte LF = '\n';
    private static final byte QUOTE = '"';
    private static final byte BACKSLASH = '\\';
    private static final byte COLON = ':';
    private static final int INITIAL_VALUE_CAPACITY = 256;

    /** The outcome of one parse: nodes, or an error description. */
    static final class Outcome
    {
        final List<MiNode> nodes;
        final String error;
        /** The error is an empty line inside a quoted value (the decoder then skips to the next one). */
        final boolean emptyLineInQuotes;

        private Outcome(final List<MiNode> nodes, final String error, final boolean emptyLineInQuotes)
        {
            this.nodes = nodes;
            this.error = error;
            this.emptyLineInQuotes = emptyLineInQuotes;
        }
    }

    private final boolean quotesSpanLines;
    private byte[] value = new byte[INITIAL_VALUE_CAPACITY];
    private int valueLength;

    /**
     * @param quotesSpanLines {@code true} for the FIFO (quoted values may continue on the next line),
     *                        {@code false} for datagrams
     */
    MiParameterParser(final boolean quotesSpanLines)
    {
        this.quotesSpanLines = quotesSpanLines;
    }

    /**
     * Parses the lines in {@code b[from, to)}. On the FIFO the region ends with the {@code \n} of its last
     * line and contains no empty line; in a datagram the last line may end without {@code \n}.
     */
    Outcome parse(final byte[] b, final int from, final int to)
    {
        final List<MiNode> nodes = new ArrayList<>();
        int lineNo = 0;
        int i = from;
        while (i < to)
        {
            lineNo++;
            final int lineEnd = lineEnd(b, i, to);
            final int p = skipBlanks(b, i, lineEnd);
            if (p == lineEnd)
            {
                i = next(lineEnd, to);
                continue;
            }
            final int colons = b[p] == QUOTE ? -1 : indexOfDoubleColon(b, p, lineEnd);
            final String name;
            final int valueStart;
            if (colons >= 0)
            {
                final int nameEnd = trimEnd(b, p, colons);
                name = nameEnd == p ? null : utf8(b, p, nameEnd);
                valueStart = skipBlanks(b, colons + 2, lineEnd);
                if (valueStart == lineEnd)
                {
                    nodes.add(MiNode.of(name, null));
                    i = next(lineEnd, to);
                    continue;
                }
            }
            else
            {
                name = null;
                valueStart = p;
            }
            if (b[valueStart] != QUOTE)
            {
                final int valueEnd = trimEnd(b, valueStart, lineEnd);
                if (indexOf(b, QUOTE, valueStart, valueEnd) >= 0)
                {
                    return failure("line " + lineNo + ": unquoted value contains '\"'", false);
                }
                nodes.add(MiNode.of(name, utf8(b, valueStart, valueEnd)));
                i = next(lineEnd, to);
                continue;
            }
            // quoted value
            valueLength = 0;
            final int contentStart = valueStart + 1;
            int pos = contentStart;
            int end = lineEnd;
            int closing = -1;
            while (closing < 0)
            {
                while (pos < end)
                {
                    final byte c = b[pos];
                    if (c == BACKSLASH && pos + 1 < end && b[pos + 1] == QUOTE && pos != contentStart)
                    {
                        append(QUOTE);
                        pos += 2;
                    }
                    else if (c == QUOTE)
                    {
                        closing = pos;
                        break;
                    }
                    else
                    {
                        append(c);
                        pos++;
                    }
                }
                if (closing >= 0)
                {
                    break;
                }
                if (!quotesSpanLines || end >= to)
                {
                    return failure("line " + lineNo + ": quoted value not closed", false);
                }
                append(LF);
                final int nextLine = end + 1;
                if (nextLine >= to || b[nextLine] == LF)
                {
                    return failure("line " + lineNo + ": empty line inside a quoted value", true);
                }
                lineNo++;
                pos = nextLine;
                end = lineEnd(b, nextLine, to);
            }
            if (skipBlanks(b, closing + 1, end) != end)
            {
                return failure("line " + lineNo + ": text after the closing quote", false);
            }
            nodes.add(MiNode.of(name, new String(value, 0, valueLength, StandardCharsets.UTF_8)));
            i = next(end, to);
        }
        return new Outcome(nodes, null, false);
    }

    private static Outcome failure(final String error, final boolean emptyLineInQuotes)
    {
        return new Outcome(null, error, emptyLineInQuotes);
    }

    private void append(final byte c)
    {
        if (valueLength == value.length)
        {
            value = Arrays.copyOf(value, value.length * 2);
        }
        value[valueLength++] = c;
    }

    private static int next(final int lineEnd, final int to)
    {
        return lineEnd < to ? lineEnd + 1 : to;
    }

    private static int lineEnd(final byte[] b, final int from, final int to)
    {
        final int nl = indexOf(b, LF, from, to);
        return nl < 0 ? to : nl;
    }

    static boolean isBlank(final byte c)
    {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static int skipBlanks(final byte[] b, final int from, final int to)
    {
        int p = from;
        while (p < to && isBlank(b[p]))
        {
            p++;
        }
        return p;
    }

    private static int trimEnd(final byte[] b, final int from, final int to)
    {
        int e = to;
        while (e > from && isBlank(b[e - 1]))
        {
            e--;
        }
        return e;
    }

    private static int indexOfDoubleColon(final byte[] b, final int from, final int to)
    {
        for (int k = from; k + 1 < to; k++)
        {
            if (b[k] == COLON && b[k + 1] == COLON)
            {
                return k;
            }
        }
        return -1;
    }

    static int indexOf(final byte[] b, final byte c, final int from, final int to)
    {
        for (int k = from; k < to; k++)
        {
            if (b[k] == c)
            {
                return k;
            }
        }
        return -1;
    }

    static String utf8(final byte[] b, final int from, final int to)
    {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
