package org.puaagent.protocol.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link JsonValueReader#prepare}, Kamailio's "control characters outside strings are white space" done in one
 * pass over the UTF-8 bytes: on random documents (JSON fragments, control characters, escapes, non-ASCII text and
 * malformed UTF-8) its text equals the rule applied character by character to the decoded text (the reference
 * below), its ASCII flag is right, and a document with nothing to change is handed on without a copy.
 */
class JsonPreparationTest
{
    private static final long SEED = 0x5EED_2026L;
    private static final int DOCUMENTS = 200_000;
    private static final byte[][] FRAGMENTS = fragments("{", "}", "[", "]", "\"", "\\", "\\\"", ":", ",", " ",
        "\t", "\n", "\r", "\u0001", "\u000b", "\u001f", "\u0000", "7", "1234567890", "a", "null", "\u00e9",
        "\u20ac", "\ud83d\ude00", "\"method\":\"pua.publish\"", "<presence id=\\\"t\\\"/>");
    private static final byte[][] MALFORMED = {{(byte)0xC3}, {(byte)0xFF}, {(byte)0x80}, {(byte)0xE2, (byte)0x82}};

    @Test
    void onePassOverBytesGivesTheTextTheRuleGivesOnCharacters()
    {
        final Random random = new Random(SEED);
        int changed = 0;
        for (int i = 0; i < DOCUMENTS; i++)
        {
            final ByteArrayOutputStream b = new ByteArrayOutputStream();
            final int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++)
            {
                b.writeBytes(random.nextInt(20) == 0 ? MALFORMED[random.nextInt(MALFORMED.length)]
                    : FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            final byte[] bytes = b.toByteArray();
            final String decoded = new String(bytes, StandardCharsets.UTF_8);
            final String expected = reference(decoded);
            final JsonValueReader.Document document = JsonValueReader.prepare(bytes, 0, bytes.length);
            final String where = "seed " + SEED + " document " + i;
            assertEquals(expected, document.text(), where);
            assertEquals(allAscii(bytes), document.ascii(), where);
            if (expected.equals(decoded))
            {
                assertSame(bytes, document.bytes(), "no copy when nothing changes: " + where);
            }
            else
            {
                changed++;
            }
        }
        assertEquals(true, changed > DOCUMENTS / 10 && changed < DOCUMENTS * 9 / 10, "both kinds occur: " + changed);
    }

    @Test
    void aRequestWithinALargerBufferIsPreparedInACopyOfItsOwnRange()
    {
        final String request = "{\"method\":\u0001\"m\\\"\u0002\",\u000b\"id\":1}";
        final byte[] bytes = ("xx" + request + "yy").getBytes(StandardCharsets.UTF_8);
        final JsonValueReader.Document document = JsonValueReader.prepare(bytes, 2, bytes.length - 4);
        assertNotSame(bytes, document.bytes());
        assertEquals("{\"method\": \"m\\\"\u0002\", \"id\":1}", document.text());
        assertEquals(true, document.ascii());
        final byte[] usual = ("  {\"jsonrpc\": \"2.0\", \"method\": \"pua.publish\", \"params\": [\"<presence>\u0001"
            + "</presence>\"], \"id\": 2}  ").getBytes(StandardCharsets.UTF_8);
        final JsonValueReader.Document plain = JsonValueReader.prepare(usual, 2, usual.length - 4);
        assertSame(usual, plain.bytes());
        assertEquals(2, plain.offset());
    }

    /** The rule on characters: outside strings, control characters but tab, LF and CR become spaces. */
    private static String reference(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            {
                c = ' ';
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean allAscii(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static byte[][] fragments(final String... texts)
    {
        final byte[][] out = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            out[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
