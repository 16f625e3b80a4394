package org.puaagent.protocol.rpc;

import java.util.Objects;

/**
 * How a reply finds its request: a binrpc cookie, or a JSON-RPC {@code id} of any JSON type, or nothing
 * (a JSON-RPC notification, an MI FIFO request whose reply goes to its own reply fifo). Immutable.
 */
public sealed interface RequestId permits RequestId.None, RequestId.Cookie, RequestId.JsonText, RequestId.JsonNumber, RequestId.JsonNull
{
    /** No id: a JSON-RPC notification (Kamailio still answers it, without an id member) or MI. */
    enum None implements RequestId
    {
        INSTANCE
    }

    /** A binrpc cookie: 32 bits chosen by the client, matched by numeric value. */
    record Cookie(int value) implements RequestId
    {
    }

    /** A JSON string id, echoed as the same string. */
    record JsonText(String value) implements RequestId
    {
        public JsonText
        {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON number id; Kamailio re-prints it with its number rules (1 -> 1, 1.5 -> 1.500000). */
    record JsonNumber(double value) implements RequestId
    {
    }

    /** A JSON {@code null} id; Kamailio answers it as {@code 0}. */
    enum JsonNull implements RequestId
    {
        INSTANCE
    }
}
