package org.puaagent.protocol.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing, limits, failures, keep-alive, 100-continue and stop() of {@link HttpRequestDecoder}. */
class HttpRequestDecoderTest
{
    private static final int MAX_HEAD = 4096;
    private static final int MAX_BODY = 4096;

    private static Recorder decode(final String stream)
    {
        return new Recorder(MAX_HEAD, MAX_BODY).feed(stream);
    }

    private static HttpRequest one(final String stream)
    {
        final Recorder r = decode(stream);
        assertEquals(HttpRequestDecoder.Status.OPEN, r.decoder.status(), () -> "failure " + r.decoder.failure());
        assertEquals(1, r.requests.size(), "requests");
        return r.requests.get(0);
    }

    private static void fails(final int status, final String stream)
    {
        fails(status, new Recorder(MAX_HEAD, MAX_BODY), stream);
    }

    private static void fails(final int status, final Recorder r, final String stream)
    {
        r.feed(stream);
        assertEquals(HttpRequestDecoder.Status.FAILED, r.decoder.status(), stream);
        assertEquals(status, r.decoder.failure().status(), () -> stream + ": " + r.decoder.failure());
        assertTrue(r.requests.isEmpty(), "nothing delivered");
        // further input is ignored
        r.feed("GET / HTTP/1.1\r\n\r\n");
        assertEquals(HttpRequestDecoder.Status.FAILED, r.decoder.status());
        assertTrue(r.requests.isEmpty());
    }

