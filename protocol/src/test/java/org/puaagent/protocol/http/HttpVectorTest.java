package org.puaagent.protocol.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request curl sent to Kamailio's jsonrpcs (test-fixtures/vectors/jsonrpc/http/*.req.http) decodes to one
 * request whose line, fields and body are those of the file, split here by plain string handling. (The kamctl
 * captures are FIFO exchanges, not HTTP, so they have no place here.)
 */
class HttpVectorTest
{
    private static final int MAX_HEAD = 8192;
    private static final int MAX_BODY = 1 << 20;

    static List<Path> requests()
    {
        return HttpVectors.requests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void decodesToTheRequestOfTheFile(final Path file)
    {
        final byte[] bytes = HttpVectors.read(file);
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        final int headEnd = text.indexOf("\r\n\r\n");
        assertTrue(headEnd > 0, "no head end in " + file);
        final String[] lines = text.substring(0, headEnd).split("\r\n");
        final String[] requestLine = lines[0].split(" ");
        final byte[] expectedBody = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);

        final Recorder r = new Recorder(MAX_HEAD, MAX_BODY).feed(bytes);

        assertEquals(HttpRequestDecoder.Status.OPEN, r.decoder.status(), () -> "failure " + r.decoder.failure());
        assertEquals(1, r.requests.size(), "one request");
        final HttpRequest q = r.requests.get(0);
        assertEquals("POST", q.method());
        assertEquals(requestLine[0], q.method());
        assertEquals(requestLine[1], q.target());
        assertEquals("/RPC", q.path());
        assertEquals(1, q.minorVersion());
        assertTrue(q.keepAlive());
        assertEquals(lines.length - 1, q.headers().size(), "header count");
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            assertEquals(new HttpHeader(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()),
                q.headers().get(i - 1));
        }
        assertEquals(String.valueOf(expectedBody.length), q.header("content-length"));
        assertEquals("application/json", q.header("CONTENT-TYPE"));
        assertArrayEquals(expectedBody, q.body());
        assertEquals(0, r.decoder.buffered());
    }
}
