package org.puaagent.protocol.jsonrpc;

import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcResponse;

/**
 * One reply object to write: a method's answer to a call, or the agent's rejection of input it could not run.
 * Immutable.
 */
public sealed interface JsonRpcReply permits JsonRpcReply.Answer, JsonRpcReply.Rejection
{
    /**
     * What a method (or the Kamailio-compatible handling of a call) answered, with the request's id, echoed as
     * Kamailio does ({@code null} as {@code 0} unless the writer says otherwise, no id member for
     * {@link RequestId.None}).
     */
    record Answer(RpcResponse response, RequestId id) implements JsonRpcReply
    {
        public Answer
        {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * An error for input that was never run (-32700, -32600). {@link RequestId.None} and {@link RequestId.JsonNull}
     * are written as {@code "id": null}, as JSON-RPC 2.0 wants for an unknown id.
     */
    record Rejection(RpcFault fault, RequestId id) implements JsonRpcReply
    {
        public Rejection
        {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(id, "id");
        }
    }

    /** The reply to unparsable input: -32700 with a null id. */
    static Rejection parseError()
    {
        return new Rejection(new RpcFault(JsonRpcErrors.PARSE_ERROR, "Parse error"), RequestId.None.INSTANCE);
    }

    /** The reply to an invalid request: -32600 with its id (or null). */
    static Rejection invalidRequest(final JsonRpcInput.InvalidRequest invalid)
    {
        return new Rejection(new RpcFault(JsonRpcErrors.INVALID_REQUEST, invalid.reason()), invalid.id());
    }
}
