package org.puaagent.protocol.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FifoFramerTest
{
    private static final long SEED = 0x5EED_F1F0L;
    private static final int RANDOM_SPLITS_PER_FILE = 300;

    /** The captured FIFO request documents: the file without the newline kamctl-style writers append. */
    private static List<byte[]> capturedDocuments()
    {
        final List<byte[]> docs = new ArrayList<>();
        for (final Path p : Vectors.files("fifo", ".req.json"))
        {
            final byte[] file = Vectors.read(p);
            assertEquals('\n', file[file.length - 1], p.toString());
            docs.add(Arrays.copyOf(file, file.length - 1));
        }
        assertEquals(6, docs.size());
        return docs;
    }

    @Test
    void everyCapturedRequestIsFramedWhenSplitAtEveryByte()
    {
        for (final byte[] doc : capturedDocuments())
        {
            final byte[] file = concat(doc, new byte[] {'\n'});
            for (int split = 0; split <= file.length; split++)
            {
                final List<Object> frames = feed(new FifoFramer(), file, new int[] {split});
                assertEquals(1, frames.size(), "split at " + split);
                assertArrayEquals(doc, (byte[]) frames.get(0), "split at " + split);
            }
        }
    }

    @Test
    void everyCapturedRequestIsFramedInRandomChunks()
    {
        final Random random = new Random(SEED);
        for (final byte[] doc : capturedDocuments())
        {
            for (int i = 0; i < RANDOM_SPLITS_PER_FILE; i++)
            {
                final List<Object> frames = feed(new FifoFramer(), doc, randomCuts(random, doc.length));
                assertEquals(1, frames.size(), "seed " + SEED);
                assertArrayEquals(doc, (byte[]) frames.get(0), "seed " + SEED);
            }
        }
    }

    @Test
    void aStreamOfDocumentsWithNoiseBetweenThem()
    {
        final List<byte[]> docs = capturedDocuments();
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        final String[] noise = {"\n", "", "  \r\n", "garbage } ] \" ' ", "\n\n"};
        for (int i = 0; i < docs.size(); i++)
        {
            stream.writeBytes(noise[i % noise.length].getBytes(StandardCharsets.UTF_8));
            stream.writeBytes(docs.get(i));
        }
        stream.writeBytes("\n{\"partial\":".getBytes(StandardCharsets.UTF_8));
        final byte[] all = stream.toByteArray();
        final Random random = new Random(SEED);
        for (int round = 0; round < RANDOM_SPLITS_PER_FILE; round++)
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> frames = feed(framer, all, round == 0 ? everyByte(all.length)
                : randomCuts(random, all.length));
            assertEquals(docs.size(), frames.size(), "round " + round + " seed " + SEED);
            for (int i = 0; i < docs.size(); i++)
            {
                assertArrayEquals(docs.get(i), (byte[]) frames.get(i), "round " + round + " seed " + SEED);
            }
            assertEquals("{\"partial\":".length(), framer.bufferedBytes(), "the partial document is kept");
        }
    }

    @Test
    void decodeStopsRightAfterEachDocument()
    {
        final ByteBuffer in = ByteBuffer.wrap("x{\"a\":1}\n{\"b\":{}}  {".getBytes(StandardCharsets.UTF_8));
        final FifoFramer framer = new FifoFramer();
        assertEquals("{\"a\":1}", document(framer.decode(in)));
        assertEquals(8, in.position());
        assertEquals("{\"b\":{}}", document(framer.decode(in)));
        assertEquals(17, in.position());
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.decode(in));
        assertEquals(1, framer.bufferedBytes());
        framer.reset();
        assertEquals(0, framer.bufferedBytes());
        assertEquals("{}", document(framer.decode(ByteBuffer.wrap("}{}".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void literalsFollowKamailioQuotes()
    {
        assertEquals(List.of("{\"}{ \\\"}\\\" '{'\"}"), frames("{\"}{ \\\"}\\\" '{'\"}"));
        assertEquals(List.of("{'}\"{'}"), frames("{'}\"{'}"), "single quotes delimit literals too");
        assertEquals(List.of("{\\\"}"), frames("{\\\"}"), "a quote after a backslash opens no literal");
        assertEquals(List.of("{\"C:\\\\\"}", "{}"), frames("{\"C:\\\\\"}{}"),
            "an escaped backslash before the closing quote (Kamailio would stay in the literal)");
        assertEquals(List.of("{{}{}}"), frames("}}{{}{}}"));
    }

    @Test
    void documentsUpToTheMaximumPassAndLongerOnesAreDiscardedWhole()
    {
        final int max = FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE;
        final String fits = "{\"p\":\"" + "x".repeat(max - 8) + "\"}";
        assertEquals(max, fits.length());
        final String tooLong = "{\"p\":\"" + "{".repeat(max - 7) + "\"}";
        assertEquals(max + 1, tooLong.length());
        final String stream = fits + "\n" + tooLong + "\n{\"after\":1}" + "{\"q\":[" + "{\"x\":1},".repeat(2000) + "1]}"
            + "{\"last\":2}";
        for (final int chunk : new int[] {1, 7, 4096, stream.length()})
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> out = new ArrayList<>();
            final byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            for (int off = 0; off < bytes.length; off += chunk)
            {
                final ByteBuffer in = ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off));
                FifoFrame f;
                while (!((f = framer.decode(in)) instanceof FifoFrame.NeedMore))
                {
                    out.add(f instanceof FifoFrame.Document d ? new String(d.json(), StandardCharsets.UTF_8) : f);
                    assertTrue(framer.bufferedBytes() <= max);
                }
                assertTrue(framer.bufferedBytes() <= max);
            }
            assertEquals(List.of(fits, new FifoFrame.TooLarge(max), "{\"after\":1}", new FifoFrame.TooLarge(max),
                "{\"last\":2}"), out, "chunk " + chunk);
        }
    }

    @Test
    void aSmallerMaximum()
    {
        final FifoFramer framer = new FifoFramer(4);
        final ByteBuffer in = ByteBuffer.wrap("{12}{123}{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{12}", document(framer.decode(in)));
        assertEquals(new FifoFrame.TooLarge(4), framer.decode(in));
        assertEquals("{}", document(framer.decode(in)));
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.decode(in));
    }

    private static List<String> frames(final String stream)
    {
        final List<String> out = new ArrayList<>();
        for (final Object o : feed(new FifoFramer(), stream.getBytes(StandardCharsets.UTF_8), new int[0]))
        {
            out.add(new String((byte[]) o, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String document(final FifoFrame frame)
    {
        return new String(assertInstanceOf(FifoFrame.Document.class, frame).json(), StandardCharsets.UTF_8);
    }

    /** Feeds bytes cut at the given offsets; returns documents (byte[]) and TooLarge frames in order. */
    static List<Object> feed(final FifoFramer framer, final byte[] bytes, final int[] cuts)
    {
        final List<Object> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cuts.length; i++)
        {
            final int end = i < cuts.length ? cuts[i] : bytes.length;
            final ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
            FifoFrame f;
            while (!((f = framer.decode(in)) instanceof FifoFrame.NeedMore))
            {
                out.add(f instanceof FifoFrame.Document d ? d.json() : f);
            }
            assertEquals(end, in.position(), "all input consumed");
            start = end;
        }
        return out;
    }

    static int[] randomCuts(final Random random, final int length)
    {
        final int n = random.nextInt(Math.min(length, 20) + 1);
        final int[] cuts = new int[n];
        for (int i = 0; i < n; i++)
        {
            cuts[i] = random.nextInt(length + 1);
        }
        Arrays.sort(cuts);
        return cuts;
    }

    private static int[] everyByte(final int length)
    {
        final int[] cuts = new int[length];
        for (int i = 0; i < length; i++)
        {
            cuts[i] = i;
        }
        return cuts;
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
