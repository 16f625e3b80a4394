package org.puaagent.agent.transport.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.undertow.io.IoCallback;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Writes the agent's HTTP answers: status, a reason phrase made safe for the status line, a content type and a
 * length, and the body in one write. While the write is pending the connection is in its {@code WRITING} phase
 * (so a client that does not read is cut off at the request timeout); once written the exchange ends and the
 * connection is {@code IDLE} again. Stateless.
 *
 * <p>Threading: the exchange's I/O thread only.
 */
public final class HttpAnswers
{
    static final String TEXT = "text/plain; charset=utf-8";
    static final HttpString ACCESS_CONTROL_ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");

    private HttpAnswers()
    {
    }

    /**
     * A whole answer.
     *
     * @param connection the connection's state, or null
     * @param close      whether the connection closes after it
     */
    public static void send(final HttpServerExchange exchange, final ConnectionState connection, final int status,
        final String reason, final String contentType, final byte[] body, final boolean close)
    {
        exchange.setStatusCode(status);
        exchange.setReasonPhrase(safeReason(reason));
        if (close)
        {
            exchange.setPersistent(false);
        }
        final HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, contentType);
        headers.put(Headers.CONTENT_LENGTH, body.length);
        if (null != connection)
        {
            connection.enter(ConnectionPhase.WRITING);
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body),
            null == connection ? IoCallback.END_EXCHANGE : connection.written());
    }

    /** A plain-text answer: the text and a line end. */
    public static void plain(final HttpServerExchange exchange, final ConnectionState connection, final int status,
        final String reason, final String text, final boolean close)
    {
        send(exchange, connection, status, reason, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), close);
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
