package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Parses a JSON-RPC request document (UTF-8 bytes: an HTTP body, one FIFO frame, one datagram) into a
 * {@link JsonRpcInput}, following Kamailio 5.6.3's jsonrpcs (spec jsonrpc.md sections 1 and 2). Never throws
 * for bad input. Immutable; any thread.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@code "params"}: an array gives positional parameters; an object gives its member values in document
 *       order (names ignored, as Kamailio does), except named pua parameters (see {@link PuaNamedParams}); any
 *       other type means no parameters. Values: string {@code RpcString}, integral number fitting 32 bits
 *       {@code RpcInt}, other number {@code RpcDouble}, true/false {@code RpcBool}, null {@code RpcNull},
 *       object {@code RpcStruct} (named members), array {@code RpcArray}.</li>
 *   <li>{@code "id"}: string {@code JsonText}, number {@code JsonNumber}, null {@code JsonNull}, absent
 *       {@code None} (a notification: Kamailio still answers it). A boolean, object or array id gives
 *       {@link JsonRpcInput.InvalidRequest}.</li>
 *   <li>{@code "method"} must be a string, else {@link JsonRpcInput.InvalidRequest}.</li>
 *   <li>{@code "jsonrpc"}: see {@link VersionPolicy}.</li>
 *   <li>{@code "reply_name"} (FIFO): kept in {@link JsonRpcInput.Call#replyName()} when it is a string.</li>
 *   <li>A member that appears twice: the first one counts (as Kamailio's look-up finds the first). Unknown
 *       members are ignored. Bytes after the first complete JSON value are ignored, as Kamailio does.</li>
 *   <li>A top-level array is a {@link JsonRpcInput.Batch} (each element parsed as above; a non-object element
 *       is an {@link JsonRpcInput.InvalidRequest}); an empty array, or any other non-object value, is an
 *       {@link JsonRpcInput.InvalidRequest}. An array with more than {@link #maxBatch()} elements is a
 *       {@link JsonRpcInput.BatchTooLarge}: parsing stops at the first element beyond it.</li>
 *   <li>Not JSON, empty input, or nesting deeper than {@link #MAX_NESTING}: {@link JsonRpcInput.ParseError}.
 *       (Kamailio sends no reply at all to invalid JSON; the agent answers -32700.)</li>
 * </ul>
 */
public final class JsonRpcRequestParser
{
    /** Deepest nesting of arrays/objects accepted (the request object itself is level 1). */
    public static final int MAX_NESTING = 100;
    /** Most elements of a batch by default. */
    public static final int DEFAULT_MAX_BATCH = 1000;

    private static final JsonRpcRequestParser KAMAILIO = new JsonRpcRequestParser(VersionPolicy.KAMAILIO, false);

    private final VersionPolicy versionPolicy;
    private final PuaNamedParams namedParams;
    private final int maxBatch;

    /**
     * A parser for batches of at most {@link #DEFAULT_MAX_BATCH} elements.
     *
     * @param versionPolicy        what to do with a missing or wrong {@code "jsonrpc"} member
     * @param miPublishWithObProxy pua_mi's {@code publish_with_ob_proxy}, for named MI {@code pua_publish}
     *                             parameters (see {@link PuaNamedParams})
     */
    public JsonRpcRequestParser(final VersionPolicy versionPolicy, final boolean miPublishWithObProxy)
    {
        this(versionPolicy, miPublishWithObProxy, DEFAULT_MAX_BATCH);
    }

    /**
     * @param versionPolicy        what to do with a missing or wrong {@code "jsonrpc"} member
     * @param miPublishWithObProxy pua_mi's {@code publish_with_ob_proxy} (see {@link PuaNamedParams})
     * @param maxBatch             the most elements of a batch (at least 1)
     */
    public JsonRpcRequestParser(final VersionPolicy versionPolicy, final boolean miPublishWithObProxy,
        final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.versionPolicy = Objects.requireNonNull(versionPolicy, "versionPolicy");
        this.namedParams = new PuaNamedParams(miPublishWithObProxy);
        this.maxBatch = maxBatch;
    }

    /** The most elements a batch may have. */
    public int maxBatch()
    {
        return maxBatch;
    }

    /** The Kamailio-compatible parser ({@link VersionPolicy#KAMAILIO}, no outbound proxy line for MI). */
    public static JsonRpcRequestParser kamailio()
    {
        return KAMAILIO;
    }

    public JsonRpcInput parse(final byte[] document)
    {
        return parse(document, 0, document.length);
    }

    /** Parses {@code length} bytes of {@code bytes} from {@code offset}. */
    public JsonRpcInput parse(final byte[] bytes, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (JsonParser parser = JsonValueReader.open(bytes, offset, length))
        {
            final JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT)
            {
                return single(parser);
            }
            if (token == JsonToken.START_ARRAY)
            {
                return batch(parser);
            }
            if (token == null)
            {
                return new JsonRpcInput.ParseError("empty document");
            }
            JsonValueReader.skip(parser);
            return new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE, "the request is not an object");
        }
        catch (final IOException | IllegalStateException | NumberFormatException e)
        {
            return new JsonRpcInput.ParseError(JsonValueReader.reason(e));
        }
    }

    private JsonRpcInput batch(final JsonParser parser) throws IOException
    {
        final List<JsonRpcInput.Single> elements = new ArrayList<>();
        while (JsonValueReader.next(parser) != JsonToken.END_ARRAY)
        {
            if (elements.size() == maxBatch)
            {
                return new JsonRpcInput.BatchTooLarge(maxBatch);
            }
            if (parser.currentToken() == JsonToken.START_OBJECT)
            {
                elements.add(single(parser));
            }
            else
            {
                JsonValueReader.skip(parser);
                elements.add(new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE,
                    "batch element is not an object"));
            }
        }
        if (elements.isEmpty())
        {
            return new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE, "empty batch");
        }
        return new JsonRpcInput.Batch(elements);
    }

    /** Reads one request object (the parser is at its '{'). */
    private JsonRpcInput.Single single(final JsonParser parser) throws IOException
    {
        VersionMember version = VersionMember.MISSING;
        String method = null;
        boolean methodSeen = false;
        List<RpcValue> arrayParams = null;
        List<RpcStruct.Member> objectParams = null;
        boolean paramsSeen = false;
        RequestId id = RequestId.None.INSTANCE;
        boolean idSeen = false;
        boolean idInvalid = false;
        String replyName = null;
        boolean replyNameSeen = false;

        while (JsonValueReader.next(parser) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken token = JsonValueReader.next(parser);
            if ("jsonrpc".equals(name) && version == VersionMember.MISSING)
            {
                boolean valid = false;
                if (token == JsonToken.VALUE_STRING)
                {
                    valid = "2.0".equals(parser.getText());
                }
                else
                {
                    JsonValueReader.skip(parser);
                }
                version = valid ? VersionMember.VALID : VersionMember.WRONG;
            }
            else if ("method".equals(name) && !methodSeen)
            {
                methodSeen = true;
                if (token == JsonToken.VALUE_STRING)
                {
                    method = parser.getText();
                }
                else
                {
                    JsonValueReader.skip(parser);
                }
            }
            else if ("params".equals(name) && !paramsSeen)
            {
                paramsSeen = true;
                if (token == JsonToken.START_ARRAY)
                {
                    arrayParams = JsonValueReader.arrayItems(parser);
                }
                else if (token == JsonToken.START_OBJECT)
                {
                    objectParams = JsonValueReader.objectMembers(parser);
                }
                else
                {
                    JsonValueReader.skip(parser);
                }
            }
            else if ("id".equals(name) && !idSeen)
            {
                idSeen = true;
                final RequestId read = JsonValueReader.id(parser);
                if (read == null)
                {
                    idInvalid = true;
                }
                else
                {
                    id = read;
                }
            }
            else if ("reply_name".equals(name) && !replyNameSeen)
            {
                replyNameSeen = true;
                if (token == JsonToken.VALUE_STRING)
                {
                    replyName = parser.getText();
                }
                else
                {
                    JsonValueReader.skip(parser);
                }
            }
            else
            {
                JsonValueReader.skip(parser);
            }
        }

        if (idInvalid)
        {
            return new JsonRpcInput.InvalidRequest(RequestId.None.INSTANCE,
                "the id must be a string, a number or null", replyName);
        }
        if (method == null)
        {
            return new JsonRpcInput.InvalidRequest(id, "the method member is missing or not a string", replyName);
        }
        if (version == VersionMember.MISSING && versionPolicy != VersionPolicy.KAMAILIO)
        {
            return new JsonRpcInput.InvalidRequest(id, "the jsonrpc member is missing", replyName);
        }
        if (version == VersionMember.WRONG && versionPolicy == VersionPolicy.STRICT)
        {
            return new JsonRpcInput.InvalidRequest(id, "the jsonrpc member is not \"2.0\"", replyName);
        }
        return new JsonRpcInput.Call(new RpcRequest(method, params(method, arrayParams, objectParams), id), version,
            replyName);
    }

    private List<RpcValue> params(final String method, final List<RpcValue> arrayParams,
        final List<RpcStruct.Member> objectParams)
    {
        if (arrayParams != null)
        {
            return arrayParams;
        }
        if (objectParams == null)
        {
            return List.of();
        }
        final List<RpcValue> named = namedParams.positional(method, objectParams);
        if (named != null)
        {
            return named;
        }
        final List<RpcValue> inOrder = new ArrayList<>(objectParams.size());
        for (final RpcStruct.Member member : objectParams)
        {
            inOrder.add(member.value());
        }
        return inOrder;
    }
}
