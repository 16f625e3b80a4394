package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;

import org.puaagent.protocol.rpc.RpcFault;

/**
 * The {@code "error"} object's code and message as Kamailio's jsonrpcs writes them for a fault (spec jsonrpc.md
 * section 3.2), and the standard JSON-RPC codes. Static methods; any thread.
 *
 * <p>Code 0 becomes -32000. For the standard codes the message is replaced by a fixed text: -32700
 * {@code Parse Error}, -32600 {@code Invalid Request}, -32601 {@code Method Not Found}, -32602
 * {@code Invalid Parameters}, -32603 {@code Internal Error}, -32000 {@code Execution Error}. Other messages are
 * cut to at most {@value #MAX_MESSAGE_BYTES} bytes of UTF-8 (Kamailio's buffer; unlike Kamailio, the cut never
 * splits a character).
 */
public final class JsonRpcErrors
{
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int EXECUTION_ERROR = -32000;

    /** Longest fault message Kamailio sends, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 127;

    private JsonRpcErrors()
    {
    }

    /** The code written for {@code fault}. */
    public static int code(final RpcFault fault)
    {
        return fault.code() == 0 ? EXECUTION_ERROR : fault.code();
    }

    /** The message written for {@code fault}. */
    public static String message(final RpcFault fault)
    {
        switch (code(fault))
        {
            case PARSE_ERROR:
                return "Parse Error";
            case INVALID_REQUEST:
                return "Invalid Request";
            case METHOD_NOT_FOUND:
                return "Method Not Found";
            case INVALID_PARAMS:
                return "Invalid Parameters";
            case INTERNAL_ERROR:
                return "Internal Error";
            case EXECUTION_ERROR:
                return "Execution Error";
            default:
                return truncate(fault.message());
        }
    }

    private static String truncate(final String message)
    {
        if (message.length() * 3 <= MAX_MESSAGE_BYTES
            || message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES)
        {
            return message;
        }
        int bytes = 0;
        int i = 0;
        while (i < message.length())
        {
            final int cp = message.codePointAt(i);
            final int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_MESSAGE_BYTES)
            {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return message.substring(0, i);
    }
}
