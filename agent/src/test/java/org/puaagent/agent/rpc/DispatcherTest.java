package org.puaagent.agent.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;

class DispatcherTest
{
    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private final List<RpcResponse> answers = new ArrayList<>();

    private void call(final String method, final TransportKind transport)
    {
        dispatcher.dispatch(new RpcRequest(method, List.of(new RpcString("a")), RequestId.None.INSTANCE), transport,
            answers::add);
    }

    @Test
    void unknownMethodIsWordedAsKamailioWordsItPerTransport()
    {
        call("no.such", TransportKind.BINRPC_STREAM);
        call("no.such", TransportKind.JSONRPC_HTTP);
        assertEquals(List.of(new RpcFault(500, "command no.such not found"), new RpcFault(500, "Method Not Found")),
            answers);
        assertEquals(2, counters.get("errors.method_not_found"));
    }

    @Test
    void aMethodThatThrowsStillAnswersOnce()
    {
        dispatcher.register(new MethodEntry("boom", "h", "", false, c ->
        {
            throw new IllegalStateException("bug");
        }));
        call("boom", TransportKind.BINRPC_STREAM);
        assertEquals(List.of(new RpcFault(500, "Internal error: IllegalStateException")), answers);
        assertEquals(1, counters.get("errors.internal"));
    }

    @Test
    void aSecondAnswerIsDroppedAndCounted()
    {
        dispatcher.register(new MethodEntry("twice", "h", "", false, c ->
        {
            c.empty();
            assertFalse(c.fault(500, "again"));
        }));
        call("twice", TransportKind.JSONRPC_FIFO);
        assertEquals(List.of(RpcReply.empty()), answers);
        assertEquals(1, counters.get("errors.duplicate_reply"));
    }

    @Test
    void arrayMethodsAnswerAnArrayResultAndRequestsAreCountedPerMethodAndTransport()
    {
        dispatcher.register(new MethodEntry("echo", "h", "", true, c -> c.reply(RpcReply.of(new RpcString("x")))));
        call("echo", TransportKind.JSONRPC_HTTP);
        call("echo", TransportKind.JSONRPC_HTTP);
        assertEquals(RpcReply.array(List.of(new RpcString("x"))), answers.get(0));
        assertEquals(2, counters.get("requests.jsonrpc_http.echo"));
        assertEquals(2, counters.get("requests.jsonrpc_http"));
    }
}
