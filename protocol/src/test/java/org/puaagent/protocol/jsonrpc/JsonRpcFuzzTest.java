package org.puaagent.protocol.jsonrpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcReply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated inputs (mutations of every captured request) into the request parser, the client reply
 * parser and the FIFO framer: each ends in a value or a typed error, never another exception, and the framer's
 * buffer stays within its maximum.
 */
class JsonRpcFuzzTest
{
    private static final long SEED = 0xF022_2026L;
    private static final int INPUTS = 120_000;
    private static final int SMALL_FRAMER_MAX = 200;
    private static final byte[] ALPHABET = "{}[]\"'\\:,.-+eE0123456789 \t\n\r\u000btruefalsnul/abcxyz\u0001"
        .getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", "'", "\\", ":", ",", "null", "true", "false",
        "\"jsonrpc\":\"2.0\"", "\"method\":", "\"params\":", "\"id\":", "\"reply_name\":", "1e999", "-0", "1.5",
        "12345678901234567890123", "\\u00e9", "\\ud800", "\u00e9", "\"pua.publish\"", "{\"uri\":1}", "[[[[", "]]]]"};

    @Test
    void parsersAndFramerSurviveRandomAndMutatedInput()
    {
        final List<byte[]> seeds = seeds();
        final Random random = new Random(SEED);
        final FifoFramer streamFramer = new FifoFramer(SMALL_FRAMER_MAX);
        final FifoFramer kamailioFramer = new FifoFramer();
        final int[] outcomes = new int[4];
        for (int i = 0; i < INPUTS; i++)
        {
            final byte[] input = random.nextInt(5) == 0 ? randomBytes(random) : mutate(random, seeds);
            try
            {
                outcomes[classify(JsonRpcRequestParser.kamailio().parse(input))]++;
                final ReceivedReply reply = JsonRpcResponseParser.parse(input);
                assertTrue(reply != null);
                frameAll(new FifoFramer(SMALL_FRAMER_MAX), input, random);
                frameAll(kamailioFramer, input, random);
                frameAll(streamFramer, input, random);
            }
            catch (final Throwable t)
            {
                fail("seed " + SEED + " input " + i + ": " + HexFormat.of().formatHex(input), t);
            }
        }
        // the corpus reaches every outcome, so the loop exercised more than one path
        for (final int count : outcomes)
        {
            assertTrue(count > 100, "outcomes " + Arrays.toString(outcomes));
        }
    }

    @Test
    void deepAndHugeInputsAreTypedErrors()
    {
        final byte[] deep = ("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + "[{\"a\":".repeat(100_000))
            .getBytes(StandardCharsets.UTF_8);
        assertEquals(JsonRpcInput.ParseError.class, JsonRpcRequestParser.kamailio().parse(deep).getClass());
        assertTrue(JsonRpcResponseParser.parse(deep) instanceof ReceivedReply.Malformed);
        final FifoFramer framer = new FifoFramer();
        assertEquals(FifoFrame.NeedMore.INSTANCE, framer.decode(ByteBuffer.wrap(deep)),
            "skipped as oversized, reported at its end");
        assertEquals(0, framer.bufferedBytes());
        assertEquals(FifoFrame.NeedMore.INSTANCE, framer.decode(ByteBuffer.wrap(deep)));
        assertEquals(new FifoFrame.Rejected(FifoFrame.Reason.OVERSIZED, null), framer.abandon());
        assertEquals(0, framer.bufferedBytes());
    }

    /** 0 call, 1 batch, 2 parse error, 3 invalid request. */
    private static int classify(final JsonRpcInput input)
    {
        if (input instanceof JsonRpcInput.Call call)
        {
            // a parsed call can always be answered and the answer read back
            final byte[] reply = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY).write(
                RpcReply.of(new RpcArray(call.request().params())), call.request().id());
            assertTrue(JsonRpcResponseParser.parse(reply) instanceof ReceivedReply.Answer, new String(reply,
                StandardCharsets.UTF_8));
            return 0;
        }
        if (input instanceof JsonRpcInput.Batch batch)
        {
            assertTrue(!batch.elements().isEmpty());
            return 1;
        }
        if (input instanceof JsonRpcInput.ParseError)
        {
            return 2;
        }
        assertTrue(input instanceof JsonRpcInput.InvalidRequest, String.valueOf(input));
        return 3;
    }

    private static void frameAll(final FifoFramer framer, final byte[] input, final Random random)
    {
        final int[] cuts = FifoFramerTest.randomCuts(random, input.length);
        int start = 0;
        for (int c = 0; c <= cuts.length; c++)
        {
            final int end = c < cuts.length ? cuts[c] : input.length;
            final ByteBuffer in = ByteBuffer.wrap(input, start, end - start);
            int frames = 0;
            FifoFrame f;
            while (!((f = framer.decode(in)) instanceof FifoFrame.NeedMore))
            {
                // a resynchronisation frames again bytes the framer held from earlier input (at most two buffers)
                assertTrue(++frames <= input.length + 2 * framer.maxDocumentSize() + 2, "more frames than bytes");
                if (f instanceof FifoFrame.Document d)
                {
                    final byte[] json = d.json();
                    assertTrue(json.length >= 2 && json.length <= framer.maxDocumentSize());
                    assertEquals('{', json[0]);
                    assertEquals('}', json[json.length - 1]);
                    assertTrue(JsonRpcRequestParser.kamailio().parse(json) != null);
                }
                else
                {
                    assertTrue(f instanceof FifoFrame.Rejected, String.valueOf(f));
                }
                assertTrue(framer.bufferedBytes() <= framer.maxDocumentSize());
            }
            assertEquals(end, in.position());
            assertTrue(framer.bufferedBytes() <= framer.maxDocumentSize());
            start = end;
        }
    }

    private static List<byte[]> seeds()
    {
        final List<byte[]> seeds = new ArrayList<>();
        for (final Path p : Vectors.files("http", ".req.http"))
        {
            seeds.add(Vectors.http(p).body());
        }
        for (final String dir : List.of("fifo", "dgram"))
        {
            for (final Path p : Vectors.files(dir, ".req.json"))
            {
                seeds.add(Vectors.read(p));
            }
            for (final Path p : Vectors.files(dir, ".rep.json"))
            {
                seeds.add(Vectors.read(p));
            }
        }
        seeds.add("[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},{\"jsonrpc\":\"2.0\",\"method\":\"b\"}]"
            .getBytes(StandardCharsets.UTF_8));
        seeds.add(("{\"jsonrpc\":\"2.0\",\"method\":\"pua.subscribe\",\"params\":{\"presentity\":\"sip:p@127.0.0.1\","
            + "\"watcher\":\"sip:w@127.0.0.1\",\"event\":\"presence\",\"expires\":60},\"id\":[1]}")
            .getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    private static byte[] randomBytes(final Random random)
    {
        final byte[] b = new byte[random.nextInt(300)];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    private static byte[] mutate(final Random random, final List<byte[]> seeds)
    {
        byte[] b = seeds.get(random.nextInt(seeds.size()));
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            final int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(7))
            {
                case 0:
                    if (b.length > 0)
                    {
                        b = b.clone();
                        b[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 1:
                    if (b.length > 0)
                    {
                        b = b.clone();
                        b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    }
                    break;
                case 2:
                    b = splice(b, at, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                    break;
                case 3:
                    b = splice(b, at, Math.min(b.length, at + 1 + random.nextInt(20)), new byte[0]);
                    break;
                case 4:
                    final int end = Math.min(b.length, at + 1 + random.nextInt(40));
                    b = splice(b, at, at, Arrays.copyOfRange(b, at, end));
                    break;
                case 5:
                    b = Arrays.copyOf(b, at);
                    break;
                default:
                    final byte[] other = seeds.get(random.nextInt(seeds.size()));
                    b = splice(b, at, b.length, Arrays.copyOfRange(other, random.nextInt(other.length),
                        other.length));
            }
        }
        return b;
    }

    private static byte[] splice(final byte[] b, final int from, final int to, final byte[] insert)
    {
        final byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }
}
