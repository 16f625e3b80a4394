package org.puaagent.agent.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcResponse;

/**
 * The method table and the one entry every transport calls: {@link #dispatch}.
 *
 * <p>It counts the request (per method and transport), finds the method, and guarantees one answer: an
 * unknown method gets Kamailio's fault for that transport (binrpc {@code 500 command X not found}, JSON-RPC
 * {@code 500 Method Not Found}); a method that throws gets {@code 500 Internal error} unless it has already
 * answered. The JSON result shape (Kamailio's RET_ARRAY) is taken from the table, so methods need not care.
 *
 * <p>Threading: the table is filled before the transports start ({@link #register}, one thread) and is only
 * read afterwards; {@link #dispatch} may be called from any thread.
 */
public final class Dispatcher
{
    private final Map<String, MethodEntry> methods = new LinkedHashMap<>();
    /** Per method, the request counter of each transport (index: {@link TransportKind#ordinal()}). */
    private final Map<String, LongAdder[]> methodCounters = new HashMap<>();
    private final LongAdder[] transportCounters = new LongAdder[TransportKind.values().length];
    private final AgentCounters counters;

    public Dispatcher(final AgentCounters counters)
    {
        this.counters = counters;
        for (final TransportKind t : TransportKind.values())
        {
            transportCounters[t.ordinal()] = counters.adder("requests." + t.counterName());
        }
    }

    public AgentCounters counters()
    {
        return counters;
    }

    /** Adds a method; a later registration of the same name replaces the earlier one. Setup only. */
    public Dispatcher register(final MethodEntry entry)
    {
        methods.put(entry.name(), entry);
        final LongAdder[] perTransport = new LongAdder[TransportKind.values().length];
        for (final TransportKind t : TransportKind.values())
        {
            perTransport[t.ordinal()] = counters.adder("requests." + t.counterName() + "." + entry.name());
        }
        methodCounters.put(entry.name(), perTransport);
        return this;
    }

    public MethodEntry method(final String name)
    {
        return methods.get(name);
    }

    /** Every method, in registration order. */
    public Collection<MethodEntry> methods()
    {
        return Collections.unmodifiableCollection(methods.values());
    }

    /** The names of every method, in registration order. */
    public List<String> methodNames()
    {
        return new ArrayList<>(methods.keySet());
    }

    /**
     * Runs one request. {@code sink} receives exactly one response, on whichever thread answers (the caller's
     * for synchronous methods, the pipeline owner's for SIP outcomes).
     */
    public void dispatch(final RpcRequest request, final TransportKind transport, final Consumer<RpcResponse> sink)
    {
        final MethodEntry entry = methods.get(request.method());
        transportCounters[transport.ordinal()].increment();
        if (null == entry)
        {
            counters.increment("errors.method_not_found");
            final RpcCall call = new RpcCall(request, transport, sink, counters);
            call.reply(notFound(request.method(), transport));
            return;
        }
        methodCounters.get(entry.name())[transport.ordinal()].increment();
        final Consumer<RpcResponse> shaped = entry.arrayResult() ? r -> sink.accept(asArray(r)) : sink;
        final RpcCall call = new RpcCall(request, transport, shaped, counters);
        try
        {
            entry.body().invoke(call);
        }
        catch (final RuntimeException ex)
        {
            counters.increment("errors.internal");
            if (!call.answered())
            {
                call.reply(new RpcFault(500, "Internal error: " + ex.getClass().getSimpleName()));
            }
        }
    }

    private static RpcResponse asArray(final RpcResponse response)
    {
        if (response instanceof RpcReply reply && !reply.arrayResult())
        {
            return RpcReply.array(reply.values());
        }
        return response;
    }

    /** The fault Kamailio sends for an unknown method on that transport. */
    public static RpcFault notFound(final String method, final TransportKind transport)
    {
        switch (transport)
        {
            case BINRPC_STREAM:
            case BINRPC_DATAGRAM:
                return new RpcFault(500, "command " + method + " not found");
            default:
                return new RpcFault(500, "Method Not Found");
        }
    }
}
