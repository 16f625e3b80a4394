package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Client side: reads a reply document (UTF-8) into the id and an {@link RpcResponse}. Never throws for bad
 * input. Static methods; any thread.
 *
 * <p>{@code "result"}: an array becomes {@code RpcReply.array(items)} (a client cannot tell a {@code RET_ARRAY}
 * method from one that returned one array; both write the same bytes); an empty object becomes
 * {@code RpcReply.empty()}; any other value {@code RpcReply.of(value)}. {@code "error"} must be an object with an
 * integral {@code "code"}; its {@code "message"} (a string, else empty) completes the {@link RpcFault}. The id
 * maps as in requests; the {@code "jsonrpc"} member is not checked. A top-level array is a batch reply.
 */
public final class JsonRpcResponseParser
{
    private JsonRpcResponseParser()
    {
    }

    public static ReceivedReply parse(final byte[] document)
    {
        return parse(document, 0, document.length);
    }

    public static ReceivedReply parse(final byte[] bytes, final int offset, final int length)
    {
        try (JsonParser parser = JsonValueReader.open(bytes, offset, length))
        {
            final JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT)
            {
                return answer(parser);
            }
            if (token == JsonToken.START_ARRAY)
            {
                final List<ReceivedReply> replies = new ArrayList<>();
                while (JsonValueReader.next(parser) != JsonToken.END_ARRAY)
                {
                    if (parser.currentToken() == JsonToken.START_OBJECT)
                    {
                        replies.add(answer(parser));
                    }
                    else
                    {
                        JsonValueReader.skip(parser);
                        replies.add(new ReceivedReply.Malformed("batch element is not an object"));
                    }
                }
                return new ReceivedReply.Batch(replies);
            }
            return new ReceivedReply.Malformed("the reply is not an object");
        }
        catch (final IOException | IllegalStateException | NumberFormatException e)
        {
            return new ReceivedReply.Malformed("invalid JSON: " + JsonValueReader.reason(e));
        }
    }

    private static ReceivedReply answer(final JsonParser parser) throws IOException
    {
        RequestId id = RequestId.None.INSTANCE;
        boolean idSeen = false;
        boolean idInvalid = false;
        RpcValue result = null;
        RpcValue error = null;
        while (JsonValueReader.next(parser) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            JsonValueReader.next(parser);
            if ("result".equals(name) && result == null)
            {
                result = JsonValueReader.value(parser);
            }
            else if ("error".equals(name) && error == null)
            {
                error = JsonValueReader.value(parser);
            }
            else if ("id".equals(name) && !idSeen)
            {
                idSeen = true;
                final RequestId read = JsonValueReader.id(parser);
                idInvalid = read == null;
                id = read == null ? id : read;
            }
            else
            {
                JsonValueReader.skip(parser);
            }
        }
        if (idInvalid)
        {
            return new ReceivedReply.Malformed("the id is not a string, a number or null");
        }
        if (result != null)
        {
            return new ReceivedReply.Answer(id, reply(result));
        }
        if (error instanceof RpcStruct s)
        {
            final RpcResponse fault = fault(s);
            return fault == null ? new ReceivedReply.Malformed("the error has no integral code")
                : new ReceivedReply.Answer(id, fault);
        }
        return new ReceivedReply.Malformed("neither a result nor an error object");
    }

    private static RpcResponse reply(final RpcValue result)
    {
        if (result instanceof RpcArray a)
        {
            return RpcReply.array(a.items());
        }
        if (result instanceof RpcStruct s && s.members().isEmpty())
        {
            return RpcReply.empty();
        }
        return RpcReply.of(result);
    }

    private static RpcFault fault(final RpcStruct error)
    {
        if (!(error.get("code") instanceof RpcInt code))
        {
            return null;
        }
        final RpcValue message = error.get("message");
        return new RpcFault(code.value(), message instanceof RpcString s ? s.value() : "");
    }
}
