package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonRpcRequestParserTest
{
    private static final RpcString DOT = new RpcString(".");

    @Test
    void valuesAreTyped()
    {
        assertEquals(List.of(RpcInt.of(1), RpcInt.of(1), RpcInt.of(1000), RpcInt.of(0), RpcInt.of(Integer.MAX_VALUE),
            RpcInt.of(Integer.MIN_VALUE), new RpcDouble(2147483648.0), new RpcDouble(1.5), new RpcDouble(-1e-7),
            new RpcDouble(Double.POSITIVE_INFINITY), RpcBool.TRUE, RpcBool.FALSE, RpcNull.INSTANCE,
            new RpcString("\u00e9\n\u2603"), RpcArray.of(RpcInt.of(1), RpcArray.of()),
            RpcStruct.builder().add("a", RpcStruct.builder().build()).add("a", 2).build()),
            params("[1, 1.0, 1e3, -0, 2147483647, -2147483648, 2147483648, 1.5, -1e-7, 1e400, true, false, null,"
                + " \"\\u00e9\\n\u2603\", [1, []], {\"a\": {}, \"a\": 2}]"));
    }

    @Test
    void paramsOfAnotherTypeAreNoParams()
    {
        for (final String p : List.of("\"x\"", "1", "null", "true"))
        {
            assertEquals(List.of(), params(p), p);
        }
        assertEquals(List.of(), call("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}").request().params());
    }

    @Test
    void objectParamsOfOtherMethodsArePositionalInDocumentOrder()
    {
        assertEquals(List.of(new RpcString("x"), RpcInt.of(2)), call("{\"jsonrpc\":\"2.0\",\"method\":\"core.echo\","
            + "\"params\":{\"b\":\"x\",\"a\":2}}").request().params());
        assertEquals(List.of(new RpcString("x"), RpcInt.of(2)), call("{\"jsonrpc\":\"2.0\",\"method\":\"core.echo\","
            + "\"params\":{\"expires\":\"x\",\"uri\":2}}").request().params(), "names only count for pua methods");
    }

    @Test
    void namedPublishParamsGoToTheirPositions()
    {
        final String body = "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"id\":1,\"params\":{\"body\":\"B\","
            + "\"event_package\":\"presence\",\"expires\":\"60\",\"presentity_uri\":\"sip:a@127.0.0.1\","
            + "\"etag\":\"E\"}}";
        final List<RpcValue> expected = List.of(s("sip:a@127.0.0.1"), s("60"), s("presence"), DOT, DOT, s("E"), DOT,
            DOT, s("B"));
        assertEquals(expected, call(String.format(body, "pua.publish")).request().params());
        assertEquals(expected, call(String.format(body, "pua.send_publish")).request().params());
        assertEquals(List.of(s("sip:a@127.0.0.1"), s("60"), s("presence"), DOT, DOT, s("E"), DOT, s("B")),
            call(String.format(body, "pua_publish")).request().params(), "MI layout without the proxy line");
        final JsonRpcInput withProxyLine = new JsonRpcRequestParser(VersionPolicy.KAMAILIO, true)
            .parse(utf8(String.format(body, "pua_publish")));
        assertEquals(expected, assertInstanceOf(JsonRpcInput.Call.class, withProxyLine).request().params());
    }

    @Test
    void namedPublishWithoutBodyEndsAfterTheHeaders()
    {
        assertEquals(List.of(s("sip:a@127.0.0.1"), RpcInt.of(0), s("reg"), s("t"), s("i"), DOT, s("sip:p"),
            s("X: y\r\n")), publishParams("{\"uri\":\"sip:a@127.0.0.1\",\"expires\":0,\"event\":\"reg\","
                + "\"content_type\":\"t\",\"id\":\"i\",\"outbound_proxy\":\"sip:p\","
                + "\"extra_headers\":\"X: y\\r\\n\"}"));
    }

    @Test
    void namedParamsStopAtTheFirstMissingMandatoryOne()
    {
        assertEquals(List.of(s("sip:a@127.0.0.1")), publishParams("{\"event\":\"presence\",\"uri\":\"sip:a@127.0.0.1\","
            + "\"body\":\"B\"}"));
        assertEquals(List.of(), publishParams("{\"expires\":\"1\"}"));
        assertEquals(List.of(), publishParams("{}"));
    }

    @Test
    void unknownOrRepeatedNamesFallBackToDocumentOrder()
    {
        assertEquals(List.of(s("E"), s("sip:a"), s("1")), publishParams("{\"event\":\"E\",\"uri\":\"sip:a\","
            + "\"expiry\":\"1\"}"));
        assertEquals(List.of(s("sip:a"), s("sip:b")), publishParams("{\"uri\":\"sip:a\",\"presentity\":\"sip:b\"}"));
        assertEquals(List.of(s("sip:a"), s("sip:b")), publishParams("{\"Uri\":\"sip:a\",\"presentity\":\"sip:b\"}"),
            "names are case-sensitive");
    }

    @Test
    void namedSubscribeParams()
    {
        final String body = "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":{\"expires\":3600,\"event\":\"dialog\","
            + "\"watcher_uri\":\"sip:w@127.0.0.1\",\"presentity\":\"sip:p@127.0.0.1\"}}";
        final List<RpcValue> expected = List.of(s("sip:p@127.0.0.1"), s("sip:w@127.0.0.1"), s("dialog"),
            RpcInt.of(3600));
        assertEquals(expected, call(String.format(body, "pua.subscribe")).request().params());
        assertEquals(expected, call(String.format(body, "pua_subscribe")).request().params());
        assertEquals(List.of(s("sip:p")), call("{\"jsonrpc\":\"2.0\",\"method\":\"pua.subscribe\",\"params\":"
            + "{\"presentity\":\"sip:p\",\"event\":\"dialog\",\"expires\":1}}").request().params());
    }

    @Test
    void ids()
    {
        assertEquals(RequestId.None.INSTANCE, id("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}"));
        assertEquals(RequestId.JsonNull.INSTANCE, id("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":null}"));
        assertEquals(new RequestId.JsonText(""), id("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"\"}"));
        assertEquals(new RequestId.JsonNumber(-3), id("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":-3}"));
        assertEquals(new RequestId.JsonNumber(1), id("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":2}"),
            "the first member of a name counts");
        for (final String bad : List.of("true", "{}", "[1]", "{\"a\":[1]}"))
        {
            final JsonRpcInput.InvalidRequest invalid = assertInstanceOf(JsonRpcInput.InvalidRequest.class,
                parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":" + bad + "}"), bad);
            assertEquals(RequestId.None.INSTANCE, invalid.id());
        }
    }

    @Test
    void methodMustBeAString()
    {
        final JsonRpcInput.InvalidRequest invalid = assertInstanceOf(JsonRpcInput.InvalidRequest.class,
            parse("{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":\"x\"}"));
        assertEquals(new RequestId.JsonText("x"), invalid.id());
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, parse("{\"jsonrpc\":\"2.0\",\"id\":1}"));
    }

    @Test
    void anInvalidRequestKeepsItsReplyNameSoThatAFifoClientIsAnswered()
    {
        final JsonRpcInput.InvalidRequest noMethod = assertInstanceOf(JsonRpcInput.InvalidRequest.class,
            parse("{\"jsonrpc\":\"2.0\",\"reply_name\":\"kamailio_rpc_reply.fifo\",\"id\":3}"));
        assertEquals("kamailio_rpc_reply.fifo", noMethod.replyName());
        final JsonRpcInput.InvalidRequest badId = assertInstanceOf(JsonRpcInput.InvalidRequest.class,
            parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":[1],\"reply_name\":\"r\"}"));
        assertEquals("r", badId.replyName());
        assertEquals(null, assertInstanceOf(JsonRpcInput.InvalidRequest.class, parse("[]")).replyName());
    }

    @Test
    void versionPolicies()
    {
        final String missing = "{\"method\":\"m\",\"id\":1}";
        final String wrong = "{\"jsonrpc\":2.0,\"method\":\"m\",\"id\":1}";
        final String other = "{\"jsonrpc\":\"1.0\",\"method\":\"m\",\"id\":1}";
        assertEquals(VersionMember.MISSING, call(missing).version());
        assertEquals(VersionMember.WRONG, call(wrong).version());
        assertEquals(VersionMember.WRONG, call(other).version());
        final JsonRpcRequestParser rejectMissing = new JsonRpcRequestParser(VersionPolicy.REJECT_MISSING, false);
        assertEquals(new JsonRpcInput.InvalidRequest(new RequestId.JsonNumber(1), "the jsonrpc member is missing"),
            rejectMissing.parse(utf8(missing)));
        assertEquals(VersionMember.WRONG, ((JsonRpcInput.Call) rejectMissing.parse(utf8(other))).version());
        final JsonRpcRequestParser strict = new JsonRpcRequestParser(VersionPolicy.STRICT, false);
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, strict.parse(utf8(missing)));
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, strict.parse(utf8(wrong)));
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, strict.parse(utf8(other)));
        assertEquals(VersionMember.VALID, ((JsonRpcInput.Call) strict.parse(utf8("{\"jsonrpc\":\"2.0\","
            + "\"jsonrpc\":\"1.0\",\"method\":\"m\"}"))).version());
    }

    @Test
    void batches()
    {
        final JsonRpcInput.Batch batch = assertInstanceOf(JsonRpcInput.Batch.class, parse("[{\"jsonrpc\":\"2.0\","
            + "\"method\":\"a\",\"id\":1}, 5, [], {\"jsonrpc\":\"2.0\",\"method\":\"b\"}, {\"id\":3}]"));
        assertEquals(5, batch.elements().size());
        assertEquals("a", ((JsonRpcInput.Call) batch.elements().get(0)).request().method());
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, batch.elements().get(1));
        assertInstanceOf(JsonRpcInput.InvalidRequest.class, batch.elements().get(2));
        assertEquals("b", ((JsonRpcInput.Call) batch.elements().get(3)).request().method());
        assertEquals(new RequestId.JsonNumber(3), ((JsonRpcInput.InvalidRequest) batch.elements().get(4)).id());
        assertEquals(new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE, "empty batch"), parse(" [ ] "));
        assertInstanceOf(JsonRpcInput.ParseError.class, parse("[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}, {]"));
    }

    @Test
    void aBatchBeyondTheLimitIsOneValueAndTheRestIsNotRead()
    {
        final JsonRpcRequestParser three = new JsonRpcRequestParser(VersionPolicy.KAMAILIO, false, 3);
        final String call = "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}";
        assertEquals(3, assertInstanceOf(JsonRpcInput.Batch.class,
            three.parse(utf8("[" + call + "," + call + ",5]"))).elements().size(), "three elements are allowed");
        assertEquals(new JsonRpcInput.BatchTooLarge(3), three.parse(utf8("[" + call + "," + call + "," + call + ","
            + call + "]")));
        assertEquals(new JsonRpcInput.BatchTooLarge(3), three.parse(utf8("[1,2,3,4, {\"unfinished")),
            "parsing stops at the fourth element");
        assertEquals(3, three.maxBatch());

        final String thousand = "[" + String.join(",", java.util.Collections.nCopies(1000, call));
        assertInstanceOf(JsonRpcInput.Batch.class, parse(thousand + "]"), "the default allows 1000");
        assertEquals(new JsonRpcInput.BatchTooLarge(JsonRpcRequestParser.DEFAULT_MAX_BATCH),
            parse(thousand + "," + call + "]"));
        assertThrows(IllegalArgumentException.class, () -> new JsonRpcRequestParser(VersionPolicy.KAMAILIO, false, 0));
    }

    @Test
    void invalidAndEmptyInput()
    {
        for (final String text : List.of("", " \n\t", "this is not json", "{", "{\"a\":}", "{\"method\":\"m\",}",
            "{'method':'m'}", "[01]", "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[NaN]}"))
        {
            assertInstanceOf(JsonRpcInput.ParseError.class, parse(text), text);
        }
        for (final String text : List.of("\"x\"", "42", "null", "true"))
        {
            assertEquals(RequestId.None.INSTANCE, assertInstanceOf(JsonRpcInput.InvalidRequest.class, parse(text),
                text).id());
        }
    }

    @Test
    void aBackslashBeforeAnyOtherCharacterStandsForThatCharacterAsInKamailio()
    {
        // Kamailio 5.6.3 core.echo over jsonrpcs: ["a\qb"] -> ["aqb"], ["a\'b"] -> ["a'b"]
        assertEquals(List.of(new RpcString("aqb"), new RpcString("a'b"), new RpcString("a/bA\n\"")),
            params("[\"a\\qb\", \"a\\'b\", \"a\\/b\\u0041\\n\\\"\"]"));
        assertInstanceOf(JsonRpcInput.ParseError.class, parse("{\"method\":\"m\", \"params\":[\"a\\\"]}"));
    }

    @Test
    void kamailioWhitespaceAndTrailingBytes()
    {
        final JsonRpcInput.Call c = call("\u000b\f{\u0001\"jsonrpc\"\u0000:\"2.0\",\"method\":\"m\u0001\"} trailing");
        assertEquals("m\u0001", c.request().method(), "control characters inside strings stay");
        assertEquals(VersionMember.VALID, c.version());
        assertEquals("m", call("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}}{").request().method());
    }

    @Test
    void longIntegerLiteralsAreNumbers()
    {
        final String big = "-6735703999999999822224103301745133026519133175019413137077141144583174537913567020917352"
            + "4790908701582737295621792224440046930231357227443159040";
        assertEquals(List.of(new RpcDouble(1e65), new RpcDouble(Double.parseDouble(big)), new RpcDouble(1e300),
            new RpcDouble(1.5e25), new RpcDouble(1e20), new RpcDouble(1e17), new RpcDouble(1234567890123456789.0),
            new RpcDouble(12345678901234567890.0), new RpcString("1" + "0".repeat(70))),
            params("[1" + "0".repeat(65) + ", " + big + ", " + KamailioNumbers.format(1e300) + ", "
                + "15" + "0".repeat(23) + ".000e+1, 1" + "0".repeat(30) + "E-10, 1" + "0".repeat(20) + "e-3, "
                + "1234567890123456789, 12345678901234567890, \"1" + "0".repeat(70) + "\"]"));
        assertEquals(new RequestId.JsonNumber(1e70), id("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1"
            + "0".repeat(70) + "}"));
        for (final String invalid : List.of("0" + "0".repeat(30), "1" + "0".repeat(30) + ".", "1" + "0".repeat(30)
            + "e", "1" + "0".repeat(30) + "x", "1" + "0".repeat(30) + "e1234567890"))
        {
            final JsonRpcInput in = parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[" + invalid + "]}");
            if (invalid.endsWith("e1234567890"))
            {
                assertInstanceOf(JsonRpcInput.Call.class, in, invalid);
            }
            else
            {
                assertInstanceOf(JsonRpcInput.ParseError.class, in, invalid);
            }
        }
    }

    @Test
    void replyName()
    {
        assertEquals("r1", call("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"reply_name\":\"r1\"}").replyName());
        assertNull(call("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"reply_name\":1}").replyName());
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters()
    {
        final byte[] bytes = {'[', '"', (byte) 0xC3, '"', ',', '"', (byte) 0xFF, 'a', '"', ']'};
        final byte[] doc = utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + "X" + "}");
        final byte[] full = new byte[doc.length - 1 + bytes.length];
        final int x = new String(doc, StandardCharsets.UTF_8).indexOf('X');
        System.arraycopy(doc, 0, full, 0, x);
        System.arraycopy(bytes, 0, full, x, bytes.length);
        System.arraycopy(doc, x + 1, full, x + bytes.length, doc.length - x - 1);
        assertEquals(List.of(s("\uFFFD"), s("\uFFFDa")), ((JsonRpcInput.Call) JsonRpcRequestParser.kamailio()
            .parse(full)).request().params());
    }

    @Test
    void nestingIsBounded()
    {
        final int limit = JsonRpcRequestParser.MAX_NESTING;
        final String ok = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + "[".repeat(limit - 1)
            + "]".repeat(limit - 1) + "}";
        assertInstanceOf(JsonRpcInput.Call.class, parse(ok));
        final String tooDeep = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + "[".repeat(limit)
            + "]".repeat(limit) + "}";
        assertInstanceOf(JsonRpcInput.ParseError.class, parse(tooDeep));
        assertInstanceOf(JsonRpcInput.ParseError.class, parse("{\"x\":" + "[".repeat(200_000)));
        assertInstanceOf(JsonRpcInput.ParseError.class, parse("[".repeat(200_000) + "]".repeat(200_000)));
    }

    @Test
    void parsesASliceOfABuffer()
    {
        final byte[] b = utf8("xx{\"jsonrpc\":\"2.0\",\"method\":\"m\"}yy");
        assertEquals("m", ((JsonRpcInput.Call) JsonRpcRequestParser.kamailio().parse(b, 2, b.length - 4)).request()
            .method());
    }

    private static List<RpcValue> publishParams(final String object)
    {
        return call("{\"jsonrpc\":\"2.0\",\"method\":\"pua.publish\",\"params\":" + object + "}").request().params();
    }

    private static List<RpcValue> params(final String params)
    {
        return call("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + ",\"id\":1}").request().params();
    }

    private static RequestId id(final String text)
    {
        return call(text).request().id();
    }

    private static JsonRpcInput.Call call(final String text)
    {
        return assertInstanceOf(JsonRpcInput.Call.class, parse(text), text);
    }

    private static JsonRpcInput parse(final String text)
    {
        return JsonRpcRequestParser.kamailio().parse(utf8(text));
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RpcString s(final String v)
    {
        return new RpcString(v);
    }
}
