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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FifoFramerTest
{
    private static final long SEED = 0x5EED_F1F0L;
    private static final int RANDOM_SPLITS_PER_FILE = 300;
    private static final FifoFrame GARBAGE = new FifoFrame.Rejected(FifoFrame.Reason.GARBAGE, null);
    private static final FifoFrame TRUNCATED = new FifoFrame.Rejected(FifoFrame.Reason.TRUNCATED, null);
    private static final FifoFrame OVERSIZED = new FifoFrame.Rejected(FifoFrame.Reason.OVERSIZED, null);
    /** What kamctl writes for {@code kamctl rpc core.version}. */
    private static final String KAMCTL = "{\"jsonrpc\": \"2.0\", \"method\": \"core.version\", "
        + "\"reply_name\": \"kamailio_receiver_4242\", \"id\": 4242}";

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

    // ------------------------------------------------------------------ framing as Kamailio does

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
            final List<Object> expected = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++)
            {
                if (!noise[i % noise.length].isBlank())
                {
                    expected.add(GARBAGE);
                }
                expected.add(docs.get(i));
            }
            assertFrames(expected, frames, "round " + round + " seed " + SEED);
            assertEquals("{\"partial\":".length(), framer.bufferedBytes(), "the partial document is kept");
        }
    }

    @Test
    void decodeStopsRightAfterEachFrame()
    {
        final ByteBuffer in = ByteBuffer.wrap("x{\"a\":1}\n{\"b\":{}}  {".getBytes(StandardCharsets.UTF_8));
        final FifoFramer framer = new FifoFramer();
        assertEquals(GARBAGE, framer.decode(in));
        assertEquals(1, in.position());
        assertEquals("{\"a\":1}", document(framer.decode(in)));
        assertEquals(8, in.position());
        assertEquals("{\"b\":{}}", document(framer.decode(in)));
        assertEquals(17, in.position());
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.decode(in));
        assertEquals(1, framer.bufferedBytes());
        framer.reset();
        assertEquals(0, framer.bufferedBytes());
        assertFalse(framer.busy());
        final ByteBuffer next = ByteBuffer.wrap("}{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(GARBAGE, framer.decode(next), "an unbalanced } is garbage");
        assertEquals("{}", document(framer.decode(next)));
    }

    @Test
    void literalsFollowKamailioQuotes()
    {
        assertEquals(List.of("{\"}{ \\\"}\\\" '{'\"}"), documents("{\"}{ \\\"}\\\" '{'\"}"));
        assertEquals(List.of("{'}\"{'}"), documents("{'}\"{'}"), "single quotes delimit literals too");
        assertEquals(List.of("{\\\"}"), documents("{\\\"}"), "a quote after a backslash opens no literal");
        assertEquals(List.of("{\"C:\\\\\"}", "{}"), documents("{\"C:\\\\\"}{}"),
            "an escaped backslash before the closing quote (Kamailio would stay in the literal)");
        assertEquals(List.of("{{}{}}"), documents("}}{{}{}}"));
    }

    // ------------------------------------------------------------------ size limit

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
            assertEquals(List.of(fits, OVERSIZED, "{\"after\":1}", OVERSIZED, "{\"last\":2}"), out, "chunk " + chunk);
        }
    }

    @Test
    void aSmallerMaximum()
    {
        final FifoFramer framer = new FifoFramer(4);
        final ByteBuffer in = ByteBuffer.wrap("{12}{123}{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{12}", document(framer.decode(in)));
        assertEquals(OVERSIZED, framer.decode(in));
        assertEquals("{}", document(framer.decode(in)));
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.decode(in));
    }

    @Test
    void anOversizedDocumentIsReportedWithTheReplyNameOfItsHeadOrTail()
    {
        final String big = "x".repeat(3 * FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE);
        final String kamctlStyle = "{\"jsonrpc\": \"2.0\", \"method\": \"pua.publish\", \"params\": [\"" + big
            + "\"], \"reply_name\": \"kamailio_receiver_7\", \"id\": 7}";
        final String nameFirst = "{\"reply_name\": \"early\", \"params\": [\"" + big + "\"]}";
        final String none = "{\"params\": [\"" + big + "\"]}";
        final List<Object> out = feed(new FifoFramer(), (kamctlStyle + "\n" + nameFirst + none + KAMCTL)
            .getBytes(StandardCharsets.UTF_8), new int[0]);
        assertFrames(List.of(new FifoFrame.Rejected(FifoFrame.Reason.OVERSIZED, "kamailio_receiver_7"),
            new FifoFrame.Rejected(FifoFrame.Reason.OVERSIZED, "early"), OVERSIZED, KAMCTL.getBytes(
                StandardCharsets.UTF_8)), out, "");
    }

    // ------------------------------------------------------------------ resynchronisation

    @Test
    void aLoneBraceThenAWholeDocumentIsResynchronisedAtEverySplit()
    {
        final byte[] stream = ("{" + KAMCTL + "\n").getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= stream.length; split++)
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> before = feed(framer, stream, new int[] {split});
            assertEquals(List.of(), before, "nothing complete while the count is above zero");
            assertTrue(framer.inDocument());
            assertEquals(List.of(TRUNCATED, KAMCTL), afterQuiet(framer), "split at " + split);
            assertFalse(framer.busy());
        }
    }

    @Test
    void aCutDocumentThenAWholeOneIsResynchronised()
    {
        for (int cut = 1; cut < KAMCTL.length(); cut++)
        {
            final FifoFramer framer = new FifoFramer();
            final String stream = KAMCTL.substring(0, cut) + KAMCTL + "\n" + KAMCTL;
            final List<Object> out = text(feed(framer, stream.getBytes(StandardCharsets.UTF_8), new int[0]));
            out.addAll(afterQuiet(framer));
            final List<Object> documents = out.stream().filter(o -> o instanceof String).toList();
            assertEquals(List.of(KAMCTL, KAMCTL), documents, "cut at " + cut + ": " + out);
            assertFalse(framer.busy(), "cut at " + cut);
        }
    }

    @Test
    void aCutDocumentNamingItsReplyFifoIsReportedWithTheName()
    {
        final FifoFramer framer = new FifoFramer();
        feed(framer, "{\"reply_name\": \"r1\", \"method\": \"core.ver".getBytes(StandardCharsets.UTF_8), new int[0]);
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.resynchronise(), "nothing to resynchronise on yet");
        assertTrue(framer.inDocument(), "kept for a writer that only paused");
        assertEquals(new FifoFrame.Rejected(FifoFrame.Reason.TRUNCATED, "r1"), framer.abandon());
        assertFalse(framer.busy());
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.abandon());
    }

    @Test
    void aWriterThatOnlyPausedKeepsItsDocument()
    {
        final String doc = "{\"jsonrpc\": \"2.0\", \"params\": [{\"a\": 1}, {\"b\": \"{x}\"}], \"reply_name\": \"r\"}";
        for (int pause = 1; pause < doc.length(); pause++)
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> out = text(feed(framer, doc.substring(0, pause).getBytes(StandardCharsets.UTF_8),
                new int[0]));
            out.addAll(afterQuiet(framer));
            out.addAll(text(feed(framer, doc.substring(pause).getBytes(StandardCharsets.UTF_8), new int[0])));
            if (doc.substring(pause).strip().startsWith("{") || doc.substring(0, pause).strip().endsWith("}"))
            {
                // a pause right before or right after a nested object: the object is taken for a new document
                // (the price of resynchronising, docs/fifo.md)
                assertTrue(out.contains(TRUNCATED), "pause at " + pause + ": " + out);
            }
            else
            {
                assertEquals(List.of(doc), out, "pause at " + pause);
            }
        }
    }

    @Test
    void afterAQuietPeriodADocumentStartsAfreshAtTheNextBrace()
    {
        // the fragment ends inside a string: without the quiet period, the } inside the next document's string
        // would end the fragment and eat the start of the document
        final String next = "{\"jsonrpc\":\"2.0\",\"method\":\"core.echo\",\"params\":[\"}{\"],\"reply_name\":\"r\"}";
        final FifoFramer framer = new FifoFramer();
        feed(framer, "{\"method\": \"cut here".getBytes(StandardCharsets.UTF_8), new int[0]);
        assertEquals(List.of(), afterQuiet(framer));
        assertEquals(List.of(TRUNCATED, next), text(feed(framer, (" \n" + next).getBytes(StandardCharsets.UTF_8),
            new int[0])));
    }

    @Test
    void nestedObjectsAreNotResynchronisationPoints()
    {
        for (final String partial : List.of("{\"params\": [{\"a\": 1}, ", "{\"p\": \"{\\\"a\\\":1}\" ",
            "{\"p\": [{\"a\": 1}] ", "{\"p\": {\"a\": {}}, \"q\": 1"))
        {
            final FifoFramer framer = new FifoFramer();
            feed(framer, partial.getBytes(StandardCharsets.UTF_8), new int[0]);
            assertSame(FifoFrame.NeedMore.INSTANCE, framer.resynchronise(), partial);
            assertEquals(partial.length(), framer.bufferedBytes(), partial);
        }
    }

    @Test
    void aFragmentFollowedByABurstOverflowingTheBufferLosesNothingButItself()
    {
        final StringBuilder burst = new StringBuilder("{");
        final List<Object> expected = new ArrayList<>(List.of(TRUNCATED));
        for (int i = 0; i < 200; i++)
        {
            final String doc = KAMCTL.replace("4242", Integer.toString(i));
            burst.append(doc).append('\n');
            expected.add(doc);
        }
        assertTrue(burst.length() > 2 * FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE);
        final List<Object> out = text(feed(new FifoFramer(), burst.toString().getBytes(StandardCharsets.UTF_8),
            new int[0]));
        assertEquals(expected, out, "resynchronised when the buffer overflowed, without a quiet period");
    }

    @Test
    void aResynchronisationKeepsEveryDocumentAfterTheFragment()
    {
        final String stream = "{{\"a\":1}\n{\"b\":2}{\"c\":\"}\"}\n{\"d\":";
        final FifoFramer framer = new FifoFramer();
        assertEquals(List.of(), feed(framer, stream.getBytes(StandardCharsets.UTF_8), new int[0]));
        assertEquals(List.of(TRUNCATED, "{\"a\":1}", "{\"b\":2}", "{\"c\":\"}\"}"), afterQuiet(framer));
        assertEquals(5, framer.bufferedBytes(), "the last partial document is kept");
        assertEquals(TRUNCATED, framer.abandon());
    }

    // ------------------------------------------------------------------ NUL, garbage, other bytes

    @Test
    void aDocumentHoldingANulIsRejectedWithItsReplyName()
    {
        final List<Object> out = text(feed(new FifoFramer(), ("{\"reply_name\": \"r\", \"x\": \"a\0b\"}\n" + KAMCTL
            + "{\0}").getBytes(StandardCharsets.UTF_8), new int[0]));
        assertEquals(List.of(new FifoFrame.Rejected(FifoFrame.Reason.NUL, "r"), KAMCTL,
            new FifoFrame.Rejected(FifoFrame.Reason.NUL, null)), out);
    }

    @Test
    void malformedUtf8AndControlBytesInsideADocumentAreTheParsersBusiness()
    {
        final byte[] doc = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xc3, 0x01, '"', '}'};
        assertEquals(1, feed(new FifoFramer(), doc, new int[0]).size());
        assertArrayEquals(doc, (byte[]) feed(new FifoFramer(), doc, new int[0]).get(0));
    }

    @Test
    void anEndlessStreamWithoutABraceIsOneRunOfGarbageAndHoldsNothing()
    {
        final FifoFramer framer = new FifoFramer();
        final byte[] noise = new byte[64 * 1024];
        new Random(SEED).nextBytes(noise);
        for (int i = 0; i < noise.length; i++)
        {
            noise[i] = noise[i] == '{' ? (byte) '}' : noise[i];
        }
        final List<Object> out = new ArrayList<>();
        for (int round = 0; round < 32; round++)
        {
            out.addAll(feed(framer, noise, new int[0]));
            assertEquals(0, framer.bufferedBytes());
        }
        assertEquals(List.of(GARBAGE), out, "one report per run");
        assertTrue(framer.busy());
        assertSame(FifoFrame.NeedMore.INSTANCE, framer.resynchronise(), "a quiet period ends the run");
        assertFalse(framer.busy());
        assertEquals(List.of(GARBAGE), feed(framer, noise, new int[0]), "the next run is reported again");
    }

    // ------------------------------------------------------------------ fuzz

    private static final byte[] NOISE = "{}[]\"'\\ \n\r\t:,a0".getBytes(StandardCharsets.UTF_8);

    private static byte[] garbage(final Random random)
    {
        final byte[] b = new byte[random.nextInt(120)];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = random.nextInt(6) == 0 ? (byte) random.nextInt(256) : NOISE[random.nextInt(NOISE.length)];
        }
        return b;
    }

    @Test
    void everyDocumentWrittenAfterGarbageAndAQuietPeriodIsFoundOnce()
    {
        final List<byte[]> docs = capturedDocuments();
        final Random random = new Random(SEED);
        for (int round = 0; round < 2000; round++)
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> out = new ArrayList<>();
            final List<Object> expected = new ArrayList<>();
            for (int k = 0; k < 4; k++)
            {
                final byte[] noise = garbage(random);
                out.addAll(text(feed(framer, noise, randomCuts(random, noise.length))));
                out.addAll(afterQuiet(framer));
                final byte[] doc = docs.get(random.nextInt(docs.size()));
                final byte[] written = random.nextBoolean() ? concat(doc, new byte[] {'\n'}) : doc;
                out.addAll(text(feed(framer, written, randomCuts(random, written.length))));
                out.addAll(afterQuiet(framer));
                expected.add(new String(doc, StandardCharsets.UTF_8));
                assertTrue(framer.bufferedBytes() <= framer.maxDocumentSize());
            }
            final List<Object> found = out.stream().filter(expected::contains).toList();
            assertEquals(expected, found, "round " + round + " seed " + SEED + ": " + out);
        }
    }

    @Test
    void everyDocumentRightAfterGarbageWithoutQuotesIsFoundOnceTheFifoIsQuiet()
    {
        final List<byte[]> docs = capturedDocuments();
        final Random random = new Random(SEED + 1);
        for (int round = 0; round < 2000; round++)
        {
            final FifoFramer framer = new FifoFramer();
            final List<Object> out = new ArrayList<>();
            final List<Object> expected = new ArrayList<>();
            for (int k = 0; k < 4; k++)
            {
                final byte[] noise = garbage(random);
                for (int i = 0; i < noise.length; i++)
                {
                    noise[i] = noise[i] == '"' || noise[i] == '\'' || noise[i] == '\\' ? (byte) ' ' : noise[i];
                }
                final byte[] doc = docs.get(random.nextInt(docs.size()));
                final byte[] written = concat(concat(noise, doc), new byte[] {'\n'});
                out.addAll(text(feed(framer, written, randomCuts(random, written.length))));
                out.addAll(afterQuiet(framer));
                expected.add(new String(doc, StandardCharsets.UTF_8));
            }
            final List<Object> found = out.stream().filter(expected::contains).toList();
            assertEquals(expected, found, "round " + round + " seed " + SEED + ": " + out);
        }
    }

    @Test
    void arbitraryBytesGiveOnlyFramesAndStayBounded()
    {
        final Random random = new Random(SEED + 2);
        for (int round = 0; round < 500; round++)
        {
            final FifoFramer framer = new FifoFramer(64 + random.nextInt(512));
            for (int k = 0; k < 20; k++)
            {
                final byte[] noise = garbage(random);
                final List<Object> out = feed(framer, noise, randomCuts(random, noise.length));
                assertTrue(out.size() <= noise.length + framer.maxDocumentSize());
                if (random.nextInt(3) == 0)
                {
                    afterQuiet(framer);
                }
                if (random.nextInt(10) == 0)
                {
                    framer.abandon();
                    assertFalse(framer.inDocument());
                }
                assertTrue(framer.bufferedBytes() <= framer.maxDocumentSize());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What the transport does once the FIFO is quiet: resynchronise and decode while that drops something. */
    static List<Object> afterQuiet(final FifoFramer framer)
    {
        final List<Object> out = new ArrayList<>();
        FifoFrame f;
        int rounds = 0;
        while (!((f = framer.resynchronise()) instanceof FifoFrame.NeedMore))
        {
            assertTrue(++rounds <= framer.maxDocumentSize() + 1, "resynchronisation makes progress");
            out.add(f);
            for (final Object o : feed(framer, new byte[0], new int[0]))
            {
                out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o);
            }
        }
        return out;
    }

    /** Documents as text, other frames as they are. */
    private static List<Object> text(final List<Object> frames)
    {
        final List<Object> out = new ArrayList<>();
        for (final Object o : frames)
        {
            out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o);
        }
        return out;
    }

    private static void assertFrames(final List<Object> expected, final List<Object> actual, final String context)
    {
        assertEquals(expected.size(), actual.size(), context + ": " + actual);
        for (int i = 0; i < expected.size(); i++)
        {
            if (expected.get(i) instanceof byte[] b)
            {
                assertArrayEquals(b, (byte[]) actual.get(i), context);
            }
            else
            {
                assertEquals(expected.get(i), actual.get(i), context);
            }
        }
    }

    private static List<String> documents(final String stream)
    {
        final List<String> out = new ArrayList<>();
        for (final Object o : feed(new FifoFramer(), stream.getBytes(StandardCharsets.UTF_8), new int[0]))
        {
            if (o instanceof byte[] b)
            {
                out.add(new String(b, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String document(final FifoFrame frame)
    {
        return new String(assertInstanceOf(FifoFrame.Document.class, frame).json(), StandardCharsets.UTF_8);
    }

    /** Feeds bytes cut at the given offsets; returns documents (byte[]) and rejections in order. */
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
