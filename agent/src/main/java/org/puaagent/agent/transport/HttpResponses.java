package org.puaagent.agent.transport;

import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 response bytes as the agent sends them: status line, {@code Content-Type}, {@code Content-Length}
 * (none for a stream), any extra header lines, {@code Connection: close} when the connection ends after it. No
 * {@code Date} (as before with Undertow, whose date header was off). Stateless; any thread.
 */
public final class HttpResponses
{
    private HttpResponses()
    {
    }

    /**
     * A whole response: head and body in one array (one write).
     *
     * @param extraHeaders header lines without line ends, e.g. {@code "Allow: POST"}; may be empty
     */
    public static byte[] whole(final int status, final String reason, final String contentType, final byte[] body,
        final boolean close, final String... extraHeaders)
    {
        final byte[] head = head(status, reason, contentType, body.length, close, extraHeaders);
        final byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** A plain-text response ({@code text/plain; charset=utf-8}, the text and a line end). */
    public static byte[] plain(final int status, final String reason, final String text, final boolean close,
        final String... extraHeaders)
    {
        return whole(status, reason, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8),
            close, extraHeaders);
    }

    /**
     * The head alone.
     *
     * @param contentLength the body's length, or negative for none (a stream that ends with the connection)
     */
    public static byte[] head(final int status, final String reason, final String contentType,
        final long contentLength, final boolean close, final String... extraHeaders)
    {
        final StringBuilder b = new StringBuilder(128);
        b.append("HTTP/1.1 ").append(status).append(' ').append(safeReason(reason)).append("\r\n");
        if (null != contentType)
        {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentLength >= 0)
        {
            b.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        for (final String h : extraHeaders)
        {
            b.append(h).append("\r\n");
        }
        if (close)
        {
            b.append("Connection: close\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A reason phrase may not hold CR, LF or other control characters; null or empty becomes "-". */
    static String safeReason(final String reason)
    {
        if (null == reason || reason.isEmpty())
        {
            return "-";
        }
        int clean = 0;
        while (clean < reason.length() && isReasonChar(reason.charAt(clean)))
        {
            clean++;
        }
        if (clean == reason.length())
        {
            return reason;
        }
        final StringBuilder b = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++)
        {
            final char c = reason.charAt(i);
            b.append(isReasonChar(c) ? c : ' ');
        }
        return b.toString();
    }

    private static boolean isReasonChar(final char c)
    {
        return c >= 0x20 && c != 0x7f && c <= 0xff;
    }
}
