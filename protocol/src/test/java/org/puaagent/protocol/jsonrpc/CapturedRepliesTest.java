package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every captured reply, the value Kamailio's method produced (read from the captured body with Gson's tree
 * parser, plus the method's RET_ARRAY flag) written with the request's id gives exactly the captured bytes, and
 * over HTTP the same status line. The client parser reads every captured reply back into the same response.
 */
class CapturedRepliesTest
{
    /** Methods exported with RET_ARRAY among the captured ones. */
    private static final Set<String> ARRAY_METHODS = Set.of("core.echo", "core.psx", "system.listMethods",
        "core.sockets_list");
    /** Cases captured with pretty_format=0. */
    private static final int FIRST_COMPACT_CASE = 70;
    /** Cases where Kamailio never answered (empty .rep.http). */
    private static final Set<String> NO_REPLY = Set.of("14", "32", "42", "58");

    @Test
    void everyHttpReplyIsWrittenByteForByteWithItsStatusLine()
    {
        int written = 0;
        for (final Path req : Vectors.files("http", ".req.http"))
        {
            final Path rep = Vectors.sibling(req, ".req.http", ".rep.http");
            final String n = Vectors.caseNumber(req);
            if (Vectors.read(rep).length == 0)
            {
                assertTrue(NO_REPLY.contains(n), "unexpected empty reply " + rep);
                continue;
            }
            final Vectors.HttpMessage request = Vectors.http(req);
            final Vectors.HttpMessage reply = Vectors.http(rep);
            final JsonLayout layout =
                Integer.parseInt(n) >= FIRST_COMPACT_CASE ? JsonLayout.COMPACT : JsonLayout.PRETTY;
            final RpcResponse response = kamailioResponse(request.body(), reply.body());
            final byte[] written1 = JsonRpcResponseWriter.kamailio(layout).write(response, requestId(request.body()));
            assertEquals(text(reply.body()), text(written1), rep.toString());
            assertArrayEquals(reply.body(), written1, rep.toString());
            assertEquals(Integer.toString(written1.length), reply.header("Content-Length"), rep.toString());
            assertEquals(reply.startLine(), JsonRpcHttpStatus.of(response).statusLine(), rep.toString());
            assertEquals(reply.startLine(), JsonRpcHttpStatus.of(new JsonRpcReply.Answer(response,
                requestId(request.body()))).statusLine(), rep.toString());
            written++;
        }
        assertEquals(58, written, "number of captured HTTP replies");
    }

