package org.puaagent.protocol.binrpc;

/**
 * The TYPE nibble of a binrpc header (high nibble of byte 1): a request from the client, a reply or a fault
 * from the server. Other values (2, 4..15) are invalid on the wire. Immutable.
 */
public enum BinRpcPacketType
{
    REQUEST(0),
    REPLY(1),
    FAULT(3);

    private static final BinRpcPacketType[] BY_CODE = {REQUEST, REPLY, null, FAULT};

    private final int code;

    BinRpcPacketType(final int code)
    {
        this.code = code;
    }

    /** The 4-bit code written in the header. */
    public int code()
    {
        return code;
    }

    /** The type for a header code, or {@code null} if the code is not a valid packet type. */
    public static BinRpcPacketType ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
