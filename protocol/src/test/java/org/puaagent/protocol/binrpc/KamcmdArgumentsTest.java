package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/** kamcmd's argument typing (spec binrpc.md 8.3: strtol, then strtod, then str without "s:"). */
class KamcmdArgumentsTest
{
    private static byte[] wire(final RpcValue v)
    {
        return new BinRpcWriter().writeValue(v).toByteArray();
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(value = {
        "3600|20 0e 10", "-1|40 ff ff ff ff", "|00", "s:|11 00", "s:3600|51 33 36 30 30 00", " 7|10 07", "+5|10 05",
        "99999999999|40 48 76 e7 ff", "1.5|22 05 dc", "0x10|22 3e 80", "1e3|32 0f 42 40", ".|21 2e 00",
        "sip:x@y|91 08 73 69 70 3a 78 40 79 00"}, delimiter = '|')
    void specTable(final String arg, final String hex)
    {
        assertEquals(Vectors.hex(Hex.bytes(hex)), Vectors.hex(wire(KamcmdArguments.type(null == arg ? "" : arg))));
    }

    @Test
    void integers()
    {
        assertEquals(RpcInt.of(0), KamcmdArguments.type(""), "the empty string is int 0");
        assertEquals(RpcInt.of(Integer.MIN_VALUE), KamcmdArguments.type("-2147483648"));
        assertEquals(RpcInt.of(-1), KamcmdArguments.type("9223372036854775807"), "low 32 bits of LONG_MAX");
        assertEquals(RpcInt.of(-1), KamcmdArguments.type("99999999999999999999"), "strtol saturates at LONG_MAX");
        assertEquals(RpcInt.of(0), KamcmdArguments.type("-99999999999999999999"), "LONG_MIN's low 32 bits");
        assertEquals(RpcInt.of(12), KamcmdArguments.type("\t\n 012"));
        assertEquals(RpcInt.of(-5), KamcmdArguments.type("-5"));
    }

    @Test
    void doubles()
    {
        assertEquals(new RpcDouble(16.0), KamcmdArguments.type("0x10"));
        assertEquals(new RpcDouble(26.0), KamcmdArguments.type("0X1A"));
        assertEquals(new RpcDouble(0.5), KamcmdArguments.type("0x.8"));
        assertEquals(new RpcDouble(16.0), KamcmdArguments.type("0x1p4"));
        assertEquals(new RpcDouble(-0.25), KamcmdArguments.type("-0x1P-2"));
        assertEquals(new RpcDouble(1000.0), KamcmdArguments.type("1e3"));
        assertEquals(new RpcDouble(0.001), KamcmdArguments.type("1E-3"));
        assertEquals(new RpcDouble(0.5), KamcmdArguments.type(".5"));
        assertEquals(new RpcDouble(5.0), KamcmdArguments.type("5."));
        assertEquals(new RpcDouble(-2.5), KamcmdArguments.type(" -2.5"));
        assertEquals(new RpcDouble(Double.POSITIVE_INFINITY), KamcmdArguments.type("inf"));
        assertEquals(new RpcDouble(Double.NEGATIVE_INFINITY), KamcmdArguments.type("-Infinity"));
        assertTrue(Double.isNaN(((RpcDouble) KamcmdArguments.type("nan")).value()));
        assertTrue(Double.isNaN(((RpcDouble) KamcmdArguments.type("NAN(0x_1)")).value()));
        assertArrayEquals(Hex.bytes("82 80 00 00 00 00 00 00 00"), wire(KamcmdArguments.type("inf")), "x86-64 conversion");
    }

    @Test
    void strings()
    {
        for (final String s : List.of("  ", "7 ", "-", "+", "0x", "0x.", "1e", "1e+", "1.5.", "nan(", "infinit", "i:42", "abc",
            "sip:alice@example.com", "héllo ☃ 日本", "12abc", "0x1p", "--1"))
        {
            assertEquals(new RpcString(s), KamcmdArguments.type(s), s);
        }
        assertEquals(new RpcString(""), KamcmdArguments.type("s:"));
        assertEquals(new RpcString("3600"), KamcmdArguments.type("s:3600"));
        assertEquals(new RpcString("s:x"), KamcmdArguments.type("s:s:x"), "only one prefix is removed");
        assertEquals(List.of(new RpcString("sip:a@b"), RpcInt.of(3600), new RpcString("presence")),
            KamcmdArguments.typeAll(List.of("sip:a@b", "3600", "presence")));
    }
}
