package org.puaagent.protocol.binrpc;

/**
 * What a record read by {@link BinRpcReader} is. Start and end markers of structs and arrays are separate
 * constants because they are separate records on the wire ({@code 03 .. 83}, {@code 04 .. 84}). Immutable.
 */
public enum BinRpcRecordType
{
    /** Type 0: a signed 32-bit integer. */
    INT,
    /** Type 1: a string (the wire value carries a terminating 0x00 that is not part of the value). */
    STRING,
    /** Type 2: fixed point (value x 1000) signed 64-bit number. */
    DOUBLE,
    /** Tag 0x03. */
    STRUCT_START,
    /** Tag 0x83. */
    STRUCT_END,
    /** Tag 0x04 (Kamailio never sends it; accepted on input). */
    ARRAY_START,
    /** Tag 0x84. */
    ARRAY_END,
    /** Type 5: the name of a struct member; the next record is its value. */
    MEMBER_NAME,
    /** Type 6: raw bytes, no terminating 0x00. */
    BYTES;

    /** Wire type codes (low nibble of the tag). */
    static final int CODE_INT = 0;
    static final int CODE_STRING = 1;
    static final int CODE_DOUBLE = 2;
    static final int CODE_STRUCT = 3;
    static final int CODE_ARRAY = 4;
    static final int CODE_MEMBER_NAME = 5;
    static final int CODE_BYTES = 6;

    /** True for records that carry a value by themselves (not a marker and not a member name). */
    public boolean isScalar()
    {
        return this == INT || this == STRING || this == DOUBLE || this == BYTES;
    }
}
