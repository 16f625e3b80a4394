package org.puaagent.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fatal line is one line of printable ASCII, cut to fit, always with its tail. */
class FatalLineTest
{
    private static final Thread THREAD = new Thread(() ->
    {
    }, "pua-pipeline");

    @Test
    void theLineNamesTheErrorTheThreadAndTheMessage()
    {
        assertEquals("pua-agent: fatal java.lang.OutOfMemoryError on thread 'pua-pipeline': Java heap space; "
            + "exiting with status 70\n", Fatal.line(THREAD, new OutOfMemoryError("Java heap space")));
        assertEquals("pua-agent: fatal java.lang.StackOverflowError on thread 'pua-pipeline'; exiting with status "
            + "70\n", Fatal.line(THREAD, new StackOverflowError()));
    }

    @Test
    void lineBreaksAndOtherCharactersCannotMakeASecondLine()
    {
        final String line = Fatal.line(THREAD, new Error("first\nsecond\r\tthird \u00e9\u20ac"));
        assertEquals("pua-agent: fatal java.lang.Error on thread 'pua-pipeline': first?second??third ??; exiting "
            + "with status 70\n", line);
    }

    @Test
    void aHugeMessageIsCutButTheTailStays()
    {
        final String line = Fatal.line(THREAD, new Error("x".repeat(5000)));
        assertEquals(Fatal.MAX_LINE_BYTES, line.length());
        assertTrue(line.endsWith("xxx; exiting with status 70\n"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "one newline, at the end");
    }
}
