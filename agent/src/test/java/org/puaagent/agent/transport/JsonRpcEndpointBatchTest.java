package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.MethodEntry;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.jsonrpc.JsonLayout;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseWriter;
import org.puaagent.protocol.jsonrpc.VersionPolicy;

/** A JSON-RPC batch beyond the limit gets one error reply and runs nothing; up to the limit every call runs. */
class JsonRpcEndpointBatchTest
{
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"method\":\"count\",\"id\":1}";

    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private final AtomicInteger ran = new AtomicInteger();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(dispatcher,
        new JsonRpcRequestParser(VersionPolicy.KAMAILIO, false, 5), JsonRpcResponseWriter.kamailio(JsonLayout.COMPACT));

    JsonRpcEndpointBatchTest()
    {
        dispatcher.register(new MethodEntry("count", "h", "", false, call ->
        {
            ran.incrementAndGet();
            call.empty();
        }));
    }

    private List<JsonRpcEndpoint.Answer> handle(final int calls)
    {
        final byte[] document = ("[" + String.join(",", Collections.nCopies(calls, CALL)) + "]")
            .getBytes(StandardCharsets.UTF_8);
        final List<JsonRpcEndpoint.Answer> answers = new ArrayList<>();
        endpoint.handle(document, TransportKind.JSONRPC_HTTP, answers::add);
        return answers;
    }

    @Test
    void aBatchBeyondTheLimitGetsOneFault413AndRunsNothing()
    {
        final List<JsonRpcEndpoint.Answer> answers = handle(6);
        assertEquals(1, answers.size());
        final String body = new String(answers.get(0).body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"code\":413"), body);
        assertTrue(body.contains("Request Entity Too Large: more than 5 requests in one batch"), body);
        assertTrue(body.contains("\"id\":null"), body);
        assertEquals(413, answers.get(0).status().code(), "the HTTP status is the fault code");
        assertNull(answers.get(0).replyName());
        assertEquals(0, ran.get(), "nothing of the batch ran");
        assertEquals(1, counters.get("errors.json_batch_too_large"));
    }

    @Test
    void aBatchUpToTheLimitRunsEveryCall()
    {
        final List<JsonRpcEndpoint.Answer> answers = handle(5);
        assertEquals(1, answers.size());
        assertEquals(200, answers.get(0).status().code());
        assertEquals(5, ran.get());
        assertEquals(0, counters.get("errors.json_batch_too_large"));
    }
}
