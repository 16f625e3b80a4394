package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JsonValueReader#isPrepared}, the byte-level short cut that lets a request skip
 * {@link JsonValueReader#prepare}: whenever it says yes, prepare must indeed leave the text unchanged (random
 * documents from JSON fragments, control characters, escapes, digit runs and non-ASCII text), and it says
 * no for the texts prepare rewrites.
 */
class JsonPreparationTest
{
    private static final long SEED = 0x5EED_2026L;
    private static final int DOCUMENTS = 200_000;
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", "\\", "\\\"", ":", ",", " ", "\t", "\n",
        "\r", "\u0001", "\u000b", "\u001f", "0", "7", "1234567890", "123456789", "e", "E", "-", "+", ".", "a",
        "null", "\u00e9", "\u20ac", "\ud83d\ude00", "\"method\":\"pua.publish\"", "<presence id=\\\"t\\\"/>"};

    @Test
    void aYesIsAlwaysRightOnRandomDocuments()
    {
        final Random random = new Random(SEED);
        int yes = 0;
        int no = 0;
        for (int i = 0; i < DOCUMENTS; i++)
        {
            final StringBuilder b = new StringBuilder();
            final int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++)
            {
                b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            final String text = b.toString();
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (JsonValueReader.isPrepared(bytes, 0, bytes.length))
            {
                yes++;
                assertEquals(text, JsonValueReader.prepare(text), "seed " + SEED + " document " + i);
            }
            else
            {
                no++;
            }
        }
        assertTrue(yes > DOCUMENTS / 10 && no > DOCUMENTS / 10, "both answers occur: " + yes + " / " + no);
    }

    @Test
    void textsThatPrepareRewritesAreNotTakenAsPrepared()
    {
        for (final String text : new String[] {"{\"id\":1,\u0001\"method\":\"m\"}", "[\u000b1]",
            "{\"a\":\"\\\\\"\u0002}", "\u001f{}"})
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertFalse(JsonValueReader.isPrepared(bytes, 0, bytes.length), text);
            assertFalse(text.equals(JsonValueReader.prepare(text)), "prepare rewrites " + text);
        }
    }

    @Test
    void controlsInsideStringsAndUsualRequestsNeedNothing()
    {
        final String request = "{\"jsonrpc\": \"2.0\", \"method\": \"pua.publish\", \"params\": [\"sip:a@127.0.0.1\", "
            + "3600, \"<?xml version=\\\"1.0\\\"?>\\n<presence>\u0001\u00e9</presence>\", 123456789012345678], \"id\": 2}";
        final byte[] bytes = ("  " + request + "  ").getBytes(StandardCharsets.UTF_8);
        assertTrue(JsonValueReader.isPrepared(bytes, 2, bytes.length - 4));
        assertEquals(request, JsonValueReader.prepare(request));
    }
}
