package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** Random value trees survive writer then parser, up to the normalisation the spec's rules imply. */
class JsonRoundTripPropertyTest
{
    private static final long SEED = 20_260_127L;
    private static final int REPLY_TREES = 100_000;
    private static final int REQUESTS = 30_000;
    private static final int MAX_PARAMS = 6;

    @Test
    void replyValuesRoundTripInBothLayouts()
    {
        final Random random = new Random(SEED);
        final RandomValues values = new RandomValues(random, true);
        final JsonRpcResponseWriter pretty = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY);
        final JsonRpcResponseWriter compact = JsonRpcResponseWriter.kamailio(JsonLayout.COMPACT);
        for (int i = 0; i < REPLY_TREES; i++)
        {
            final int tree = i;
            final RpcValue value = values.value(0);
            final RequestId id = values.id();
            final RpcValue expected = RandomValues.normalise(value, true);
            final RequestId expectedId = RandomValues.normalise(id, true);
            for (final JsonRpcResponseWriter writer : List.of(pretty, compact))
            {
                final byte[] json = writer.write(RpcReply.of(value), id);
                final ReceivedReply back = JsonRpcResponseParser.parse(json);
                if (!(back instanceof ReceivedReply.Answer answer))
                {
                    fail("seed " + SEED + " tree " + tree + ": " + back + " for " + text(json));
                    return;
                }
                assertEquals(expectedId, answer.id(), () -> "seed " + SEED + " tree " + tree + ": " + text(json));
                assertEquals(expected, resultValue((RpcReply) answer.response()),
                    () -> "seed " + SEED + " tree " + tree + " " + writer.layout() + ": " + text(json));
            }
        }
    }

    @Test
    void requestsRoundTripThroughEncoderAndParser()
    {
        final Random random = new Random(SEED + 1);
        final RandomValues values = new RandomValues(random, false);
        for (int i = 0; i < REQUESTS; i++)
        {
            final List<RpcValue> params = new ArrayList<>();
            final List<RpcValue> expected = new ArrayList<>();
            final int n = random.nextInt(MAX_PARAMS);
            for (int p = 0; p < n; p++)
            {
                final RpcValue v = values.value(1);
                params.add(v);
                expected.add(RandomValues.normalise(v, false));
            }
            final String method = "m." + RandomValues.wellFormed(values.string());
            final RequestId id = values.id();
            final String replyName = random.nextBoolean() ? null : values.string();
            final byte[] json = JsonRpcRequestEncoder.encode(new RpcRequest(method, params, id), replyName);
            final int index = i;
            final JsonRpcInput.Call call = assertInstanceOf(JsonRpcInput.Call.class,
                JsonRpcRequestParser.kamailio().parse(json), () -> "seed " + SEED + " request " + index);
            assertEquals(new RpcRequest(method, expected, RandomValues.normalise(id, false)), call.request(),
                () -> "seed " + SEED + " request " + index + ": " + text(json));
            assertEquals(replyName == null ? null : RandomValues.wellFormed(replyName), call.replyName());
        }
    }

    /** The result a reply stands for, independent of how the client parser shaped the RpcReply. */
    private static RpcValue resultValue(final RpcReply reply)
    {
        if (reply.arrayResult())
        {
            return new RpcArray(reply.values());
        }
        return reply.values().isEmpty() ? new RpcStruct(List.of()) : reply.values().get(reply.values().size() - 1);
    }

    private static String text(final byte[] b)
    {
        return new String(b, StandardCharsets.UTF_8);
    }
}
