package org.puaagent.agent.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hot path of {@link SipMessageReader}: reads a response to PUBLISH in its plain form with one bounded
 * scan of the bytes, without JAIN-SIP: status line, top Via branch, CSeq, Call-ID, SIP-ETag, Expires,
 * Min-Expires, To tag and Content-Length. Only those headers and From, Server and User-Agent may appear, each
 * in a plain form that is checked (JAIN-SIP drops some malformed headers, and throws on others, losing the whole
 * message: an unknown header could be either). Header names are matched case-insensitively, compact forms
 * ({@code v}, {@code i}, {@code t}, {@code f}, {@code l}) are known, whitespace around the colon is allowed.
 *
 * <p>It never refuses: anything it does not read with certainty (another CSeq method, folded lines, bare LF
 * line ends, bytes outside printable ASCII, quoted strings or commas where the fields are, a repeated
 * singleton header, a Content-Length that is not the body's length, a number it would have to range-check)
 * gives {@code null}, and the caller reads the datagram with JAIN-SIP, whose result is the reference: what this
 * reader returns equals what the JAIN-SIP path returns for the same bytes (tested on the captures and on
 * generated variants). Immutable (static functions only); any thread.
 */
final class PublishResponseReader
{
    private static final int ABSENT = -1;
    private static final byte[] SIP_VERSION = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VIA_PROTOCOL = "SIP/2.0/".getBytes(StandardCharsets.US_ASCII);
    private static final String PUBLISH = "PUBLISH";
    private static final int STATUS_AT = 8;
    private static final int REASON_AT = 12;
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 699;
    private static final int MAX_SMALL_DIGITS = 9;
    private static final int MAX_PORT = 65535;
    private static final int MAX_PORT_DIGITS = 5;
    private static final String SIP_SCHEME = "sip:";
    private static final String SIPS_SCHEME = "sips:";
    private static final int TAG_ABSENT = -1;
    private static final int TAG_UNREADABLE = -2;

    private PublishResponseReader()
    {
    }

    /**
     * @param datagram exactly the bytes of one message
     * @param source   the sender
     * @return the response, or {@code null} when the bytes are not a plain response to PUBLISH (read them with
     *         JAIN-SIP then)
     */
    static ReceivedResponse read(final byte[] datagram, final InetSocketAddress source)
    {
        final int n = datagram.length;
        if (n < REASON_AT + 2 || !startsWith(datagram, 0, SIP_VERSION))
        {
            return null;
        }
        final int status = digits(datagram, STATUS_AT, STATUS_AT + 3);
        if (status < MIN_STATUS || status > MAX_STATUS || datagram[STATUS_AT + 3] != ' ')
        {
            return null;
        }
        final int statusEnd = lineEnd(datagram, REASON_AT);
        if (statusEnd < 0 || statusEnd == REASON_AT || isSpace(datagram[REASON_AT])
            || isSpace(datagram[statusEnd - 1]))
        {
            return null;
        }
        final String reason = ascii(datagram, REASON_AT, statusEnd);
        String branch = null;
        String callId = null;
        String etag = null;
        String toTag = null;
        int expires = ABSENT;
        int minExpires = ABSENT;
        int contentLength = ABSENT;
        boolean seenCseq = false;
        boolean seenTo = false;
        boolean seenFrom = false;
        int line = statusEnd + 2;
        while (true)
        {
            final int end = lineEnd(datagram, line);
            if (end < 0)
            {
                return null;
            }
            if (end == line)
            {
                line = end + 2;
                break;
            }
            int colon = line;
            while (colon < end && isTokenChar(datagram[colon]))
            {
                colon++;
            }
            final int nameEnd = colon;
            while (colon < end && isSpace(datagram[colon]))
            {
                colon++;
            }
            if (nameEnd == line || colon >= end || datagram[colon] != ':')
            {
                return null;
            }
            int valueStart = colon + 1;
            int valueEnd = end;
            while (valueStart < valueEnd && isSpace(datagram[valueStart]))
            {
                valueStart++;
            }
            while (valueEnd > valueStart && isSpace(datagram[valueEnd - 1]))
            {
                valueEnd--;
            }
            final Header header = Header.of(datagram, line, nameEnd);
            switch (header)
            {
                case VIA:
                    final String viaBranch = viaBranch(datagram, valueStart, valueEnd);
                    if (null == viaBranch)
                    {
                        return null;
                    }
                    if (null == branch)
                    {
                        branch = viaBranch;
                    }
                    break;
                case CALL_ID:
                    if (null != callId || !allMatch(datagram, valueStart, valueEnd, Chars.CALL_ID))
                    {
                        return null;
                    }
                    callId = ascii(datagram, valueStart, valueEnd);
                    break;
                case CSEQ:
                    if (seenCseq || !isPublishCseq(datagram, valueStart, valueEnd))
                    {
                        return null;
                    }
                    seenCseq = true;
                    break;
                case SIP_ETAG:
                    if (null != etag || !allMatch(datagram, valueStart, valueEnd, Chars.TOKEN))
                    {
                        return null;
                    }
                    etag = ascii(datagram, valueStart, valueEnd);
                    break;
                case EXPIRES:
                    if (ABSENT != expires || (expires = smallNumber(datagram, valueStart, valueEnd)) < 0)
                    {
                        return null;
                    }
                    break;
                case MIN_EXPIRES:
                    if (ABSENT != minExpires || (minExpires = smallNumber(datagram, valueStart, valueEnd)) < 0)
                    {
                        return null;
                    }
                    break;
                case CONTENT_LENGTH:
                    if (ABSENT != contentLength
                        || (contentLength = smallNumber(datagram, valueStart, valueEnd)) < 0)
                    {
                        return null;
                    }
                    break;
                case TO:
                    if (seenTo)
                    {
                        return null;
                    }
                    seenTo = true;
                    final int tag = toTag(datagram, valueStart, valueEnd);
                    if (tag == TAG_UNREADABLE)
                    {
                        return null;
                    }
                    if (tag >= 0)
                    {
                        toTag = ascii(datagram, tag, tokenEnd(datagram, tag, valueEnd));
                    }
                    break;
                case FROM:
                    if (seenFrom || toTag(datagram, valueStart, valueEnd) == TAG_UNREADABLE)
                    {
                        return null;
                    }
                    seenFrom = true;
                    break;
                case SERVER:
                    if (!isPlainProductList(datagram, valueStart, valueEnd))
                    {
                        return null;
                    }
                    break;
                default:
                    return null;
            }
            line = end + 2;
        }
        if (null == branch || null == callId || !seenCseq || !seenTo || !seenFrom || contentLength != n - line)
        {
            return null;
        }
        return new ReceivedResponse(status, reason, branch, PUBLISH, callId, etag, expires, minExpires, source,
            toTag, null, List.of());
    }

    /** The headers read here. */
    private enum Header
    {
        VIA, CALL_ID, CSEQ, SIP_ETAG, EXPIRES, MIN_EXPIRES, CONTENT_LENGTH, TO, FROM, SERVER, OTHER;

        static Header of(final byte[] d, final int from, final int to)
        {
            final int length = to - from;
            if (1 == length)
            {
                switch (d[from] | 0x20)
                {
                    case 'v':
                        return VIA;
                    case 'i':
                        return CALL_ID;
                    case 'l':
                        return CONTENT_LENGTH;
                    case 't':
                        return TO;
                    case 'f':
                        return FROM;
                    default:
                        return OTHER;
                }
            }
            if (equalsIgnoreCase(d, from, to, "via"))
            {
                return VIA;
            }
            if (equalsIgnoreCase(d, from, to, "call-id"))
            {
                return CALL_ID;
            }
            if (equalsIgnoreCase(d, from, to, "cseq"))
            {
                return CSEQ;
            }
            if (equalsIgnoreCase(d, from, to, "sip-etag"))
            {
                return SIP_ETAG;
            }
            if (equalsIgnoreCase(d, from, to, "expires"))
            {
                return EXPIRES;
            }
            if (equalsIgnoreCase(d, from, to, "min-expires"))
            {
                return MIN_EXPIRES;
            }
            if (equalsIgnoreCase(d, from, to, "content-length"))
            {
                return CONTENT_LENGTH;
            }
            if (equalsIgnoreCase(d, from, to, "to"))
            {
                return TO;
            }
            if (equalsIgnoreCase(d, from, to, "from"))
            {
                return FROM;
            }
            if (equalsIgnoreCase(d, from, to, "server") || equalsIgnoreCase(d, from, to, "user-agent"))
            {
                return SERVER;
            }
            return OTHER;
        }
    }

    /** Character classes. */
    private enum Chars
    {
        TOKEN, CALL_ID, USER;

        boolean matches(final byte b)
        {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.')
            {
                return true;
            }
            switch (this)
            {
                case TOKEN:
                    return isTokenChar(b);
                case CALL_ID:
                    return isTokenChar(b) || b == '@' || b == ':' || b == '/';
                case USER:
                    return b == '_' || b == '!' || b == '~' || b == '*' || b == '\'' || b == '&' || b == '='
                        || b == '+' || b == '$' || b == ',';
                default:
                    return false;
            }
        }
    }

    /**
     * The branch of one Via line of exactly one entry {@code SIP/2.0/TRANSPORT host[:port](;name[=token])*}.
     *
     * @return the branch, {@code null} when the entry has none or the line is not of that form
     */
    private static String viaBranch(final byte[] d, final int from, final int to)
    {
        if (!startsWith(d, from, VIA_PROTOCOL) || from + VIA_PROTOCOL.length >= to)
        {
            return null;
        }
        int i = from + VIA_PROTOCOL.length;
        final int transportStart = i;
        while (i < to && isLetter(d[i]))
        {
            i++;
        }
        if (i == transportStart || i >= to || d[i] != ' ')
        {
            return null;
        }
        while (i < to && d[i] == ' ')
        {
            i++;
        }
        i = hostPortEnd(d, i, to);
        if (i < 0)
        {
            return null;
        }
        final int branch = paramValue(d, i, to, "branch");
        return branch < 0 ? null : ascii(d, branch, tokenEnd(d, branch, to));
    }

    /**
     * The To tag of a value {@code <uri>(;name[=token])*} (display names and quotes are left to JAIN-SIP).
     *
     * @return the start of the tag value, {@link #TAG_ABSENT}, or {@link #TAG_UNREADABLE}
     */
    private static int toTag(final byte[] d, final int from, final int to)
    {
        if (from >= to || d[from] != '<')
        {
            return TAG_UNREADABLE;
        }
        int i = from + 1;
        while (i < to && d[i] != '>')
        {
            i++;
        }
        if (i >= to || !isPlainSipUri(d, from + 1, i))
        {
            return TAG_UNREADABLE;
        }
        return paramValue(d, i + 1, to, "tag");
    }

    /**
     * Finds parameter {@code name} in a list {@code (;name[=token])*} that fills {@code [from, to)}.
     *
     * @return the start of its value (the value runs to {@link #tokenEnd}), {@link #TAG_ABSENT} when the list
     *         does not hold it, or {@link #TAG_UNREADABLE} when the list is not of that form, holds it twice,
     *         without a value, or with its name in another case (left to JAIN-SIP)
     */
    private static int paramValue(final byte[] d, final int from, final int to, final String name)
    {
        int i = from;
        int value = TAG_ABSENT;
        while (i < to)
        {
            if (d[i] != ';')
            {
                return TAG_UNREADABLE;
            }
            final int nameStart = ++i;
            i = tokenEnd(d, i, to);
            final int nameEnd = i;
            if (nameEnd == nameStart)
            {
                return TAG_UNREADABLE;
            }
            int valueStart = -1;
            if (i < to && d[i] == '=')
            {
                valueStart = ++i;
                i = tokenEnd(d, i, to);
                if (i == valueStart)
                {
                    return TAG_UNREADABLE;
                }
            }
            if (equalsIgnoreCase(d, nameStart, nameEnd, name))
            {
                if (TAG_ABSENT != value || valueStart < 0 || !equalsExactly(d, nameStart, nameEnd, name))
                {
                    return TAG_UNREADABLE;
                }
                value = valueStart;
            }
        }
        return value;
    }

    /** {@code sip[s]:[user@]host[:port](;name[=token])*} with a plain user part (no password, no headers). */
    private static boolean isPlainSipUri(final byte[] d, final int from, final int to)
    {
        int i = from;
        if (equalsIgnoreCase(d, i, Math.min(to, i + SIP_SCHEME.length()), SIP_SCHEME))
        {
            i += SIP_SCHEME.length();
        }
        else if (equalsIgnoreCase(d, i, Math.min(to, i + SIPS_SCHEME.length()), SIPS_SCHEME))
        {
            i += SIPS_SCHEME.length();
        }
        else
        {
            return false;
        }
        int at = i;
        while (at < to && d[at] != '@')
        {
            at++;
        }
        if (at < to)
        {
            if (at == i)
            {
                return false;
            }
            for (int k = i; k < at; k++)
            {
                if (!Chars.USER.matches(d[k]))
                {
                    return false;
                }
            }
            i = at + 1;
        }
        i = hostPortEnd(d, i, to);
        if (i < 0)
        {
            return false;
        }
        while (i < to)
        {
            if (d[i] != ';')
            {
                return false;
            }
            final int nameStart = ++i;
            while (i < to && isTokenChar(d[i]))
            {
                i++;
            }
            if (i == nameStart)
            {
                return false;
            }
            if (i < to && d[i] == '=')
            {
                final int valueStart = ++i;
                while (i < to && isTokenChar(d[i]))
                {
                    i++;
                }
                if (i == valueStart)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A host name or IPv4 address (labels of letters, digits and inner hyphens, separated by single dots) and
     * an optional port of up to 5 digits, at most 65535.
     *
     * @return the index after it, or -1
     */
    private static int hostPortEnd(final byte[] d, final int from, final int to)
    {
        int i = from;
        while (true)
        {
            final int labelStart = i;
            while (i < to && (isLetter(d[i]) || isDigit(d[i]) || d[i] == '-'))
            {
                i++;
            }
            if (i == labelStart || d[labelStart] == '-' || d[i - 1] == '-')
            {
                return -1;
            }
            if (i < to && d[i] == '.')
            {
                i++;
                continue;
            }
            break;
        }
        if (i < to && d[i] == ':')
        {
            final int portStart = ++i;
            while (i < to && isDigit(d[i]))
            {
                i++;
            }
            if (i == portStart || i - portStart > MAX_PORT_DIGITS || digits(d, portStart, i) > MAX_PORT)
            {
                return -1;
            }
        }
        return i;
    }

    /**
     * A Server or User-Agent value of product tokens ({@code token[/token]}) and comments (balanced parentheses
     * around letters, digits, spaces and {@code . - _ + / ; : ,}), separated by spaces, without {@code //} and
     * without a {@code /} at the start of a word (which JAIN-SIP's parser does not survive).
     */
    private static boolean isPlainProductList(final byte[] d, final int from, final int to)
    {
        int depth = 0;
        byte previous = ' ';
        for (int i = from; i < to; i++)
        {
            final byte b = d[i];
            if (b == '(')
            {
                depth++;
            }
            else if (b == ')')
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
            else if (b == '/')
            {
                if (previous == '/' || previous == ' ' || previous == '(')
                {
                    return false;
                }
            }
            else if (!(isLetter(b) || isDigit(b) || b == ' ' || b == '.' || b == '-' || b == '_' || b == '+'
                || (depth > 0 && (b == ';' || b == ':' || b == ','))))
            {
                return false;
            }
            previous = b;
        }
        return 0 == depth;
    }

    private static int tokenEnd(final byte[] d, final int from, final int to)
    {
        int i = from;
        while (i < to && isTokenChar(d[i]))
        {
            i++;
        }
        return i;
    }

    /** {@code digits SP+ PUBLISH}, the number at most 9 digits. */
    private static boolean isPublishCseq(final byte[] d, final int from, final int to)
    {
        int i = from;
        while (i < to && isDigit(d[i]))
        {
            i++;
        }
        if (i == from || i - from > MAX_SMALL_DIGITS || i >= to || d[i] != ' ')
        {
            return false;
        }
        while (i < to && d[i] == ' ')
        {
            i++;
        }
        return to - i == PUBLISH.length() && equalsExactly(d, i, to, PUBLISH);
    }

    /** A number of 1 to 9 digits, else -1. */
    private static int smallNumber(final byte[] d, final int from, final int to)
    {
        if (from == to || to - from > MAX_SMALL_DIGITS)
        {
            return -1;
        }
        return digits(d, from, to);
    }

    /** The value of the decimal digits in [from, to), or -1 when one is not a digit. */
    private static int digits(final byte[] d, final int from, final int to)
    {
        int value = 0;
        for (int i = from; i < to; i++)
        {
            if (!isDigit(d[i]))
            {
                return -1;
            }
            value = value * 10 + (d[i] - '0');
        }
        return value;
    }

    /**
     * The index of the CR of the CRLF ending the line that starts at {@code from}.
     *
     * @return that index, or -1 when the line has no CRLF, a bare CR or LF, or a byte outside printable ASCII
     *         and tab
     */
    private static int lineEnd(final byte[] d, final int from)
    {
        for (int i = from; i < d.length; i++)
        {
            final byte b = d[i];
            if (b == '\r')
            {
                return i + 1 < d.length && d[i + 1] == '\n' ? i : -1;
            }
            if ((b < ' ' && b != '\t') || b >= 0x7f)
            {
                return -1;
            }
        }
        return -1;
    }

    private static boolean allMatch(final byte[] d, final int from, final int to, final Chars chars)
    {
        if (from == to)
        {
            return false;
        }
        for (int i = from; i < to; i++)
        {
            if (!chars.matches(d[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
            || b == '!' || b == '%' || b == '*' || b == '_' || b == '+' || b == '`' || b == '\'' || b == '~';
    }

    private static boolean isLetter(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t';
    }

    private static boolean startsWith(final byte[] d, final int from, final byte[] prefix)
    {
        if (from + prefix.length > d.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (d[from + i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(final byte[] d, final int from, final int to, final String lower)
    {
        if (to - from != lower.length())
        {
            return false;
        }
        for (int i = 0; i < lower.length(); i++)
        {
            final byte b = d[from + i];
            final int folded = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
            if (folded != lower.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsExactly(final byte[] d, final int from, final int to, final String text)
    {
        if (to - from != text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (d[from + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("deprecation")
    private static String ascii(final byte[] d, final int from, final int to)
    {
        return new String(d, 0, from, to - from);
    }
}
