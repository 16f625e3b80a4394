package org.puaagent.agent.sip;

import java.nio.ByteBuffer;

/**
 * The look a datagram gets in the receive buffer before anything is copied or parsed: a keep-alive, something
 * that cannot be a SIP message by its first line, a request, or a response; for a response also where its top
 * Via's branch is, so that one naming no live transaction is dropped unparsed ({@link SipEndpoint#poll}).
 * Floods of garbage and of unknown responses thus cost a scan of their first bytes, no allocation and no copy
 * (docs/sip-security.md).
 *
 * <p>It refuses only what JAIN-SIP's parser (the reference, {@link SipMessageReader}) cannot read as a message
 * either: it skips the leading bytes that parser skips (those below 0x20 as signed bytes), needs a line end,
 * takes a first line starting with {@code SIP/2.0} for a status line (as that parser does, which reads the
 * status code leniently) and anything else for a request line, which needs a method and a SIP version
 * (tested against that parser on the captures, their truncations and random mutations). The branch is reported only when it is
 * written plainly (the first Via header, its first value, {@code ;branch=} followed by a token, no quotes, no
 * folded line after it); otherwise the response goes to the parser. Not thread-safe: one instance per endpoint.
 */
final class DatagramTriage
{
    /** Only CR, LF, space and NUL bytes: a keep-alive (RFC 5626 section 4.4.1), or nothing. */
    static final int KEEP_ALIVE = 0;
    /** Not a SIP message. */
    static final int GARBAGE = 1;
    /** A request line. */
    static final int REQUEST = 2;
    /** A status line. */
    static final int RESPONSE = 3;

