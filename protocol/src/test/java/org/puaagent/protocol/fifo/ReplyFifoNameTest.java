package org.puaagent.protocol.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReplyFifoNameTest
{
    private static final int TMP = "/tmp/".length();

    @Test
    void namesKamailioAcceptsAndNamesWithDots()
    {
        for (final String name : new String[] {"kamailio_receiver_4242", "kamailio_rpc_reply.fifo", "a.b.c", "...",
            ".hidden", "trailing.", "x", "é-ü_1", "name with space", "\uD83D\uDE00"})
        {
            assertEquals(ReplyFifoName.Verdict.USABLE, ReplyFifoName.check(name, TMP), name);
        }
    }

    @Test
    void namesThatLeaveTheDirectoryOrCannotBeAFileName()
    {
        assertEquals(ReplyFifoName.Verdict.EMPTY, ReplyFifoName.check(null, TMP));
        assertEquals(ReplyFifoName.Verdict.EMPTY, ReplyFifoName.check("", TMP));
        assertEquals(ReplyFifoName.Verdict.DOT_NAME, ReplyFifoName.check(".", TMP));
        assertEquals(ReplyFifoName.Verdict.DOT_NAME, ReplyFifoName.check("..", TMP));
        for (final String name : new String[] {"../etc/passwd", "a/b", "/abs", "a\\b", "..\\x"})
        {
            assertEquals(ReplyFifoName.Verdict.SEPARATOR, ReplyFifoName.check(name, TMP), name);
        }
        for (final String name : new String[] {"a\0b", "\0", "a\nb", "a\rb", "tab\t", "del\u007f", "c1\u0085",
            "\u0001"})
        {
            assertEquals(ReplyFifoName.Verdict.CONTROL, ReplyFifoName.check(name, TMP), name);
        }
        final String notUtf8 = new String(new byte[] {'a', (byte) 0xff, 'b'}, StandardCharsets.UTF_8);
        assertEquals(ReplyFifoName.Verdict.NOT_UTF8, ReplyFifoName.check(notUtf8, TMP));
        assertEquals(ReplyFifoName.Verdict.NOT_UTF8, ReplyFifoName.check("a\uD800b", TMP), "lone high surrogate");
        assertEquals(ReplyFifoName.Verdict.NOT_UTF8, ReplyFifoName.check("a\uDC00", TMP), "lone low surrogate");
    }

    @Test
    void thePathIncludingTheDirectoryIsAtMost127Bytes()
    {
        final String fits = "n".repeat(ReplyFifoName.MAX_PATH_BYTES - TMP);
        assertEquals(ReplyFifoName.Verdict.USABLE, ReplyFifoName.check(fits, TMP));
        assertEquals(ReplyFifoName.Verdict.TOO_LONG, ReplyFifoName.check(fits + "n", TMP));
        assertEquals(ReplyFifoName.Verdict.TOO_LONG, ReplyFifoName.check("n", ReplyFifoName.MAX_PATH_BYTES));
        final String twoByte = "é".repeat((ReplyFifoName.MAX_PATH_BYTES - TMP) / 2);
        assertEquals(ReplyFifoName.Verdict.USABLE, ReplyFifoName.check(twoByte, TMP), "counted in UTF-8 bytes");
        assertEquals(ReplyFifoName.Verdict.TOO_LONG, ReplyFifoName.check(twoByte + "éé", TMP));
        assertEquals(ReplyFifoName.Verdict.TOO_LONG, ReplyFifoName.check("\uD83D\uDE00".repeat(31), TMP),
            "a surrogate pair is four bytes");
    }
}
