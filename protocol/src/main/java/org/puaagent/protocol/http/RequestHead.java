package org.puaagent.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the head of one request (request line, header fields, final empty line) from a byte array into its
 * fields, and works out its body framing. Reused from request to request by one {@link HttpRequestDecoder}.
 * Lines end with CRLF or a bare LF. Only the strings the request record needs are built; names of common
 * fields and methods are shared constants.
 *
 * <p>Not thread-safe: owned by its decoder's thread.
 */
final class RequestHead
{
    /** No Content-Length (and not chunked). */
    static final long NO_LENGTH = -1;
    /** A Content-Length too long to hold in a long: larger than any limit. */
    static final long HUGE_LENGTH = Long.MAX_VALUE;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final byte COLON = ':';
    private static final byte COMMA = ',';
    private static final int VERSION_LENGTH = "HTTP/1.1".length();
    /** Digits of a Content-Length that surely fit in a long. */
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int DEL = 0x7f;

    private static final boolean[] TCHAR = new boolean[256];
    static
    {
        for (int c = '0'; c <= '9'; c++)
        {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++)
        {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (final char c : "!#$%&'*+-.^_`|~".toCharArray())
        {
            TCHAR[c] = true;
        }
    }

    private static final byte[] CONTENT_LENGTH = lower("content-length");
    private static final byte[] TRANSFER_ENCODING = lower("transfer-encoding");
    private static final byte[] CONNECTION = lower("connection");
    private static final byte[] EXPECT = lower("expect");
    private static final byte[] CHUNKED = lower("chunked");
    private static final byte[] CLOSE = lower("close");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");
    private static final byte[] CONTINUE = lower("100-continue");

    /** Field names and methods shared instead of built for every request (exact case). */
    private static final String[] COMMON_NAMES = {"Host", "User-Agent", "Accept", "Content-Type", "Content-Length",
        "Connection", "Expect", "Transfer-Encoding", "Authorization", "Accept-Encoding", "Keep-Alive"};
    private static final byte[][] COMMON_NAME_BYTES = bytesOf(COMMON_NAMES);
    private static final String[] COMMON_METHODS = {"POST", "GET", "PUT", "HEAD", "OPTIONS", "DELETE"};
    private static final byte[][] COMMON_METHOD_BYTES = bytesOf(COMMON_METHODS);

    String method;
    String target;
    String path;
    int minorVersion;
    boolean keepAlive;
    boolean expectContinue;
    /** Fields of the current head, reused (the request record takes an immutable copy). */
    final List<HttpHeader> headers = new ArrayList<>();
    /** Declared Content-Length, {@link #NO_LENGTH} if none. */
    long contentLength;
    /** Transfer-Encoding: chunked. */
    boolean chunked;

    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean transferEncoding;

    /**
     * Parses {@code a[start..end)}, which holds a whole head ending with its empty line.
     *
     * @return null if the head is well-formed, else why not
     */
    HttpFailure parse(final byte[] a, final int start, final int end)
    {
        headers.clear();
        contentLength = NO_LENGTH;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
        transferEncoding = false;
        expectContinue = false;
        final int lf = indexOfLf(a, start, end);
        final HttpFailure lineFailure = requestLine(a, start, lineEnd(a, start, lf));
        if (null != lineFailure)
        {
            return lineFailure;
        }
        int pos = lf + 1;
        while (true)
        {
            final int next = indexOfLf(a, pos, end);
            final int stop = lineEnd(a, pos, next);
            if (stop == pos)
            {
                break;
            }
            final HttpFailure f = field(a, pos, stop);
            if (null != f)
            {
                return f;
            }
            pos = next + 1;
        }
        if (transferEncoding && contentLength != NO_LENGTH)
        {
            return HttpFailure.badRequest("both Transfer-Encoding and Content-Length");
        }
        keepAlive = minorVersion == 1 ? !connectionClose : connectionKeepAlive;
        expectContinue = expectContinue && minorVersion == 1;
        return null;
    }

    /** The request with this head and the given body. */
    HttpRequest toRequest(final byte[] body)
    {
        return new HttpRequest(method, target, path, minorVersion, keepAlive, expectContinue, headers, body);
    }

    private HttpFailure requestLine(final byte[] a, final int start, final int stop)
    {
        int i = start;
        while (i < stop && TCHAR[a[i] & 0xff])
        {
            i++;
        }
        if (i == start || i >= stop || a[i] != SP)
        {
            return HttpFailure.badRequest("malformed method in request line");
        }
        method = shared(a, start, i, COMMON_METHODS, COMMON_METHOD_BYTES);
        final int targetStart = ++i;
        while (i < stop && (a[i] & 0xff) > SP && (a[i] & 0xff) != DEL)
        {
            i++;
        }
        if (i == targetStart)
        {
            return HttpFailure.badRequest("empty request-target");
        }
        if (i >= stop || a[i] != SP)
        {
            return HttpFailure.badRequest("malformed request-target or missing version");
        }
        target = latin1(a, targetStart, i);
        path = pathOf(target);
        i++;
        if (stop - i != VERSION_LENGTH || a[i] != 'H' || a[i + 1] != 'T' || a[i + 2] != 'T' || a[i + 3] != 'P'
            || a[i + 4] != '/' || !isDigit(a[i + 5]) || a[i + 6] != '.' || !isDigit(a[i + 7]))
        {
            return HttpFailure.badRequest("malformed HTTP version in request line");
        }
        if (a[i + 5] != '1' || (a[i + 7] != '0' && a[i + 7] != '1'))
        {
            return HttpFailure.versionNotSupported("HTTP/" + (char) a[i + 5] + "." + (char) a[i + 7]);
        }
        minorVersion = a[i + 7] - '0';
        return null;
    }

    private HttpFailure field(final byte[] a, final int start, final int stop)
    {
        if (a[start] == SP || a[start] == HTAB)
        {
            return HttpFailure.badRequest("obsolete line folding in header");
        }
        int i = start;
        while (i < stop && TCHAR[a[i] & 0xff])
        {
            i++;
        }
        if (i == start || i >= stop || a[i] != COLON)
        {
            return HttpFailure.badRequest("malformed header field name");
        }
        final int nameEnd = i;
        int vs = i + 1;
        int ve = stop;
        while (vs < ve && (a[vs] == SP || a[vs] == HTAB))
        {
            vs++;
        }
        while (ve > vs && (a[ve - 1] == SP || a[ve - 1] == HTAB))
        {
            ve--;
        }
        for (int k = vs; k < ve; k++)
        {
            final int b = a[k] & 0xff;
            if ((b < SP && b != HTAB) || b == DEL)
            {
                return HttpFailure.badRequest("control character in header field value");
            }
        }
        final HttpFailure f = framing(a, start, nameEnd, vs, ve);
        if (null != f)
        {
            return f;
        }
        headers.add(new HttpHeader(shared(a, start, nameEnd, COMMON_NAMES, COMMON_NAME_BYTES), latin1(a, vs, ve)));
        return null;
    }

    /** Looks at the fields that decide framing and connection handling. */
    private HttpFailure framing(final byte[] a, final int ns, final int ne, final int vs, final int ve)
    {
        final int length = ne - ns;
        if (length == CONTENT_LENGTH.length && equalsLower(a, ns, ne, CONTENT_LENGTH))
        {
            return contentLength(a, vs, ve);
        }
        if (length == TRANSFER_ENCODING.length && equalsLower(a, ns, ne, TRANSFER_ENCODING))
        {
            return transferEncoding(a, vs, ve);
        }
        if (length == CONNECTION.length && equalsLower(a, ns, ne, CONNECTION))
        {
            for (int s = vs; s <= ve; )
            {
                final int comma = indexOf(a, s, ve, COMMA);
                final int es = trimStart(a, s, comma);
                final int ee = trimEnd(a, es, comma);
                connectionClose |= equalsLower(a, es, ee, CLOSE);
                connectionKeepAlive |= equalsLower(a, es, ee, KEEP_ALIVE);
                s = comma + 1;
            }
        }
        else if (length == EXPECT.length && equalsLower(a, ns, ne, EXPECT))
        {
            expectContinue |= equalsLower(a, vs, ve, CONTINUE);
        }
        return null;
    }

    private HttpFailure contentLength(final byte[] a, final int vs, final int ve)
    {
        for (int s = vs; s <= ve; )
        {
            final int comma = indexOf(a, s, ve, COMMA);
            final int es = trimStart(a, s, comma);
            final int ee = trimEnd(a, es, comma);
            if (es == ee)
            {
                return HttpFailure.badRequest("empty Content-Length");
            }
            long value = 0;
            for (int k = es; k < ee; k++)
            {
                if (!isDigit(a[k]))
                {
                    return HttpFailure.badRequest("Content-Length is not a number");
                }
                value = value * 10 + (a[k] - '0');
            }
            if (ee - es > MAX_LENGTH_DIGITS)
            {
                value = HUGE_LENGTH;
            }
            if (contentLength != NO_LENGTH && contentLength != value)
            {
                return HttpFailure.badRequest("different Content-Length values");
            }
            contentLength = value;
            s = comma + 1;
        }
        return null;
    }

    private HttpFailure transferEncoding(final byte[] a, final int vs, final int ve)
    {
        transferEncoding = true;
        for (int s = vs; s <= ve; )
        {
            final int comma = indexOf(a, s, ve, COMMA);
            final int es = trimStart(a, s, comma);
            final int ee = trimEnd(a, es, comma);
            if (es < ee)
            {
                if (!equalsLower(a, es, ee, CHUNKED))
                {
                    return HttpFailure.notImplemented("transfer coding " + latin1(a, es, ee));
                }
                if (chunked)
                {
                    return HttpFailure.badRequest("chunked applied more than once");
                }
                chunked = true;
            }
            s = comma + 1;
        }
        if (!chunked)
        {
            return HttpFailure.badRequest("empty Transfer-Encoding");
        }
        return null;
    }

    /** The path of a request-target: see {@link HttpRequest#path()}. */
    static String pathOf(final String target)
    {
        final char first = target.charAt(0);
        if (first == '/')
        {
            final int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
        if (first == '*' && target.length() == 1)
        {
            return target;
        }
        final int scheme = target.indexOf("://");
        if (scheme > 0)
        {
            final int authority = scheme + 3;
            int p = authority;
            while (p < target.length() && target.charAt(p) != '/' && target.charAt(p) != '?')
            {
                p++;
            }
            if (p == target.length() || target.charAt(p) == '?')
            {
                return "/";
            }
            final int q = target.indexOf('?', p);
            return q < 0 ? target.substring(p) : target.substring(p, q);
        }
        return target;
    }

    private static int indexOfLf(final byte[] a, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            if (a[i] == LF)
            {
                return i;
            }
        }
        throw new IllegalStateException("head without line end");
    }

    /** End of a line's content: before the LF at {@code lf} and its CR, if any. */
    private static int lineEnd(final byte[] a, final int start, final int lf)
    {
        return lf > start && a[lf - 1] == CR ? lf - 1 : lf;
    }

    private static int indexOf(final byte[] a, final int from, final int end, final byte b)
    {
        for (int i = from; i < end; i++)
        {
            if (a[i] == b)
            {
                return i;
            }
        }
        return end;
    }

    private static int trimStart(final byte[] a, final int from, final int end)
    {
        int i = from;
        while (i < end && (a[i] == SP || a[i] == HTAB))
        {
            i++;
        }
        return i;
    }

    private static int trimEnd(final byte[] a, final int start, final int end)
    {
        int i = end;
        while (i > start && (a[i - 1] == SP || a[i - 1] == HTAB))
        {
            i--;
        }
        return i;
    }

    /** Case-insensitive comparison with a lower-case token ('-', digits and letters). */
    private static boolean equalsLower(final byte[] a, final int from, final int to, final byte[] lower)
    {
        if (to - from != lower.length)
        {
            return false;
        }
        for (int i = 0; i < lower.length; i++)
        {
            final byte b = a[from + i];
            final byte folded = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
            if (folded != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    private static String shared(final byte[] a, final int from, final int to, final String[] names, final byte[][] bytes)
    {
        final int length = to - from;
        for (int n = 0; n < bytes.length; n++)
        {
            final byte[] candidate = bytes[n];
            if (candidate.length == length && java.util.Arrays.equals(a, from, to, candidate, 0, length))
            {
                return names[n];
            }
        }
        return latin1(a, from, to);
    }

    private static String latin1(final byte[] a, final int from, final int to)
    {
        return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static byte[] lower(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] bytesOf(final String[] names)
    {
        final byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
