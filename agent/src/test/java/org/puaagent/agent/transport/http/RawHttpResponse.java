package org.puaagent.agent.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 response read off a raw socket, as the server sends it: status, headers (names lower-cased) and
 * the body by {@code Content-Length}, which a final (2xx-5xx) response other than 204 and 304 must carry. For the
 * transport tests.
 */
record RawHttpResponse(int status, List<String[]> headers, byte[] body)
{
    /** The first value of header {@code name} (lower case), or null. */
    String header(final String name)
    {
        for (final String[] h : headers)
        {
            if (h[0].equals(name))
            {
                return h[1];
            }
        }
        return null;
    }

    String text()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    static RawHttpResponse read(final InputStream in) throws IOException
    {
        final String[] lines = headBlock(in).split("\r\n");
        final int status = Integer.parseInt(lines[0].substring(9, 12));
        final List<String[]> headers = new ArrayList<>();
        int length = -1;
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            final String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if ("content-length".equals(name))
            {
                length = Integer.parseInt(value);
            }
        }
        if (length < 0 && status >= 200 && status != 204 && status != 304)
        {
            throw new IOException("no Content-Length in " + String.join(" | ", lines));
        }
        return new RawHttpResponse(status, headers, in.readNBytes(Math.max(0, length)));
    }

    /** The status of the next response, or -1 when the connection ends (or is reset) before one. */
    static int statusOrClosed(final InputStream in)
    {
        try
        {
            return read(in).status();
        }
        catch (final IOException closed)
        {
            return -1;
        }
    }

    private static String headBlock(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int c = in.read();
            if (c < 0)
            {
                throw new IOException("connection closed in the head: " + b);
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
