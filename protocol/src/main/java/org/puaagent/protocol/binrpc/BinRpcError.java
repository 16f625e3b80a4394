package org.puaagent.protocol.binrpc;

/**
 * Everything that can be wrong with binrpc input, as a value. Each constant knows the Kamailio error code
 * whose text appears in the fault the server would send ({@link #kamailioCode()}) and whether it concerns
 * the packet header ({@link #isHeaderError()}: the server cannot trust the cookie and answers with cookie 0).
 * How a server reacts to each error is decided by {@link BinRpcServerFaults}. Immutable.
 */
public enum BinRpcError
{
    /** Byte 0's high nibble is not the magic 0xA. */
    BAD_MAGIC(BinRpcErrorCode.CORRUPTED_PACKET, true, "first byte is not the binrpc magic 0xA1"),
    /** Byte 0's low nibble is not version 1. */
    BAD_VERSION(BinRpcErrorCode.CORRUPTED_PACKET, true, "unsupported binrpc version (byte 0 is not 0xA1)"),
    /** The TYPE nibble is not 0 (request), 1 (reply) or 3 (fault). */
    BAD_PACKET_TYPE(BinRpcErrorCode.CORRUPTED_PACKET, true, "packet type is not request, reply or fault"),
    /** Header plus declared body length exceed the configured maximum packet size. */
    PACKET_TOO_LARGE(BinRpcErrorCode.BUFFER_OVERFLOW, true, "declared packet length exceeds the maximum packet size"),
    /** A datagram (or a byte array that should hold a whole packet) ends before the packet does. */
    TRUNCATED_PACKET(BinRpcErrorCode.MORE_DATA_NEEDED, true, "input ends before the packet's declared end"),
    /** A reply or fault arrived where a request was expected. */
    NOT_A_REQUEST(BinRpcErrorCode.CORRUPTED_PACKET, false, "packet is a reply or fault, not a request"),
    /** A request arrived where a reply or fault was expected. */
    NOT_A_RESPONSE(BinRpcErrorCode.CORRUPTED_PACKET, false, "packet is a request, not a reply or fault"),
    /** A required record is missing: the method of a request, the code or message of a fault. */
    END_OF_PACKET(BinRpcErrorCode.END_OF_PACKET, false, "a required record is missing (body ends)"),
    /** A required record has the wrong type: the method is not a str, a fault code not an int, ... */
    RECORD_TYPE_MISMATCH(BinRpcErrorCode.TYPE_MISMATCH, false, "record does not have the required type"),
    /** A record's length (or its length field) runs past the end of the body. */
    RECORD_TRUNCATED(BinRpcErrorCode.MORE_DATA_NEEDED, false, "record runs past the end of the body"),
    /** Record type 7..15. */
    BAD_RECORD_TYPE(BinRpcErrorCode.BAD_RECORD, false, "record type 7..15 is not valid"),
    /**
     * A length that cannot be: a str or member name of length 0 (it must hold at least its 0x00), or a
     * struct/array tag other than 03/83/04/84.
     */
    BAD_RECORD_LENGTH(BinRpcErrorCode.BAD_RECORD, false, "record length or length form is not valid"),
    /** The last byte of a str or member name is not 0x00. */
    STRING_NOT_TERMINATED(BinRpcErrorCode.BAD_RECORD, false, "string record does not end with 0x00"),
    /** A member name is followed by another name, an end marker or the end of the body. */
    MEMBER_WITHOUT_VALUE(BinRpcErrorCode.BAD_RECORD, false, "struct member name without a value"),
    /** A member name is followed by an array start: binrpc does not allow arrays as member values. */
    ARRAY_AS_MEMBER_VALUE(BinRpcErrorCode.BAD_RECORD, false, "an array cannot be the value of a struct member"),
    /** A member name at top level or inside an array. */
    MEMBER_OUTSIDE_STRUCT(BinRpcErrorCode.BAD_RECORD, false, "struct member name outside a struct"),
    /** A struct or array end marker without a matching start (or closing the other kind). */
    UNBALANCED_END(BinRpcErrorCode.BAD_RECORD, false, "struct/array end marker without a matching start"),
    /** The body ends inside a struct or array. */
    UNCLOSED_CONTAINER(BinRpcErrorCode.BAD_RECORD, false, "body ends inside a struct or array"),
    /** Structs/arrays nested deeper than {@link BinRpcReader#MAX_NESTING_DEPTH}. */
    NESTING_TOO_DEEP(BinRpcErrorCode.BAD_RECORD, false, "structs/arrays nested too deeply");

    private final BinRpcErrorCode kamailioCode;
    private final boolean headerError;
    private final String description;

    BinRpcError(final BinRpcErrorCode kamailioCode, final boolean headerError, final String description)
    {
        this.kamailioCode = kamailioCode;
        this.headerError = headerError;
        this.description = description;
    }

    /** The Kamailio error code whose text describes this error in a fault message. */
    public BinRpcErrorCode kamailioCode()
    {
        return kamailioCode;
    }

    /** True if the error is found while framing the packet (its header or its length). */
    public boolean isHeaderError()
    {
        return headerError;
    }

    /** What is wrong, in words, for logs and error counters. */
    public String description()
    {
        return description;
    }
}