    private static final int NONE = -1;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HT = '\t';
    private static final byte[] SIP_VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};
    private static final byte[] VERSION_PREFIX = {'S', 'I', 'P', '/'};
    private static final byte[] BRANCH = {'b', 'r', 'a', 'n', 'c', 'h'};
    private static final int CASE_BIT = 0x20;

    private int branchStart = NONE;
    private int branchEnd = NONE;

    /**
     * Looks at {@code datagram[0, limit)} with absolute reads (position and limit are left as they are).
     *
     * @return {@link #KEEP_ALIVE}, {@link #GARBAGE}, {@link #REQUEST} or {@link #RESPONSE}
     */
    int classify(final ByteBuffer datagram)
    {
        branchStart = NONE;
        branchEnd = NONE;
        final int limit = datagram.limit();
        if (isKeepAlive(datagram, limit))
        {
            return KEEP_ALIVE;
        }
        int start = 0;
        while (start < limit && datagram.get(start) < SP)
        {
            start++;
        }
        final int end = lineEnd(datagram, start, limit);
        if (NONE == end || end == start)
        {
            return GARBAGE;
        }
        if (startsWith(datagram, start, end, SIP_VERSION))
        {
            findTopViaBranch(datagram, nextLine(datagram, end, limit), limit);
            return RESPONSE;
        }
        return isRequestLine(datagram, start, end) ? REQUEST : GARBAGE;
    }

    /** Whether the last {@link #classify} found a plainly written top Via branch in a response. */
    boolean hasBranch()
    {
        return NONE != branchStart;
    }

    /** Where the branch value starts (valid when {@link #hasBranch}). */
    int branchStart()
    {
        return branchStart;
    }

    /** Where the branch value ends, exclusive (valid when {@link #hasBranch}). */
    int branchEnd()
    {
        return branchEnd;
    }

    private static boolean isKeepAlive(final ByteBuffer datagram, final int limit)
    {
        for (int i = 0; i < limit; i++)
        {
            final byte b = datagram.get(i);
            if (b != CR && b != LF && b != SP && b != 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * What a request line needs at least to be read by that parser (which splits the method from the URI at any
     * character that is not a token character, and takes any run of blanks): a method of token characters at
     * the start and, later in the line, a blank followed by {@code SIP/} (any case).
     */
    private static boolean isRequestLine(final ByteBuffer datagram, final int start, final int end)
    {
        int at = start;
        while (at < end && SipText.isTokenChar(datagram.get(at)))
        {
            at++;
        }
        if (at == start)
        {
            return false;
        }
        for (; at + VERSION_PREFIX.length < end; at++)
        {
            if (isSpaceOrTab(datagram.get(at)) && startsWithIgnoreCase(datagram, at + 1, end, VERSION_PREFIX))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Records the branch of the first Via header when it is written plainly; leaves it unset otherwise.
     */
    private void findTopViaBranch(final ByteBuffer datagram, final int firstHeader, final int limit)
    {
        int line = firstHeader;
        while (NONE != line && line < limit)
        {
            final int end = lineEnd(datagram, line, limit);
            if (NONE == end || end == line)
            {
                return;
            }
            final int colon = viaColon(datagram, line, end);
            if (NONE != colon)
            {
                final int next = nextLine(datagram, end, limit);
                if (NONE != next && next < limit && isSpaceOrTab(datagram.get(next)))
                {
                    return;
                }
                findBranch(datagram, colon + 1, end);
                return;
            }
            line = nextLine(datagram, end, limit);
        }
    }

    /** The colon of a Via header line ({@code Via} or {@code v}, any case, spaces before the colon). */
    private static int viaColon(final ByteBuffer datagram, final int line, final int end)
    {
        int at = line;
        while (at < end && SipText.isTokenChar(datagram.get(at)))
        {
            at++;
        }
        final int nameEnd = at;
        while (at < end && isSpaceOrTab(datagram.get(at)))
        {
            at++;
        }
        if (at >= end || datagram.get(at) != ':')
        {
            return NONE;
        }
        final int length = nameEnd - line;
        final boolean via = (length == 1 && lower(datagram.get(line)) == 'v')
            || (length == 3 && lower(datagram.get(line)) == 'v' && lower(datagram.get(line + 1)) == 'i'
                && lower(datagram.get(line + 2)) == 'a');
        return via ? at : NONE;
    }

    /** Looks for {@code ;branch=token} in the first value of a Via header, {@code [from, end)}. */
    private void findBranch(final ByteBuffer datagram, final int from, final int end)
    {
        int at = from;
        while (at < end)
        {
            final byte b = datagram.get(at);
            if (b == ',' || b == '"')
            {
                return;
            }
            at++;
            if (b != ';')
            {
                continue;
            }
            while (at < end && isSpaceOrTab(datagram.get(at)))
            {
                at++;
            }
            if (end - at < BRANCH.length || !startsWithIgnoreCase(datagram, at, end, BRANCH))
            {
                continue;
            }
            int value = at + BRANCH.length;
            while (value < end && isSpaceOrTab(datagram.get(value)))
            {
                value++;
            }
            if (value >= end || datagram.get(value) != '=')
            {
                continue;
            }
            value++;
            while (value < end && isSpaceOrTab(datagram.get(value)))
            {
                value++;
            }
            int valueEnd = value;
            while (valueEnd < end && SipText.isTokenChar(datagram.get(valueEnd)))
            {
                valueEnd++;
            }
            if (valueEnd == value)
            {
                return;
            }
            if (valueEnd < end)
            {
                final byte after = datagram.get(valueEnd);
                if (after != ';' && after != ',' && !isSpaceOrTab(after))
                {
                    return;
                }
            }
            branchStart = value;
            branchEnd = valueEnd;
            return;
        }
    }

    /** The index of the CR or LF that ends the line starting at {@code from}, or {@link #NONE}. */
    private static int lineEnd(final ByteBuffer datagram, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            final byte b = datagram.get(i);
            if (b == CR || b == LF)
            {
                return i;
            }
        }
        return NONE;
    }

    /** Where the line after the line end at {@code end} starts (after CRLF, or a bare CR or LF). */
    private static int nextLine(final ByteBuffer datagram, final int end, final int limit)
    {
        if (datagram.get(end) == CR && end + 1 < limit && datagram.get(end + 1) == LF)
        {
            return end + 2;
        }
        return end + 1;
    }

    private static boolean startsWith(final ByteBuffer datagram, final int at, final int end, final byte[] prefix)
    {
        if (end - at < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (datagram.get(at + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(final ByteBuffer datagram, final int at, final int end,
        final byte[] prefix)
    {
        if (end - at < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (lower(datagram.get(at + i)) != lower(prefix[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static int lower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? b | CASE_BIT : b;
    }

    private static boolean isSpaceOrTab(final byte b)
    {
        return b == SP || b == HT;
    }
}
