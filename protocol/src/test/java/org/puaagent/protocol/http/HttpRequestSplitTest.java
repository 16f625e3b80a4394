package org.puaagent.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every captured request and several pipelined streams (Content-Length, chunked with extensions and trailers,
 * 100-continue, bare LF lines, streams ending in a failure), fed in two chunks split at every byte position, one
 * byte at a time and in random chunks (fixed seeds; arrays, heap and direct ByteBuffers), decode into exactly
 * the requests and final state of feeding them whole.
 */
class HttpRequestSplitTest
{
    private static final int MAX_HEAD = 8192;
    private static final int MAX_BODY = 65536;
    private static final int RANDOM_SEEDS = 20;

    /** Six requests, back to back. */
    static final String PIPELINED = "\r\n"
        + "POST /RPC HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"
        + "POST /RPC?x=1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n"
        + "0\r\nTrailer-X: y\r\n\r\n"
        + "POST /RPC HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody"
        + "POST /RPC HTTP/1.1\nExpect: 100-Continue\nTransfer-Encoding: chunked\n\n2\nhi\n0\n\n"
        + "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        + "POST http://127.0.0.1:5060/RPC?q HTTP/1.1\r\nConnection: close\r\nContent-Length: 2, 2\r\n\r\n{}";
    static final int PIPELINED_COUNT = 6;

    static Stream<Arguments> streams()
    {
        final List<Arguments> args = new ArrayList<>();
        for (final Path p : HttpVectors.requests())
        {
            args.add(Arguments.of(p.getFileName().toString(), HttpVectors.read(p), MAX_HEAD, MAX_BODY));
        }
        args.add(Arguments.of("pipelined", latin1(PIPELINED), MAX_HEAD, MAX_BODY));
        args.add(Arguments.of("pipelined then 400", latin1(PIPELINED
            + "POST /RPC HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"), MAX_HEAD, MAX_BODY));
        args.add(Arguments.of("pipelined then 431", latin1(PIPELINED
            + "POST /RPC HTTP/1.1\r\nX-Long: " + "x".repeat(200) + "\r\n\r\n"), 128, MAX_BODY));
        args.add(Arguments.of("pipelined then chunked 413", latin1(PIPELINED
            + "POST /RPC HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n11\r\n"), MAX_HEAD, 20));
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void everySplitGivesTheSameRequests(final String name, final byte[] bytes, final int maxHead, final int maxBody)
    {
        final Recorder.Outcome whole = whole(bytes, maxHead, maxBody, name);
        for (int split = 0; split <= bytes.length; split++)
        {
            final byte[] a = Arrays.copyOfRange(bytes, 0, split);
            final byte[] b = Arrays.copyOfRange(bytes, split, bytes.length);
            final Recorder arrays = new Recorder(maxHead, maxBody).feed(a).feed(b);
            assertEquals(whole, arrays.outcome(), name + ": split at " + split);
            arrays.checkContinues();
            final Recorder direct = new Recorder(maxHead, maxBody).feedBuffer(a, true).feedBuffer(b, true);
            assertEquals(whole, direct.outcome(), name + ": split at " + split + " (direct)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void byteByByteGivesTheSameRequests(final String name, final byte[] bytes, final int maxHead, final int maxBody)
    {
        final Recorder.Outcome whole = whole(bytes, maxHead, maxBody, name);
        final Recorder arrays = new Recorder(maxHead, maxBody);
        final Recorder heap = new Recorder(maxHead, maxBody);
        for (final byte b : bytes)
        {
            arrays.feed(new byte[] {b});
            heap.feedBuffer(new byte[] {b}, false);
        }
        assertEquals(whole, arrays.outcome(), name);
        assertEquals(whole, heap.outcome(), name + " (heap buffers)");
        arrays.checkContinues();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void randomChunksGiveTheSameRequests(final String name, final byte[] bytes, final int maxHead, final int maxBody)
    {
        final Recorder.Outcome whole = whole(bytes, maxHead, maxBody, name);
        for (long seed = 1; seed <= RANDOM_SEEDS; seed++)
        {
            final Random random = new Random(seed);
            final Recorder arrays = new Recorder(maxHead, maxBody);
            final Recorder heap = new Recorder(maxHead, maxBody);
            final Recorder direct = new Recorder(maxHead, maxBody);
            int at = 0;
            while (at < bytes.length)
            {
                final int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 200));
                final byte[] chunk = Arrays.copyOfRange(bytes, at, at + n);
                arrays.feed(chunk);
                heap.feedBuffer(chunk, false);
                direct.feedBuffer(chunk, true);
                at += n;
            }
            assertEquals(whole, arrays.outcome(), name + ": seed " + seed + " (arrays)");
            assertEquals(whole, heap.outcome(), name + ": seed " + seed + " (heap ByteBuffers)");
            assertEquals(whole, direct.outcome(), name + ": seed " + seed + " (direct ByteBuffers)");
            arrays.checkContinues();
        }
    }

    private static Recorder.Outcome whole(final byte[] bytes, final int maxHead, final int maxBody, final String name)
    {
        final Recorder r = new Recorder(maxHead, maxBody).feed(bytes);
        final Recorder.Outcome o = r.outcome();
        if (name.startsWith("pipelined"))
        {
            assertEquals(PIPELINED_COUNT, o.requests().size(), name + ": " + o);
            assertEquals(name.equals("pipelined") ? HttpRequestDecoder.Status.OPEN : HttpRequestDecoder.Status.FAILED,
                o.status(), name + ": " + o);
            assertTrue(r.events.stream().noneMatch("continue"::equals), "no continue when bodies are all there");
        }
        else
        {
            assertEquals(1, o.requests().size(), name);
        }
        return o;
    }

    static byte[] latin1(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
