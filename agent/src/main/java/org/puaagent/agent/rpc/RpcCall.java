package org.puaagent.agent.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcResponse;

/**
 * One accepted request on its way through the agent, and the only way to answer it.
 *
 * <p>The agent's promise is that every accepted request gets exactly one reply: {@link #reply} lets the first
 * answer through to the transport and counts (and drops) any later one, so a bug can never make a client
 * read two replies. Threading: any thread may call {@link #reply}; the transport's sink is called on the
 * thread that answers first and must hop to the transport's own thread if it needs to.
 */
public final class RpcCall
{
    private final RpcRequest request;
    private final TransportKind transport;
    private final Consumer<RpcResponse> sink;
    private final AgentCounters counters;
    private final AtomicInteger replies = new AtomicInteger();

    public RpcCall(final RpcRequest request, final TransportKind transport, final Consumer<RpcResponse> sink,
        final AgentCounters counters)
    {
        this.request = request;
        this.transport = transport;
        this.sink = sink;
        this.counters = counters;
    }

    public RpcRequest request()
    {
        return request;
    }

    public TransportKind transport()
    {
        return transport;
    }

    /** Answers the call; returns false (and counts it) if it was already answered. */
    public boolean reply(final RpcResponse response)
    {
        if (replies.getAndIncrement() != 0)
        {
            counters.increment("errors.duplicate_reply");
            return false;
        }
        if (response instanceof RpcFault fault)
        {
            counters.increment("replies.fault." + fault.code());
        }
        else
        {
            counters.repliesOk().increment();
        }
        sink.accept(response);
        return true;
    }

    public boolean fault(final int code, final String message)
    {
        return reply(new RpcFault(code, message));
    }

    public boolean empty()
    {
        return reply(RpcReply.empty());
    }

    /** Whether an answer has been given. */
    public boolean answered()
    {
        return replies.get() != 0;
    }
}
