package org.puaagent.protocol.jsonrpc;

import java.util.List;
import java.util.Objects;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * What one JSON-RPC request document turned out to be, as {@link JsonRpcRequestParser} returns it: a call, a
 * batch of calls, unparsable bytes or a well-formed JSON value that is not a valid request. Every outcome is a
 * value; the parser never throws for bad input. Immutable.
 *
 * <p>How the agent answers each (see also {@link JsonRpcReply}):
 * <ul>
 *   <li>{@link Call}: run the method when {@link Call#runsMethod()}; otherwise answer {@code RpcReply.empty()}
 *       (Kamailio: {@code "result": {}}) without running it. Notifications (no id) are answered too, without an
 *       id member, as Kamailio does.</li>
 *   <li>{@link Batch}: an array of replies, one per element in order (an improvement: Kamailio 5.6.3 answers
 *       a batch with one {@code "result": {}} and runs nothing; to answer exactly like it, write
 *       {@code RpcReply.empty()} with {@code RequestId.None}).</li>
 *   <li>{@link ParseError}: error -32700 with {@code "id": null} (Kamailio sends nothing at all and leaves an HTTP
 *       client waiting).</li>
 *   <li>{@link InvalidRequest}: error -32600 with the id, or {@code null} when the id is unknown.</li>
 *   <li>{@link BatchTooLarge}: one error reply for the whole batch, nothing run (the agent answers fault 413
 *       "Request Entity Too Large" with {@code "id": null}).</li>
 * </ul>
 */
public sealed interface JsonRpcInput
    permits JsonRpcInput.Single, JsonRpcInput.Batch, JsonRpcInput.BatchTooLarge, JsonRpcInput.ParseError
{
    /** One element of a request: a call or an invalid request (a batch holds only these). */
    sealed interface Single extends JsonRpcInput permits Call, InvalidRequest
    {
    }

    /**
     * A call.
     *
     * @param request   method, positional parameters and id
     * @param version   what the {@code "jsonrpc"} member said
     * @param replyName the FIFO {@code "reply_name"} member when it is a string, else {@code null}
     */
    record Call(RpcRequest request, VersionMember version, String replyName) implements Single
    {
        public Call
        {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(version, "version");
        }

        /** False when Kamailio would answer {@code "result": {}} without running the method. */
        public boolean runsMethod()
        {
            return version == VersionMember.VALID;
        }
    }

    /**
     * A top-level array with at least one element.
     *
     * @param elements one entry per array element, in order
     */
    record Batch(List<Single> elements) implements JsonRpcInput
    {
        public Batch
        {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A top-level array with more elements than the parser's limit ({@link JsonRpcRequestParser#maxBatch()}).
     * The parser stops at the first element beyond the limit: nothing of the batch is kept.
     *
     * @param limit the most elements a batch may have
     */
    record BatchTooLarge(int limit) implements JsonRpcInput
    {
    }

    /**
     * The bytes are not JSON (or nest deeper than {@link JsonRpcRequestParser#MAX_NESTING}).
     *
     * @param reason what is wrong, for logs
     */
    record ParseError(String reason) implements JsonRpcInput
    {
        public ParseError
        {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Valid JSON that is not a valid request (not an object, no string {@code "method"}, an id that is an object,
     * array or boolean, an empty batch, a version refused by the {@link VersionPolicy}).
     *
     * @param id        the id to answer with: the request's id when it could be read, else {@link RequestId.None}
     *                  (the reply then carries {@code "id": null})
     * @param reason    what is wrong, for logs
     * @param replyName the FIFO {@code "reply_name"} member when the object had one as a string, else {@code null}
     *                  (so that a FIFO client learns what was wrong)
     */
    record InvalidRequest(RequestId id, String reason, String replyName) implements Single
    {
        public InvalidRequest
        {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }

        /** Without a reply name (not an object, or none given). */
        public InvalidRequest(final RequestId id, final String reason)
        {
            this(id, reason, null);
        }
    }
}
