package org.puaagent.agent.sip;

import java.nio.ByteBuffer;

/**
 * The look a datagram gets in the receive buffer before anything is copied or parsed: a keep-alive, something
 * that cannot be a SIP message by its first line, a request, or a response; for a response also where its top
 * Via's branch is, for a request where its Call-ID is, so that the endpoint can tell, from hashes of what the
 * agent knows ({@link TokenHashes}), a datagram that cannot be for the agent ({@link SipEndpoint#poll}). Floods
 * of garbage, of unknown responses and of requests for unknown dialogs thus cost a scan of their head, no
 * allocation and no copy (docs/sip-security.md).
 *
 * <p>It refuses only what JAIN-SIP's parser (the reference, {@link SipMessageReader}) cannot read as a message
 * either: it skips the leading bytes that parser skips (those below 0x20 as signed bytes), needs a line end,
 * takes a first line starting with {@code SIP/2.0} for a status line (as that parser does, which reads the
 * status code leniently) and anything else for a request line, which needs a method and a SIP version. The
 * branch and the Call-ID are reported only when written plainly (the first Via header and its first value with
 * {@code ;branch=} and a token; exactly one Call-ID header with one word; no quotes, no folded line); then they
 * are what that parser reads, when it reads one (tested against it on the captures, their truncations and
 * random mutations). Not thread-safe: one instance per endpoint.
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
    private static final byte[] VIA = {'v', 'i', 'a'};
    private static final byte[] VIA_COMPACT = {'v'};
    private static final byte[] CALL_ID = {'c', 'a', 'l', 'l', '-', 'i', 'd'};
    private static final byte[] CALL_ID_COMPACT = {'i'};
    private static final int CASE_BIT = 0x20;

    private int tokenStart = NONE;
    private int tokenEnd = NONE;

    /**
     * Looks at {@code datagram[0, limit)} with absolute reads (position and limit are left as they are).
     *
     * @return {@link #KEEP_ALIVE}, {@link #GARBAGE}, {@link #REQUEST} or {@link #RESPONSE}
     */
    int classify(final ByteBuffer datagram)
    {
        tokenStart = NONE;
        tokenEnd = NONE;
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
        final int headers = nextLine(datagram, end, limit);
        if (startsWith(datagram, start, end, SIP_VERSION))
        {
            findTopViaBranch(datagram, headers, limit);
            return RESPONSE;
        }
        if (!isRequestLine(datagram, start, end))
        {
            return GARBAGE;
        }
        findCallId(datagram, headers, limit);
        return REQUEST;
    }

    /**
     * Whether the last {@link #classify} found, plainly written, the top Via branch of a response or the Call-ID
     * of a request.
     */
    boolean hasToken()
    {
        return NONE != tokenStart;
    }

    /** Where that branch or Call-ID starts (valid when {@link #hasToken}). */
    int tokenStart()
    {
        return tokenStart;
    }

    /** Where it ends, exclusive (valid when {@link #hasToken}). */
    int tokenEnd()
    {
        return tokenEnd;
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

    /** Records the branch of the first Via header when it is written plainly; leaves it unset otherwise. */
    private void findTopViaBranch(final ByteBuffer datagram, final int headers, final int limit)
    {
        for (int line = headers; line < limit; )
        {
            final int end = lineEnd(datagram, line, limit);
            if (NONE == end || end == line)
            {
                return;
            }
            final int next = nextLine(datagram, end, limit);
            final int colon = colonOf(datagram, line, end, VIA, VIA_COMPACT);
            if (NONE != colon)
            {
                if (!isFolded(datagram, next, limit))
                {
                    findBranch(datagram, colon + 1, end);
                }
                return;
            }
            line = next;
        }
    }

    /** Records the value of the one Call-ID header when it is a plain word; leaves it unset otherwise. */
    private void findCallId(final ByteBuffer datagram, final int headers, final int limit)
    {
        int start = NONE;
        int stop = NONE;
        for (int line = headers; line < limit; )
        {
            final int end = lineEnd(datagram, line, limit);
            if (NONE == end || end == line)
            {
                break;
            }
            final int next = nextLine(datagram, end, limit);
            final int colon = colonOf(datagram, line, end, CALL_ID, CALL_ID_COMPACT);
            if (NONE != colon)
            {
                if (NONE != start || isFolded(datagram, next, limit))
                {
                    return;
                }
                start = skipBlanks(datagram, colon + 1, end);
                stop = end;
                while (stop > start && isSpaceOrTab(datagram.get(stop - 1)))
                {
                    stop--;
                }
                for (int i = start; i < stop; i++)
                {
                    final byte b = datagram.get(i);
                    if (b <= SP || b == '"')
                    {
                        return;
                    }
                }
                if (stop == start)
                {
                    return;
                }
            }
            line = next;
        }
        tokenStart = start;
        tokenEnd = stop;
    }

    /**
     * The colon of a header line named {@code name} or {@code compact} (any case, blanks before the colon), or
     * {@link #NONE}.
     */
    private static int colonOf(final ByteBuffer datagram, final int line, final int end, final byte[] name,
        final byte[] compact)
    {
        int at = line;
        while (at < end && SipText.isTokenChar(datagram.get(at)))
        {
            at++;
        }
        final int nameEnd = at;
        at = skipBlanks(datagram, at, end);
        if (at >= end || datagram.get(at) != ':')
        {
            return NONE;
        }
        final int length = nameEnd - line;
        final boolean named = (length == name.length && startsWithIgnoreCase(datagram, line, nameEnd, name))
            || (length == compact.length && startsWithIgnoreCase(datagram, line, nameEnd, compact));
        return named ? at : NONE;
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
            at = skipBlanks(datagram, at, end);
            if (!startsWithIgnoreCase(datagram, at, end, BRANCH))
            {
                continue;
            }
            int value = skipBlanks(datagram, at + BRANCH.length, end);
            if (value >= end || datagram.get(value) != '=')
            {
                continue;
            }
            value = skipBlanks(datagram, value + 1, end);
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
            tokenStart = value;
            tokenEnd = valueEnd;
            return;
        }
    }

    /** Whether the line starting at {@code next} continues the one before it (RFC 3261 line folding). */
    private static boolean isFolded(final ByteBuffer datagram, final int next, final int limit)
    {
        return next < limit && isSpaceOrTab(datagram.get(next));
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

    private static int skipBlanks(final ByteBuffer datagram, final int from, final int end)
    {
        int at = from;
        while (at < end && isSpaceOrTab(datagram.get(at)))
        {
            at++;
        }
        return at;
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
