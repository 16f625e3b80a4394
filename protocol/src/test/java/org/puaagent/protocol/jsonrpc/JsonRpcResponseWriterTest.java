package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonRpcResponseWriterTest
{
    private static final JsonRpcResponseWriter PRETTY = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY);
    private static final JsonRpcResponseWriter COMPACT = JsonRpcResponseWriter.kamailio(JsonLayout.COMPACT);
    private static final RequestId ID = new RequestId.JsonNumber(7);

    @Test
    void numbersFollowSrjsonRulesWithCPrintfRounding()
    {
        // expected texts are C/Python printf results for the rule each value falls under
        final Object[][] cases = {
            {1.5, "1.500000"}, {0.1, "0.100000"}, {2.5e-6, "0.000003"}, {0.0078125, "0.007812"},
            {123456.789, "123456.789000"}, {999999999.9999999, "1000000000.000000"}, {1e9, "1000000000"},
            {1000000000.5, "1.000000e+09"}, {1e10 + 0.5, "1.000000e+10"}, {1.5e-7, "1.500000e-07"},
            {1e-7, "1.000000e-07"}, {9.9999999e-7, "1.000000e-06"}, {-0.5, "-0.500000"},
            {-1234.5678915, "-1234.567892"}, {3.14159265358979, "3.141593"}, {1e23, "99999999999999991611392"},
            {-1099511627776.0, "-1099511627776"}, {12345678901.0, "12345678901"}, {2147483648.0, "2147483648"},
            {2147483647.0, "2147483647"}, {-2147483648.0, "-2147483648"}, {-2147483649.0, "-2147483649"},
            {1e-300, "0"}, {-1.5e-300, "0"}, {5e-324, "0"}, {1e-16, "0"}, {3e-16, "3.000000e-16"},
            {1.5e-6, "0.000002"}, {0.9999999999999999, "1.000000"}, {99999999.9999995, "99999999.999999"},
            {1.0000000000000002, "1"}, {-0.0, "0"}, {0.0, "0"}, {-7.0, "-7"},
            {1.5e300, "150000000000000007875714038280663037305670287166223873237378117326770368698336229367955706"
                + "262067179606555666574932581726541378485304064586346718827718006047427258080138986370560674"
                + "535069218213508905342985245619991762167855845146132011197911417021374186888818323008526425"
                + "7173504208294580298189100810240"},
            {Double.NaN, "null"}, {Double.POSITIVE_INFINITY, "null"}, {Double.NEGATIVE_INFINITY, "null"},
        };
        for (final Object[] c : cases)
        {
            assertEquals(c[1], KamailioNumbers.format((Double) c[0]), "value " + c[0]);
        }
        assertEquals(309, KamailioNumbers.format(Double.MAX_VALUE).length());
        assertEquals("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786"
            + "371375080447864"
            + "043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368"
            + "953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540"
            + "160", KamailioNumbers.format(1e300));
    }

    @Test
    void stringsAreEscapedLikeSrjson()
    {
        final StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++)
        {
            controls.append(c);
        }
        final String expectedControls = "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
            + "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
            + "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f";
        assertEquals("\"" + expectedControls + "\"", compactResult(new RpcString(controls.toString())));
        assertEquals("\"q\\\" b\\\\ s/ del\u007f \u00e9\u2603\uD83D\uDE00\"",
            compactResult(new RpcString("q\" b\\ s/ del\u007f \u00e9\u2603\uD83D\uDE00")));
        assertArrayEquals(new byte[] {'"', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 'x', (byte) 0xEF, (byte) 0xBF,
            (byte) 0xBD, '"'}, resultBytes(new RpcString("\uD800x\uDC00")));
    }

    @Test
    void bytesAreAStringWithHighBytesRaw()
    {
        assertArrayEquals(new byte[] {'"', 'a', '\\', 'n', (byte) 0xFF, (byte) 0x80, '\\', '"', '"'},
            resultBytes(new RpcBytes(new byte[] {'a', '\n', (byte) 0xFF, (byte) 0x80, '"'})));
        assertEquals("\"\\u0001\"", compactResult(new RpcBytes(new byte[] {1})));
    }

    @Test
    void scalarsAndEmptyContainers()
    {
        assertEquals("true", compactResult(RpcBool.TRUE));
        assertEquals("false", compactResult(RpcBool.FALSE));
        assertEquals("null", compactResult(RpcNull.INSTANCE));
        assertEquals("-2147483648", compactResult(RpcInt.of(Integer.MIN_VALUE)));
        assertEquals("2", compactResult(new RpcDouble(2.0)));
        assertEquals("[]", compactResult(RpcArray.of()));
        assertEquals("{}", compactResult(new RpcStruct(List.of())));
        assertEquals("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[{\n\t\t}, []],\n\t\"id\":\t7\n}",
            text(PRETTY.write(RpcReply.of(RpcArray.of(new RpcStruct(List.of()), RpcArray.of())), ID)));
    }

    @Test
    void resultShapes()
    {
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":7}", text(COMPACT.write(RpcReply.empty(), ID)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":[],\"id\":7}",
            text(COMPACT.write(RpcReply.array(List.of()), ID)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":[\"a\",1],\"id\":7}",
            text(COMPACT.write(RpcReply.array(List.of(new RpcString("a"), RpcInt.of(1))), ID)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":7}",
            text(COMPACT.write(new RpcReply(List.of(new RpcString("a"), RpcInt.of(1)), false), ID)),
            "without RET_ARRAY the last value is the result");
        assertEquals("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t}\n}",
            text(PRETTY.write(RpcReply.empty(), RequestId.None.INSTANCE)));
    }

    @Test
    void nestedPrettyLayout()
    {
        final RpcStruct inner = RpcStruct.builder().add("x", 1).add("y", RpcArray.of(RpcInt.of(1), RpcInt.of(2)))
            .build();
        final RpcStruct outer = RpcStruct.builder().add("inner", inner).add("list", RpcArray.of(inner, RpcArray.of(
            inner))).add("e", new RpcStruct(List.of())).build();
        final String expected = "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n"
            + "\t\t\"inner\":\t{\n\t\t\t\"x\":\t1,\n\t\t\t\"y\":\t[1, 2]\n\t\t},\n"
            + "\t\t\"list\":\t[{\n\t\t\t\t\"x\":\t1,\n\t\t\t\t\"y\":\t[1, 2]\n\t\t\t}, [{\n"
            + "\t\t\t\t\t\"x\":\t1,\n\t\t\t\t\t\"y\":\t[1, 2]\n\t\t\t\t}]],\n"
            + "\t\t\"e\":\t{\n\t\t}\n\t},\n\t\"id\":\t7\n}";
        assertEquals(expected, text(PRETTY.write(RpcReply.of(outer), ID)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{\"inner\":{\"x\":1,\"y\":[1,2]},\"list\":[{\"x\":1,\"y\":[1,2]},"
            + "[{\"x\":1,\"y\":[1,2]}]],\"e\":{}},\"id\":7}", text(COMPACT.write(RpcReply.of(outer), ID)));
    }

    @Test
    void structsWithUnnamedMembersAreArraysAndTheirNamedMembersAreWrapped()
    {
        final RpcStruct unnamed = new RpcStruct(List.of(new RpcStruct.Member(null, RpcInt.of(1)),
            new RpcStruct.Member(null, new RpcString("a"))));
        assertEquals("[1,\"a\"]", compactResult(unnamed));
        final RpcStruct socket = RpcStruct.builder().add("proto", "udp").build();
        final RpcStruct mixed = new RpcStruct(List.of(new RpcStruct.Member("socket", socket),
            new RpcStruct.Member(null, RpcInt.of(2)), new RpcStruct.Member("socket", socket)));
        assertEquals("[{\"socket\":{\"proto\":\"udp\"}},2,{\"socket\":{\"proto\":\"udp\"}}]", compactResult(mixed));
        assertEquals("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t[{\n\t\t\t\"socket\":\t{\n\t\t\t\t\"proto\":\t"
            + "\"udp\"\n\t\t\t}\n\t\t}, 2, {\n\t\t\t\"socket\":\t{\n\t\t\t\t\"proto\":\t\"udp\"\n\t\t\t}\n\t\t}],\n"
            + "\t\"id\":\t7\n}", text(PRETTY.write(RpcReply.of(mixed), ID)));
        final RpcStruct duplicates = RpcStruct.builder().add("a", 1).add("a", 2).build();
        assertEquals("{\"a\":1,\"a\":2}", compactResult(duplicates));
    }

    @Test
    void faultsUseKamailioCodesAndTexts()
    {
        assertEquals(errorObject(500, "Method Not Found"), compactFault(new RpcFault(500, "Method Not Found")));
        assertEquals(errorObject(-32700, "Parse Error"), compactFault(new RpcFault(-32700, "x")));
        assertEquals(errorObject(-32600, "Invalid Request"), compactFault(new RpcFault(-32600, "x")));
        assertEquals(errorObject(-32601, "Method Not Found"), compactFault(new RpcFault(-32601, "x")));
        assertEquals(errorObject(-32602, "Invalid Parameters"), compactFault(new RpcFault(-32602, "x")));
        assertEquals(errorObject(-32603, "Internal Error"), compactFault(new RpcFault(-32603, "x")));
        assertEquals(errorObject(-32000, "Execution Error"), compactFault(new RpcFault(-32000, "x")));
        assertEquals(errorObject(-32000, "Execution Error"), compactFault(new RpcFault(0, "anything")));
        assertEquals(errorObject(-1, "neg"), compactFault(new RpcFault(-1, "neg")));
        final String ascii = "x".repeat(200);
        assertEquals(errorObject(600, "x".repeat(127)), compactFault(new RpcFault(600, ascii)));
        final String accents = "\u00e9".repeat(100);
        assertEquals(errorObject(600, "\u00e9".repeat(63)), compactFault(new RpcFault(600, accents)),
            "cut at 127 bytes without splitting a character");
        final String exact = "a"
                + "\u00e9".repeat(63);
        assertEquals(errorObject(600, exact), compactFault(new RpcFault(600, exact)));
    }

    @Test
    void idsAndRejections()
    {
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":0}",
            text(COMPACT.write(RpcReply.empty(), RequestId.JsonNull.INSTANCE)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":null}",
            text(new JsonRpcResponseWriter(JsonLayout.COMPACT, JsonRpcResponseWriter.NullId.NULL)
                .write(RpcReply.empty(), RequestId.JsonNull.INSTANCE)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":\"a\\\"b\"}",
            text(COMPACT.write(RpcReply.empty(), new RequestId.JsonText("a\"b"))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":-5}",
            text(COMPACT.write(RpcReply.empty(), new RequestId.Cookie(-5))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1234567890123456}",
            text(COMPACT.write(RpcReply.empty(), new RequestId.JsonNumber(1234567890123456.0))));
        assertEquals("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"error\":\t{\n\t\t\"code\":\t-32700,\n\t\t\"message\":\t"
            + "\"Parse Error\"\n\t},\n\t\"id\":\tnull\n}", text(PRETTY.write(JsonRpcReply.parseError())));
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"},\"id\":null}",
            text(COMPACT.write(JsonRpcReply.invalidRequest(new JsonRpcInput.InvalidRequest(
                RequestId.JsonNull.INSTANCE, "x")))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"},\"id\":\"k\"}",
            text(COMPACT.write(JsonRpcReply.invalidRequest(new JsonRpcInput.InvalidRequest(
                new RequestId.JsonText("k"), "x")))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":3}", text(COMPACT.write(new JsonRpcReply.Answer(
            RpcReply.empty(), new RequestId.JsonNumber(3)))));
    }

    @Test
    void batchReplies()
    {
        final List<JsonRpcReply> replies = List.of(new JsonRpcReply.Answer(RpcReply.of(RpcInt.of(1)),
            new RequestId.JsonNumber(1)), JsonRpcReply.invalidRequest(new JsonRpcInput.InvalidRequest(
                RequestId.None.INSTANCE, "x")));
        assertEquals("[{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":1},{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
            + "\"message\":\"Invalid Request\"},\"id\":null}]", text(COMPACT.writeBatch(replies)));
        assertEquals("[{\n\t\t\"jsonrpc\":\t\"2.0\",\n\t\t\"result\":\t1,\n\t\t\"id\":\t1\n\t}, {\n"
            + "\t\t\"jsonrpc\":\t\"2.0\",\n\t\t\"error\":\t{\n\t\t\t\"code\":\t-32600,\n\t\t\t\"message\":\t"
            + "\"Invalid Request\"\n\t\t},\n\t\t\"id\":\tnull\n\t}]", text(PRETTY.writeBatch(replies)));
        final ReceivedReply.Batch back = (ReceivedReply.Batch) JsonRpcResponseParser.parse(PRETTY.writeBatch(replies));
        assertEquals(2, back.replies().size());
    }

    @Test
    void httpStatus()
    {
        assertEquals(new JsonRpcHttpStatus(200, "OK"), JsonRpcHttpStatus.of(RpcReply.empty()));
        assertEquals(new JsonRpcHttpStatus(400, "Unknown event"), JsonRpcHttpStatus.of(new RpcFault(400,
            "Unknown event")));
        assertEquals(new JsonRpcHttpStatus(101, "x"), JsonRpcHttpStatus.of(new RpcFault(101, "x")));
        assertEquals(new JsonRpcHttpStatus(500, "x"), JsonRpcHttpStatus.of(new RpcFault(100, "x")));
        assertEquals(new JsonRpcHttpStatus(500, "x"), JsonRpcHttpStatus.of(new RpcFault(-1, "x")));
        assertEquals(new JsonRpcHttpStatus(999, "x"), JsonRpcHttpStatus.of(new RpcFault(999, "x")));
        assertEquals(new JsonRpcHttpStatus(500, "x"), JsonRpcHttpStatus.of(new RpcFault(1000, "x")));
        assertEquals(new JsonRpcHttpStatus(500, "Execution Error"), JsonRpcHttpStatus.of(new RpcFault(0, "x")));
        assertEquals(new JsonRpcHttpStatus(500, "Method Not Found"), JsonRpcHttpStatus.of(new RpcFault(-32601,
            "x")));
        assertEquals(new JsonRpcHttpStatus(400, "a  b c"), JsonRpcHttpStatus.of(new RpcFault(400, "a\r\nb\tc")));
        assertEquals("HTTP/1.1 500 Parse Error", JsonRpcHttpStatus.of(JsonRpcReply.parseError()).statusLine());
        assertEquals("HTTP/1.1 500 Invalid Request", JsonRpcHttpStatus.of(JsonRpcReply.invalidRequest(
            new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE, "x"))).statusLine());
    }

    private static String errorObject(final int code, final String message)
    {
        return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"id\":7}";
    }

    private static String compactFault(final RpcResponse fault)
    {
        return text(COMPACT.write(fault, ID));
    }

    /** The compact text of {@code value} as a reply's result. */
    private static String compactResult(final RpcValue value)
    {
        final String all = text(COMPACT.write(RpcReply.of(value), RequestId.None.INSTANCE));
        final String prefix = "{\"jsonrpc\":\"2.0\",\"result\":";
        assertEquals(prefix, all.substring(0, prefix.length()));
        assertEquals('}', all.charAt(all.length() - 1));
        return all.substring(prefix.length(), all.length() - 1);
    }

    private static byte[] resultBytes(final RpcValue value)
    {
        final byte[] all = COMPACT.write(RpcReply.of(value), RequestId.None.INSTANCE);
        final int prefix = "{\"jsonrpc\":\"2.0\",\"result\":".length();
        return java.util.Arrays.copyOfRange(all, prefix, all.length - 1);
    }

    private static String text(final byte[] b)
    {
        return new String(b, StandardCharsets.UTF_8);
    }
}