    @Test
    void idsAreEchoedAsKamailioDoes()
    {
        final Map<String, String> expectedIdLine = Map.of(
            "46", "",
            "47", "\t\"id\":\t0\n",
            "48", "\t\"id\":\t1.500000\n",
            "49", "\t\"id\":\t\"abc-1\"\n",
            "50", "\t\"id\":\t12345678901\n");
        for (final Path req : Vectors.files("http", ".req.http"))
        {
            final String n = Vectors.caseNumber(req);
            if (!expectedIdLine.containsKey(n))
            {
                continue;
            }
            final byte[] out = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY).write(
                RpcReply.of(new RpcString("kamailio 5.6.3 (x86_64/linux) ")), requestId(Vectors.http(req).body()));
            final String text = text(out);
            assertEquals("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t\"kamailio 5.6.3 (x86_64/linux) \""
                + (expectedIdLine.get(n).isEmpty() ? "\n}" : ",\n" + expectedIdLine.get(n) + "}"), text, n);
        }
    }

    @Test
    void everyFifoAndDatagramReplyIsWrittenByteForByte()
    {
        int written = 0;
        for (final String dir : List.of("fifo", "dgram"))
        {
            for (final Path req : Vectors.files(dir, ".req.json"))
            {
                final Path rep = Vectors.sibling(req, ".req.json", ".rep.json");
                final byte[] requestBytes = Vectors.read(req);
                final byte[] replyBytes = Vectors.read(rep);
                final RpcResponse response = kamailioResponse(requestBytes, replyBytes);
                final byte[] out = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY).write(response,
                    requestId(requestBytes));
                assertEquals(text(replyBytes), text(out), rep.toString());
                assertArrayEquals(replyBytes, out, rep.toString());
                written++;
            }
        }
        assertEquals(9, written);
    }

    @Test
    void theClientParserReadsEveryCapturedReplyBack()
    {
        final List<byte[]> bodies = new ArrayList<>();
        for (final Path rep : Vectors.files("http", ".rep.http"))
        {
            if (Vectors.read(rep).length > 0)
            {
                bodies.add(Vectors.http(rep).body());
            }
        }
        for (final String dir : List.of("fifo", "dgram"))
        {
            for (final Path rep : Vectors.files(dir, ".rep.json"))
            {
                bodies.add(Vectors.read(rep));
            }
        }
        for (final byte[] body : bodies)
        {
            final ReceivedReply.Answer answer = assertInstanceOf(ReceivedReply.Answer.class,
                JsonRpcResponseParser.parse(body), text(body));
            final JsonObject tree = JsonParser.parseString(text(body)).getAsJsonObject();
            final RequestId expectedId = tree.has("id") ? idOf(tree.get("id")) : RequestId.None.INSTANCE;
            assertEquals(expectedId, answer.id(), text(body));
            final boolean arrayResult = tree.has("result") && tree.get("result").isJsonArray();
            assertEquals(responseFromTree(tree, arrayResult), answer.response(), text(body));
            final JsonLayout layout = body[1] == '\n' ? JsonLayout.PRETTY : JsonLayout.COMPACT;
            assertArrayEquals(body, JsonRpcResponseWriter.kamailio(layout).write(answer.response(), answer.id()),
                text(body));
        }
        assertEquals(58 + 9, bodies.size());
    }

    @Test
    void theClientParserReadsKamctlOutput()
    {
        final ReceivedReply.Answer version = kamctl("01-rpc-core.version.stdout");
        assertEquals(new RequestId.JsonNumber(16513), version.id());
        assertEquals(RpcReply.of(new RpcString("kamailio 5.6.3 (x86_64/linux) ")), version.response());
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-1)"),
            kamctl("03-rpc-pua.send_publish-number-expires.stdout").response());
        assertEquals(RpcReply.empty(), kamctl("04-rpc-pua.send_publish-s-prefix.stdout").response());
        assertEquals(new RpcFault(500, "Internal error: failed to create context"),
            kamctl("05-rpc-pua.publish.stdout").response());
        assertEquals(RpcReply.of(RpcStruct.builder().add("now", "Fri Nov 27 15:04:42 2026")
            .add("up_since", "Fri Nov 27 15:04:39 2026").add("uptime", 3).build()),
            kamctl("07-rpc-core.uptime.stdout").response());
    }

    private static ReceivedReply.Answer kamctl(final String file)
    {
        return assertInstanceOf(ReceivedReply.Answer.class,
            JsonRpcResponseParser.parse(Vectors.read(Vectors.jsonrpc().resolve("kamctl").resolve(file))), file);
    }

    /** The id of the captured request (parsed by the code under test; its own test pins these values). */
    private static RequestId requestId(final byte[] requestBody)
    {
        final JsonRpcInput input = JsonRpcRequestParser.kamailio().parse(requestBody);
        if (input instanceof JsonRpcInput.Batch)
        {
            return RequestId.None.INSTANCE;
        }
        return assertInstanceOf(JsonRpcInput.Call.class, input).request().id();
    }

    /** What Kamailio's method answered, rebuilt from the captured reply body and the method's RET_ARRAY flag. */
    private static RpcResponse kamailioResponse(final byte[] requestBody, final byte[] replyBody)
    {
        final JsonObject request = JsonParser.parseString(text(requestBody)).isJsonObject()
            ? JsonParser.parseString(text(requestBody)).getAsJsonObject() : new JsonObject();
        final String method = request.has("method") ? request.get("method").getAsString() : "";
        final JsonObject reply = JsonParser.parseString(text(replyBody)).getAsJsonObject();
        return responseFromTree(reply, ARRAY_METHODS.contains(method));
    }

    private static RpcResponse responseFromTree(final JsonObject reply, final boolean arrayResult)
    {
        if (reply.has("error"))
        {
            final JsonObject error = reply.getAsJsonObject("error");
            return new RpcFault(error.get("code").getAsInt(), error.get("message").getAsString());
        }
        final JsonElement result = reply.get("result");
        if (arrayResult)
        {
            final List<RpcValue> values = new ArrayList<>();
            for (final JsonElement e : result.getAsJsonArray())
            {
                values.add(value(e));
            }
            return RpcReply.array(values);
        }
        if (result.isJsonObject() && result.getAsJsonObject().size() == 0)
        {
            return RpcReply.empty();
        }
        return RpcReply.of(value(result));
    }

    private static RequestId idOf(final JsonElement id)
    {
        if (id.isJsonNull())
        {
            return RequestId.JsonNull.INSTANCE;
        }
        final JsonPrimitive p = id.getAsJsonPrimitive();
        return p.isString() ? new RequestId.JsonText(p.getAsString()) : new RequestId.JsonNumber(p.getAsDouble());
    }

    static RpcValue value(final JsonElement e)
    {
        if (e.isJsonNull())
        {
            return RpcNull.INSTANCE;
        }
        if (e.isJsonObject())
        {
            final RpcStruct.Builder b = RpcStruct.builder();
            for (final Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet())
            {
                b.add(m.getKey(), value(m.getValue()));
            }
            return b.build();
        }
        if (e.isJsonArray())
        {
            final List<RpcValue> items = new ArrayList<>();
            for (final JsonElement item : (JsonArray) e)
            {
                items.add(value(item));
            }
            return new RpcArray(items);
        }
        final JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean())
        {
            return RpcBool.of(p.getAsBoolean());
        }
        if (p.isString())
        {
            return new RpcString(p.getAsString());
        }
        final double d = p.getAsDouble();
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? RpcInt.of((int) d) : new RpcDouble(d);
    }

    private static String text(final byte[] b)
    {
        return new String(b, StandardCharsets.UTF_8);
    }
}
