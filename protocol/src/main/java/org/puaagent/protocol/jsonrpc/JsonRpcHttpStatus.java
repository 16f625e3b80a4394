package org.puaagent.protocol.jsonrpc;

import java.util.Objects;

import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;

/**
 * The HTTP status line of a JSON-RPC reply over HTTP (spec jsonrpc.md section 5.1): success {@code 200 OK}; a
 * fault whose code is above 100 uses the code as status and the fault message as reason
 * ({@code 400 Unknown event}, {@code 500 Method Not Found}); any other fault is {@code 500} with the message.
 * The message is the one written in the JSON body ({@link JsonRpcErrors#message}). Immutable.
 *
 * <p>Where Kamailio would produce an unusable status line the agent does not: a fault code above 999 gives 500,
 * and control characters (CR, LF, ...) in the reason become spaces.
 *
 * @param code   the status code
 * @param reason the reason phrase
 */
public record JsonRpcHttpStatus(int code, String reason)
{
    /** The status of a successful reply and of a batch reply. */
    public static final JsonRpcHttpStatus OK = new JsonRpcHttpStatus(200, "OK");

    private static final int LOWEST_STATUS_FROM_FAULT = 101;
    private static final int HIGHEST_STATUS = 999;
    private static final int DEFAULT_FAULT_STATUS = 500;

    public JsonRpcHttpStatus
    {
        Objects.requireNonNull(reason, "reason");
    }

    /** The status for a method's response. */
    public static JsonRpcHttpStatus of(final RpcResponse response)
    {
        if (response instanceof RpcReply)
        {
            return OK;
        }
        final RpcFault fault = (RpcFault) response;
        final int code = JsonRpcErrors.code(fault);
        final int status = code >= LOWEST_STATUS_FROM_FAULT && code <= HIGHEST_STATUS ? code : DEFAULT_FAULT_STATUS;
        return new JsonRpcHttpStatus(status, printable(JsonRpcErrors.message(fault)));
    }

    /** The status for a single reply. */
    public static JsonRpcHttpStatus of(final JsonRpcReply reply)
    {
        if (reply instanceof JsonRpcReply.Answer a)
        {
            return of(a.response());
        }
        return of(((JsonRpcReply.Rejection) reply).fault());
    }

    /** The status line without CRLF: {@code HTTP/1.1 <code> <reason>}. */
    public String statusLine()
    {
        return "HTTP/1.1 " + code + ' ' + reason;
    }

    private static String printable(final String text)
    {
        char[] copy = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < ' ' || c == 0x7F)
            {
                if (copy == null)
                {
                    copy = text.toCharArray();
                }
                copy[i] = ' ';
            }
        }
        return copy == null ? text : new String(copy);
    }
}
