package org.puaagent.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest
{
    @Test
    void sizesAreBytesOrPowersOf1024WithASuffix()
    {
        assertEquals(1_048_576, ByteSize.parse("1048576"));
        assertEquals(512 * 1024, ByteSize.parse("512k"));
        assertEquals(64L << 20, ByteSize.parse("64m"));
        assertEquals(64L << 20, ByteSize.parse(" 64M "));
        assertEquals(2L << 30, ByteSize.parse("2G"));
    }

    @Test
    void anythingElseIsMinusOne()
    {
        for (final String bad : new String[] {"", " ", "m", "0", "0m", "-5", "-5m", "1.5m", "12x", "1 m", "k64",
            "99999999999999999999", "9223372036854775807k", "0x10", null})
        {
            assertEquals(-1, ByteSize.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void formatPicksTheLargestUnit()
    {
        assertEquals("1 GiB", ByteSize.format(1L << 30));
        assertEquals("256 MiB", ByteSize.format(256L << 20));
        assertEquals("1.5 MiB", ByteSize.format(3L << 19));
        assertEquals("64 KiB", ByteSize.format(64 << 10));
        assertEquals("1000 B", ByteSize.format(1000));
    }
}
