package org.puaagent.protocol.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReplyNameScannerTest
{
    private static String find(final String text)
    {
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ReplyNameScanner.find(b, 0, b.length);
    }

    @Test
    void findsTheNameInBrokenDocuments()
    {
        assertEquals("kamailio_receiver_1", find("{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": [\"cut"
            + "\", \"reply_name\": \"kamailio_receiver_1\", \"id\": 1}"));
        assertEquals("r", find("{\"reply_name\"\n\t:\n \"r\"  , \"params\": [1, "));
        assertEquals("a.b", find("garbage \"reply_name\":\"a.b\""));
        assertEquals("first", find("{\"reply_name\": \"first\", \"reply_name\": \"second\"}"), "the first counts");
        assertEquals("second", find("{\"reply_name\": 7, \"reply_name\": \"second\"}"), "a non-string is skipped");
    }

    @Test
    void takesNothingItCannotReadSafely()
    {
        assertNull(find("{\"method\": \"x\"}"));
        assertNull(find("{\"reply_name\": \"cut before the quote"));
        assertNull(find("{\"reply_name\": \"esc\\\"aped\"}"), "a backslash in the name");
        assertNull(find("{\"p\": \"\\\"reply_name\\\": \\\"x\\\"\"}"), "an escaped key inside a string");
        assertNull(find("{\"reply_name\" \"x\"}"), "no colon");
        assertNull(find("{\"reply_name\": \"" + "n".repeat(ReplyNameScanner.MAX_NAME_BYTES + 1) + "\"}"));
        assertEquals("n".repeat(ReplyNameScanner.MAX_NAME_BYTES),
            find("{\"reply_name\": \"" + "n".repeat(ReplyNameScanner.MAX_NAME_BYTES) + "\"}"));
    }

    @Test
    void looksOnlyBetweenTheBounds()
    {
        final byte[] b = "xx{\"reply_name\": \"r\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("r", ReplyNameScanner.find(b, 2, b.length));
        assertNull(ReplyNameScanner.find(b, 0, b.length - 3), "the closing quote is outside");
        assertNull(ReplyNameScanner.find(b, 4, b.length), "the key starts before the bounds");
    }
}