    private static String body(final HttpRequest q)
    {
        return new String(q.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void pipelinedStreamDecodesToItsRequests()
    {
        final Recorder r = decode(HttpRequestSplitTest.PIPELINED);
        assertEquals(HttpRequestDecoder.Status.OPEN, r.decoder.status());
        final List<HttpRequest> q = r.requests;
        assertEquals(HttpRequestSplitTest.PIPELINED_COUNT, q.size());
        assertEquals("hello", body(q.get(0)));
        assertEquals(List.of(new HttpHeader("Host", "127.0.0.1"), new HttpHeader("Content-Length", "5")), q.get(0).headers());
        assertEquals("/RPC?x=1", q.get(1).target());
        assertEquals("/RPC", q.get(1).path());
        assertEquals("abc0123456789abcdef", body(q.get(1)));
        assertNull(q.get(1).header("Trailer-X"), "trailers are dropped");
        assertTrue(q.get(2).expectContinue());
        assertEquals("body", body(q.get(2)));
        assertTrue(q.get(3).expectContinue());
        assertEquals("hi", body(q.get(3)));
        assertEquals("GET", q.get(4).method());
        assertEquals(0, q.get(4).minorVersion());
        assertTrue(q.get(4).keepAlive());
        assertEquals(0, q.get(4).body().length);
        assertEquals("http://127.0.0.1:5060/RPC?q", q.get(5).target());
        assertEquals("/RPC", q.get(5).path());
        assertFalse(q.get(5).keepAlive());
        assertEquals("{}", body(q.get(5)));
        assertTrue(r.events.stream().noneMatch("continue"::equals));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/RPC|/RPC", "/RPC?a=b?c|/RPC", "*|*", "http://127.0.0.1:80/a/b?x|/a/b", "http://127.0.0.1|/",
        "http://127.0.0.1?x|/", "127.0.0.1:80|127.0.0.1:80", "/|/"})
    void pathOfTarget(final String target, final String path)
    {
        final HttpRequest q = one("OPTIONS " + target + " HTTP/1.1\r\n\r\n");
        assertEquals(target, q.target());
        assertEquals(path, q.path());
    }

    @Test
    void headerValuesAreTrimmedAndLookupIgnoresCase()
    {
        final HttpRequest q = one("POST /RPC HTTP/1.1\r\nX-A: \t a b \t\r\nx-a: second\r\nEmpty:\r\n\r\n");
        assertEquals(List.of(new HttpHeader("X-A", "a b"), new HttpHeader("x-a", "second"), new HttpHeader("Empty", "")),
            q.headers());
        assertEquals("a b", q.header("x-A"));
        assertNull(q.header("X-B"));
    }

    @Test
    void bareLineFeedsAndLeadingEmptyLinesAreAccepted()
    {
        final HttpRequest q = one("\r\n\n\r\nPOST /RPC HTTP/1.1\nContent-Length: 2\n\n{}");
        assertEquals("{}", body(q));
        assertEquals("2", q.header("Content-Length"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1||true", "HTTP/1.1|close|false", "HTTP/1.1|Keep-Alive, CLOSE|false", "HTTP/1.1|keep-alive|true",
        "HTTP/1.0||false", "HTTP/1.0|Keep-Alive|true", "HTTP/1.0|upgrade, keep-alive|true", "HTTP/1.0|close|false",
        "HTTP/1.1|closed|true"})
    void keepAlive(final String version, final String connection, final boolean keepAlive)
    {
        final String field = null == connection ? "" : "Connection: " + connection + "\r\n";
        assertEquals(keepAlive, one("POST /RPC " + version + "\r\n" + field + "\r\n").keepAlive());
    }

    @Test
    void expectContinueOnlyForHttp11()
    {
        assertTrue(one("POST /RPC HTTP/1.1\r\nExpect: 100-CONTINUE\r\n\r\n").expectContinue());
        assertFalse(one("POST /RPC HTTP/1.0\r\nExpect: 100-continue\r\n\r\n").expectContinue());
        assertFalse(one("POST /RPC HTTP/1.1\r\nExpect: something\r\n\r\n").expectContinue());
    }

    @Test
    void continueOnceWhenTheBodyIsMissing()
    {
        final Recorder r = new Recorder(MAX_HEAD, MAX_BODY);
        r.feed("POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        assertEquals(List.of("continue"), r.events);
        r.feed("bo");
        r.feed("dy");
        assertEquals(List.of("continue", "request"), r.events);
        assertEquals("body", body(r.requests.get(0)));
    }

    @Test
    void continueForChunkedBodyOnceWhenIncomplete()
    {
        final Recorder r = new Recorder(MAX_HEAD, MAX_BODY);
        r.feed("POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n");
        r.feed("hi\r\n");
        r.feed("0\r\n\r\n");
        assertEquals(List.of("continue", "request"), r.events);
    }

    @Test
    void noContinueWhenTheBodyIsThereEmptyOrNotAsked()
    {
        final Recorder r = new Recorder(MAX_HEAD, MAX_BODY);
        r.feed("POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody");
        r.feed("POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        r.feed("POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\n\r\n");
        r.feed("POST /RPC HTTP/1.1\r\nContent-Length: 4\r\n\r\n");
        assertEquals(List.of("request", "request", "request"), r.events, "the last one did not ask");
        r.feed("body");
        assertEquals(List.of("request", "request", "request", "request"), r.events);
        final Recorder old = new Recorder(MAX_HEAD, MAX_BODY);
        old.feed("POST /RPC HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        assertTrue(old.events.isEmpty(), "HTTP/1.0 gets no continue");
    }

    @Test
    void stopInsideOnRequestDeliversNothingMore()
    {
        final HttpRequestDecoder decoder = new HttpRequestDecoder(MAX_HEAD, MAX_BODY);
        final int[] seen = new int[1];
        final HttpRequestHandler stopper = q ->
        {
            seen[0]++;
            decoder.stop();
        };
        final byte[] two = "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(HttpRequestDecoder.Status.STOPPED, decoder.feed(two, 0, two.length, stopper));
        assertEquals(1, seen[0]);
        assertEquals(HttpRequestDecoder.Status.STOPPED, decoder.feed(two, 0, two.length, stopper));
        assertEquals(1, seen[0]);
        assertNull(decoder.failure());
    }

    /** "status|stream" (split at the first '|'). */
    private static final String[] FAILURES = {
        // request line
        "400|GARBAGE\r\n\r\n", "400|GET /\r\n\r\n", "400|GET  / HTTP/1.1\r\n\r\n", "400|G(T / HTTP/1.1\r\n\r\n",
        "400|GET / HTTP/1.1 \r\n\r\n", "400|GET / HTTX/1.1\r\n\r\n", "400|GET / HTTP/11\r\n\r\n",
        "400|GET / http/1.1\r\n\r\n", "400|GET /a\rb HTTP/1.1\r\n\r\n", "505|GET / HTTP/2.0\r\n\r\n",
        "505|GET / HTTP/1.2\r\n\r\n", "505|GET / HTTP/0.9\r\n\r\n",
        // fields
        "400|GET / HTTP/1.1\r\nNo colon\r\n\r\n", "400|GET / HTTP/1.1\r\nName : v\r\n\r\n",
        "400|GET / HTTP/1.1\r\n: v\r\n\r\n", "400|GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
        "400|GET / HTTP/1.1\r\nA: b\r\n\tfolded\r\n\r\n", "400|GET / HTTP/1.1\r\nA: b\u0001c\r\n\r\n",
        "400|GET / HTTP/1.1\r\nA: b\rc\r\n\r\n",
        // framing
        "400|POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "400|POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "400|POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n", "400|POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "400|POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n", "400|POST / HTTP/1.1\r\nContent-Length: 0x1\r\n\r\n",
        "400|POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", "400|POST / HTTP/1.1\r\nContent-Length: 1,\r\n\r\n",
        "501|POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        "501|POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "501|POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        "413|POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        // chunked syntax
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nx\r\n",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\rx",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;a\u0001\r\nab\r\n",
        "400|POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\rx"};

    static Stream<Arguments> failureCases()
    {
        return Arrays.stream(FAILURES).map(c -> Arguments.of(Integer.parseInt(c.substring(0, 3)), c.substring(4)));
    }

    @ParameterizedTest
    @MethodSource("failureCases")
    void failures(final int status, final String stream)
    {
        fails(status, stream);
        // the same, one byte at a time
        final Recorder r = new Recorder(MAX_HEAD, MAX_BODY);
        for (final char c : stream.toCharArray())
        {
            r.feed(String.valueOf(c));
        }
        assertEquals(status, r.decoder.failure().status(), stream);
    }

    @Test
    void acceptedFramingVariants()
    {
        assertEquals("ab", body(one("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab")));
        assertEquals("ab", body(one("POST / HTTP/1.1\r\ncontent-length: 02 , 2\r\n\r\nab")));
        assertEquals("abcdefghijk", body(one("POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\n"
            + "A ; name=\"v\"\r\nabcdefghij\r\n1\nk\n0;x\r\nT: 1\r\nU: 2\n\r\n")));
        assertEquals(0, one("GET / HTTP/1.1\r\n\r\n").body().length);
    }

    @Test
    void headExactlyAtTheLimitPassesOneByteMoreFails()
    {
        final String start = "GET / HTTP/1.1\r\nX: ";
        final int limit = 100;
        final String atLimit = start + "v".repeat(limit - start.length() - 4) + "\r\n\r\n";
        assertEquals(limit, atLimit.length());
        final Recorder ok = new Recorder(limit, 0).feed(atLimit);
        assertEquals(1, ok.requests.size());
        final String above = start + "v".repeat(limit - start.length() - 3) + "\r\n\r\n";
        fails(HttpFailure.HEADER_FIELDS_TOO_LARGE, new Recorder(limit, 0), above);
        // as bytes arrive: a head without its end fails as soon as it passes the limit
        fails(HttpFailure.HEADER_FIELDS_TOO_LARGE, new Recorder(limit, 0), "GET / HTTP/1.1\r\nX: " + "v".repeat(limit));
        final Recorder partial = new Recorder(limit, 0).feed("G".repeat(limit));
        assertEquals(HttpRequestDecoder.Status.OPEN, partial.decoder.status());
        fails(HttpFailure.HEADER_FIELDS_TOO_LARGE, partial, "G");
    }

    @Test
    void contentLengthExactlyAtTheLimitPassesOneByteMoreFailsBeforeTheBody()
    {
        final int limit = 10;
        final Recorder ok = new Recorder(MAX_HEAD, limit).feed("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789");
        assertEquals("0123456789", body(ok.requests.get(0)));
        fails(HttpFailure.PAYLOAD_TOO_LARGE, new Recorder(MAX_HEAD, limit), "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
    }

    @Test
    void chunkedTotalExactlyAtTheLimitPassesOneByteMoreFails()
    {
        final int limit = 10;
        final Recorder ok = new Recorder(MAX_HEAD, limit)
            .feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n");
        assertEquals("0123456789", body(ok.requests.get(0)));
        fails(HttpFailure.PAYLOAD_TOO_LARGE, new Recorder(MAX_HEAD, limit),
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n0123\r\n7\r\n");
        fails(HttpFailure.PAYLOAD_TOO_LARGE, new Recorder(MAX_HEAD, limit),
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffffffffff");
    }

    @Test
    void trailerCountsAgainstTheHeadLimit()
    {
        final String head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        final int limit = head.length();
        final String trailerAtLimit = "T: " + "v".repeat(limit - 7) + "\r\n\r\n";
        assertEquals(limit, trailerAtLimit.length());
        assertEquals(1, new Recorder(limit, 0).feed(head + trailerAtLimit).requests.size());
        fails(HttpFailure.HEADER_FIELDS_TOO_LARGE, new Recorder(limit, 0), head + "T: " + "v".repeat(limit - 6) + "\r\n\r\n");
    }

    @Test
    void failureValues()
    {
        final Recorder r = decode("GET / HTTP/3.0\r\n\r\n");
        assertEquals(new HttpFailure(505, "HTTP Version Not Supported", "HTTP/3.0"), r.decoder.failure());
        assertEquals("Request Header Fields Too Large",
            new Recorder(8, 0).feed("GET / HTTP/1.1\r\n\r\n").decoder.failure().reason());
        assertEquals("Payload Too Large",
            new Recorder(MAX_HEAD, 0).feed("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\n").decoder.failure().reason());
        assertEquals("Not Implemented",
            decode("POST / HTTP/1.1\r\nTransfer-Encoding: x\r\n\r\n").decoder.failure().reason());
        assertEquals("Bad Request", decode("x\r\n\r\n").decoder.failure().reason());
        assertNull(decode("GET / HTTP/1.1\r\n\r\n").decoder.failure());
    }

    @Test
    void bodyIsACopyNotAViewOfTheInput()
    {
        final byte[] in = "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab".getBytes(StandardCharsets.ISO_8859_1);
        final List<HttpRequest> got = new java.util.ArrayList<>();
        new HttpRequestDecoder(MAX_HEAD, MAX_BODY).feed(in, 0, in.length, got::add);
        in[in.length - 1] = 'z';
        assertArrayEquals(new byte[] {'a', 'b'}, got.get(0).body());
    }

    @Test
    void largeBodiesThroughDirectBuffersAndManyChunks()
    {
        final int size = 20000;
        final StringBuilder data = new StringBuilder(size);
        for (int i = 0; i < size; i++)
        {
            data.append((char) ('a' + i % 26));
        }
        final StringBuilder chunked = new StringBuilder();
        for (int at = 0; at < size; at += 3000)
        {
            final int n = Math.min(3000, size - at);
            chunked.append(Integer.toHexString(n)).append("\r\n").append(data, at, at + n).append("\r\n");
        }
        final String stream = "POST /RPC HTTP/1.1\r\nContent-Length: " + size + "\r\n\r\n" + data
            + "POST /RPC HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked + "0\r\n\r\n";
        final Recorder r = new Recorder(MAX_HEAD, size);
        r.feedBuffer(stream.getBytes(StandardCharsets.ISO_8859_1), true);
        assertEquals(HttpRequestDecoder.Status.OPEN, r.decoder.status(), () -> "failure " + r.decoder.failure());
        assertEquals(2, r.requests.size());
        assertEquals(data.toString(), body(r.requests.get(0)));
        assertEquals(data.toString(), body(r.requests.get(1)));
        assertEquals(0, r.decoder.buffered());
    }

    @Test
    void requestsCompareByContent()
    {
        final HttpRequest a = one("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab");
        final HttpRequest b = one("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab");
        final HttpRequest c = one("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nac");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(c));
    }
}
