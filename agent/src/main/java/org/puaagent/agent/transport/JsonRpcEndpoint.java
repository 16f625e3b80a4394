package org.puaagent.agent.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.jsonrpc.JsonRpcHttpStatus;
import org.puaagent.protocol.jsonrpc.JsonRpcInput;
import org.puaagent.protocol.jsonrpc.JsonRpcReply;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseWriter;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;

/**
 * JSON-RPC documents in, JSON-RPC documents out, for any transport (HTTP, FIFO): parses with Kamailio's rules,
 * runs calls through the dispatcher, and writes each answer with Kamailio's formatting.
 *
 * <p>Per document exactly one answer: a call's reply (notifications included, as Kamailio does); a request
 * with a missing or wrong {@code jsonrpc} member gets {@code "result": {}} without running (Kamailio); a batch
 * gets an array of replies once every element has answered (Kamailio answers {@code {}} and runs nothing);
 * unparsable JSON gets -32700 "Parse error" with a null id (Kamailio sends nothing and leaves the client
 * waiting); a batch of more requests than the parser's limit gets one fault 413 "Request Entity Too Large: ..."
 * with a null id and runs nothing (counted: {@code errors.json_batch_too_large}; on {@code /RPC} the HTTP status
 * is 413, the status of a body over the transport's limit). Threading: {@link #handle} on any thread;
 * {@code answer} is called on whichever thread completes.
 */
public final class JsonRpcEndpoint
{
    /**
     * A finished answer: the document, the HTTP status it maps to, the FIFO reply name if any, and whether the
     * request could not be parsed at all (then no reply name could be read from it by the parser).
     */
    public record Answer(byte[] body, JsonRpcHttpStatus status, String replyName, boolean unparsable)
    {
    }

    /** Receives the answer of one document. */
    @FunctionalInterface
    public interface AnswerSink
    {
        void answer(Answer answer);
    }

    /** What unparsable input gets (JSON-RPC 2.0's code; Kamailio answers nothing). */
    public static final RpcFault PARSE_ERROR = new RpcFault(-32700, "Parse error");
    /** The fault code of a batch over the limit: HTTP's 413, as for a body over the transport's limit. */
    private static final int TOO_LARGE = 413;

    private final Dispatcher dispatcher;
    private final JsonRpcRequestParser parser;
    private final JsonRpcResponseWriter writer;
    private final LongAdder batchesTooLarge;
    private final RpcFault batchTooLarge;

    public JsonRpcEndpoint(final Dispatcher dispatcher, final JsonRpcRequestParser parser,
        final JsonRpcResponseWriter writer)
    {
        this.dispatcher = dispatcher;
        this.parser = parser;
        this.writer = writer;
        this.batchesTooLarge = dispatcher.counters().adder("errors.json_batch_too_large");
        this.batchTooLarge = new RpcFault(TOO_LARGE, "Request Entity Too Large: more than " + parser.maxBatch()
            + " requests in one batch");
    }

    /** Handles one document; {@code sink} gets exactly one answer. */
    public void handle(final byte[] document, final TransportKind transport, final AnswerSink sink)
    {
        final JsonRpcInput input = parser.parse(document);
        if (input instanceof JsonRpcInput.ParseError)
        {
            dispatcher.counters().increment("errors.json_parse");
            sink.answer(new Answer(rejection(PARSE_ERROR), JsonRpcHttpStatus.of(PARSE_ERROR), null, true));
        }
        else if (input instanceof JsonRpcInput.BatchTooLarge)
        {
            batchesTooLarge.increment();
            final JsonRpcReply reply = new JsonRpcReply.Rejection(batchTooLarge, RequestId.None.INSTANCE);
            sink.answer(new Answer(writer.write(reply), JsonRpcHttpStatus.of(batchTooLarge), null, false));
        }
        else if (input instanceof JsonRpcInput.Single single)
        {
            runSingle(single, transport, reply ->
                sink.answer(new Answer(writer.write(reply), JsonRpcHttpStatus.of(reply), replyName(single), false)));
        }
        else
        {
            runBatch(((JsonRpcInput.Batch) input).elements(), transport, sink);
        }
    }

    /** The document of an error reply with a null id, for input that never became a request. Any thread. */
    public byte[] rejection(final RpcFault fault)
    {
        return writer.write(new JsonRpcReply.Rejection(fault, RequestId.None.INSTANCE));
    }

    private static String replyName(final JsonRpcInput.Single single)
    {
        return single instanceof JsonRpcInput.Call call ? call.replyName()
            : ((JsonRpcInput.InvalidRequest) single).replyName();
    }

    private void runSingle(final JsonRpcInput.Single single, final TransportKind transport,
        final java.util.function.Consumer<JsonRpcReply> done)
    {
        if (single instanceof JsonRpcInput.InvalidRequest invalid)
        {
            dispatcher.counters().increment("errors.json_invalid_request");
            done.accept(new JsonRpcReply.Rejection(new RpcFault(-32600, "Invalid Request"), invalid.id()));
            return;
        }
        final JsonRpcInput.Call call = (JsonRpcInput.Call) single;
        final RequestId id = call.request().id();
        if (!call.runsMethod())
        {
            dispatcher.counters().increment("errors.json_version");
            done.accept(new JsonRpcReply.Answer(RpcReply.empty(), id));
            return;
        }
        dispatcher.dispatch(call.request(), transport, response -> done.accept(new JsonRpcReply.Answer(response, id)));
    }

    private void runBatch(final List<JsonRpcInput.Single> elements, final TransportKind transport,
        final AnswerSink sink)
    {
        final AtomicReferenceArray<JsonRpcReply> replies = new AtomicReferenceArray<>(elements.size());
        final AtomicInteger left = new AtomicInteger(elements.size());
        for (int i = 0; i < elements.size(); i++)
        {
            final int index = i;
            runSingle(elements.get(i), transport, reply ->
            {
                replies.set(index, reply);
                if (left.decrementAndGet() == 0)
                {
                    final List<JsonRpcReply> all = new ArrayList<>(Arrays.asList(new JsonRpcReply[replies.length()]));
                    for (int k = 0; k < replies.length(); k++)
                    {
                        all.set(k, replies.get(k));
                    }
                    final String replyName = replyName(elements.get(0));
                    sink.answer(new Answer(writer.writeBatch(all), JsonRpcHttpStatus.OK, replyName, false));
                }
            });
        }
    }
}
