package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/** kamcmd's output rules (spec binrpc.md 8.4) beyond what the captures show. */
class KamcmdPrinterTest
{
    private static String print(final RpcValue... values)
    {
        return new String(KamcmdPrinter.print(new RpcReply(List.of(values), false)), StandardCharsets.UTF_8);
    }

    private static String printFormatted(final String format, final RpcValue... values)
    {
        return new String(KamcmdPrinter.printFormatted(new RpcReply(List.of(values), false), format), StandardCharsets.UTF_8);
    }

    @Test
    void doublesPrintAsIntegersWhenIntegralElseWithSixDecimals()
    {
        assertEquals("1", KamcmdPrinter.formatDouble(1.0));
        assertEquals("-3", KamcmdPrinter.formatDouble(-3.0));
        assertEquals("0", KamcmdPrinter.formatDouble(-0.0));
        assertEquals("1.500000", KamcmdPrinter.formatDouble(1.5));
        assertEquals("-2.500000", KamcmdPrinter.formatDouble(-2.5));
        assertEquals("0.001000", KamcmdPrinter.formatDouble(0.001));
        assertEquals("1234.567000", KamcmdPrinter.formatDouble(1234.567));
        assertEquals("-0.001000", KamcmdPrinter.formatDouble(-0.001));
        assertEquals("0.000000", KamcmdPrinter.formatDouble(1e-9));
        assertEquals("-0.000000", KamcmdPrinter.formatDouble(-1e-9));
        assertEquals("0.125000", KamcmdPrinter.formatDouble(0.125));
        // glibc's printf("%f") rounds the exact binary value (checked with gcc): 0.0000015 is a little above the tie
        assertEquals("0.000002", KamcmdPrinter.formatDouble(0.0000015));
        assertEquals("0.000003", KamcmdPrinter.formatDouble(0.0000025));
        assertEquals("2.000001", KamcmdPrinter.formatDouble(2.0000005));
        assertEquals("9007199254740992", KamcmdPrinter.formatDouble(9007199254740992.0));
        assertEquals("1000000000000000", KamcmdPrinter.formatDouble(1e15));
        assertEquals("inf", KamcmdPrinter.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", KamcmdPrinter.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("nan", KamcmdPrinter.formatDouble(Double.NaN));
    }

    @Test
    void valuesStructsAndArraysIndentWithTabs()
    {
        assertEquals("", print());
        assertEquals("7\n-1\nabc\n1.500000\n2\nxyz\n", print(RpcInt.of(7), RpcInt.of(-1), new RpcString("abc"), new RpcDouble(1.5),
            new RpcDouble(2.0), new RpcBytes("xyz".getBytes(StandardCharsets.US_ASCII))));
        final RpcStruct inner = RpcStruct.builder().add("x", 1).build();
        final RpcStruct outer = new RpcStruct(List.of(new RpcStruct.Member("name", new RpcString("v")),
            new RpcStruct.Member(null, new RpcString("unnamed")), new RpcStruct.Member("inner", inner),
            new RpcStruct.Member(null, inner)));
        assertEquals("{\n\tname: v\n\tunnamed\n\tinner: {\n\t\tx: 1\n\t}\n\t{\n\t\tx: 1\n\t}\n}\n", print(outer));
        assertEquals("[\n\ta\n\t{\n\t}\n]\n", print(RpcArray.of(new RpcString("a"), new RpcStruct(List.of()))));
        assertEquals("{\n\tlist: [\n\t\t1\n\t]\n}\n", print(RpcStruct.builder().add("list", RpcArray.of(RpcInt.of(1))).build()));
    }

    @Test
    void faultsPrintOneLine()
    {
        final RpcResponse fault = new RpcFault(404, "Unknown event");
        assertEquals("error: 404 - Unknown event\n", new String(KamcmdPrinter.print(fault), StandardCharsets.UTF_8));
        assertEquals("error: 404 - Unknown event\n", new String(KamcmdPrinter.printFormatted(fault, "%v\n"), StandardCharsets.UTF_8));
    }

    @Test
    void formatRepeatsAndPadsTheLastRoundWithEmptyValues()
    {
        assertEquals("[a|b]\n[c|]\n", printFormatted("[%v|%v]\n", new RpcString("a"), new RpcString("b"), new RpcString("c")));
        assertEquals("a\t1\nb\t2\n", printFormatted("%v\t%v\n", new RpcString("a"), RpcInt.of(1), new RpcString("b"), RpcInt.of(2)));
        assertEquals("100% a\n", printFormatted("100%% %v\n", new RpcString("a")));
        assertEquals("", printFormatted("%v\n"));
        assertEquals("fixed\n", printFormatted("fixed\n", new RpcString("a"), new RpcString("b")), "no %v: printed once");
        assertEquals("{|k: v|}|\n", printFormatted("%v|%v|%v|%v\n", RpcStruct.builder().add("k", "v").build()));
        assertEquals("[x|y]\n", printFormatted(KamcmdPrinter.expandEscapes("[%v|%v]\\n"), new RpcString("x"), new RpcString("y")));
    }

    @Test
    void escapesAreExpandedLikeKamcmd()
    {
        assertEquals("a\nb\tc\rd\\e\\qf", KamcmdPrinter.expandEscapes("a\\nb\\tc\\rd\\\\e\\qf"));
        assertEquals("end\\", KamcmdPrinter.expandEscapes("end\\"));
    }
}
