package org.puaagent.protocol.jsonrpc;

import java.util.List;
import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcResponse;

/** A reply document as a client read it ({@link JsonRpcResponseParser}). Immutable. */
public sealed interface ReceivedReply permits ReceivedReply.Answer, ReceivedReply.Batch, ReceivedReply.Malformed
{
    /**
     * One reply object.
     *
     * @param id       the id member ({@link RequestId.None} when absent)
     * @param response the result or the error
     */
    record Answer(RequestId id, RpcResponse response) implements ReceivedReply
    {
        public Answer
        {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(response, "response");
        }
    }

    /** A top-level array of reply objects (each an {@link Answer} or {@link Malformed}). */
    record Batch(List<ReceivedReply> replies) implements ReceivedReply
    {
        public Batch
        {
            replies = List.copyOf(replies);
        }
    }

    /**
     * Not a JSON-RPC reply.
     *
     * @param reason what is wrong
     */
    record Malformed(String reason) implements ReceivedReply
    {
        public Malformed
        {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
