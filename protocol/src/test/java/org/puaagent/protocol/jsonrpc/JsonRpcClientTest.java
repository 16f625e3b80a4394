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
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class JsonRpcClientTest
{
    @Test
    void requestsAreCompactWithPositionalParams()
    {
        final List<RpcValue> params = List.of(new RpcString("sip:a@127.0.0.1"), new RpcString("3600"),
            RpcInt.of(-1), new RpcDouble(0.1), new RpcDouble(1e-7), new RpcDouble(3.0), new RpcDouble(1e300),
            RpcBool.TRUE, RpcNull.INSTANCE, new RpcBytes(new byte[] {'b'}), RpcArray.of(),
            RpcStruct.builder().add("k", "v").build());
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"pua.publish\",\"params\":[\"sip:a@127.0.0.1\",\"3600\",-1,0.1,"
            + "1.0E-7,3,1.0E300,true,null,\"b\",[],{\"k\":\"v\"}],\"id\":1}",
            text(JsonRpcRequestEncoder.encode(new RpcRequest("pua.publish", params, new RequestId.JsonNumber(1)))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"core.version\",\"reply_name\":\"r_1\",\"id\":\"x\"}",
            text(JsonRpcRequestEncoder.encode(new RpcRequest("core.version", List.of(),
                new RequestId.JsonText("x")), "r_1")));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}", text(JsonRpcRequestEncoder.encode(new RpcRequest("m",
            List.of(), RequestId.None.INSTANCE))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":null}", text(JsonRpcRequestEncoder.encode(
            new RpcRequest("m", List.of(), RequestId.JsonNull.INSTANCE))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1.5}", text(JsonRpcRequestEncoder.encode(
            new RpcRequest("m", List.of(), new RequestId.JsonNumber(1.5)))));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":77}", text(JsonRpcRequestEncoder.encode(
            new RpcRequest("m", List.of(), new RequestId.Cookie(77)))));
    }

    @Test
    void encodedRequestsParseBackOnTheServerSide()
    {
        final RpcRequest request = new RpcRequest("pua.subscribe", List.of(new RpcString("sip:p@127.0.0.1"),
            new RpcString("sip:w@127.0.0.1"), new RpcString("presence"), RpcInt.of(3600)),
            new RequestId.JsonText("s-1"));
        final JsonRpcInput.Call call = assertInstanceOf(JsonRpcInput.Call.class,
            JsonRpcRequestParser.kamailio().parse(JsonRpcRequestEncoder.encode(request, "reply")));
        assertEquals(request, call.request());
        assertEquals("reply", call.replyName());
        assertEquals(VersionMember.VALID, call.version());
    }

    @Test
    void emptyScalarAndBrokenRepliesAreMalformed()
    {
        assertEquals(new ReceivedReply.Malformed("the reply is not an object"),
            JsonRpcResponseParser.parse(new byte[0]));
        assertEquals(new ReceivedReply.Malformed("the reply is not an object"),
            JsonRpcResponseParser.parse("  \"text\"".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(ReceivedReply.Malformed.class,
            JsonRpcResponseParser.parse("{\"result\": [1, ".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void repliesAreRead()
    {
        assertEquals(new ReceivedReply.Answer(new RequestId.JsonNumber(2), RpcReply.of(RpcStruct.builder()
            .add("SIP-ETag", "a.1").add("Expires", 3600).build())), reply("{\"jsonrpc\":\"2.0\",\"result\":"
                + "{\"SIP-ETag\":\"a.1\",\"Expires\":3600},\"id\":2}"));
        assertEquals(new ReceivedReply.Answer(RequestId.None.INSTANCE, RpcReply.empty()),
            reply("{\"jsonrpc\":\"2.0\",\"result\":{}}"));
        assertEquals(new ReceivedReply.Answer(new RequestId.JsonText("a"), RpcReply.array(List.of(
            new RpcString("x")))), reply("{\"result\":[\"x\"],\"id\":\"a\"}"));
        assertEquals(new ReceivedReply.Answer(RequestId.JsonNull.INSTANCE, new RpcFault(-32700, "Parse Error")),
            reply("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse Error\"},\"id\":null}"));
        assertEquals(new ReceivedReply.Answer(RequestId.None.INSTANCE, new RpcFault(7, "")),
            reply("{\"error\":{\"code\":7}}"));
        assertEquals(new ReceivedReply.Answer(RequestId.None.INSTANCE, RpcReply.of(RpcNull.INSTANCE)),
            reply("{\"result\":null}"));
    }

    @Test
    void malformedReplies()
    {
        for (final String text : List.of("", "x", "[", "5", "{}", "{\"id\":1}", "{\"error\":{\"code\":\"1\"}}",
            "{\"error\":{\"code\":1.5}}", "{\"error\":[1]}", "{\"result\":1,\"id\":{}}"))
        {
            assertInstanceOf(ReceivedReply.Malformed.class, JsonRpcResponseParser.parse(text.getBytes(
                StandardCharsets.UTF_8)), text);
        }
        final ReceivedReply.Batch batch = assertInstanceOf(ReceivedReply.Batch.class, JsonRpcResponseParser.parse(
            "[{\"result\":1}, 2]".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(ReceivedReply.Answer.class, batch.replies().get(0));
        assertInstanceOf(ReceivedReply.Malformed.class, batch.replies().get(1));
    }

    private static ReceivedReply reply(final String text)
    {
        return JsonRpcResponseParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(final byte[] b)
    {
        return new String(b, StandardCharsets.UTF_8);
    }
}
