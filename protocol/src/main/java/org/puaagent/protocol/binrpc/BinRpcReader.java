package org.puaagent.protocol.binrpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A cursor over the records of a binrpc body, reading one record per {@link #next()} without allocating
 * (flyweight: it only keeps offsets into the caller's array). This is the hot path for requests:
 * <pre>{@code
 * if (!reader.wrapRequest(packet))            // type, method record
 *     return reader.failure();                // -> BinRpcServerFaults.reaction(...)
 * if (reader.methodEquals(PUA_PUBLISH)) ...    // compares bytes, no String
 * while (reader.next())                        // parameters, one record each
 *     switch (reader.type()) { case STRING -> keep(reader.stringValue()); case INT -> reader.intValue(); ... }
 * if (reader.failed()) ...                     // reader.failure(): typed error, parameter index
 * }</pre>
 *
 * <p>Decoding rules (spec binrpc.md section 3): ints of 0..4 bytes big-endian (1-3 bytes are never negative,
 * more than 4 bytes keep the low 32 bits); doubles use the whole upper tag nibble as length (no S form) and
 * are sign-extended only at 8 bytes; str and member names end with 0x00 (not part of the value);
 * non-minimal S-form lengths are accepted. Structure is checked as records go by: member names only inside
 * structs and followed by a value that is not an array; end markers balanced; nesting at most
 * {@link #MAX_NESTING_DEPTH}; the body must not end inside a struct. Struct members may be unnamed values
 * (that is how Kamailio sends arrays). Any violation stops the cursor with a typed {@link #error()}.
 *
 * <p>Strings: {@link #stringValue()} decodes UTF-8; invalid sequences become U+FFFD (kamcmd's strings are
 * byte strings: use {@link #valueOffset()}/{@link #valueLength()} for the raw bytes).
 *
 * <p>Not thread-safe: one thread; reusable via the {@code wrap} methods.
 */
public final class BinRpcReader
{
    /** Deepest struct/array nesting accepted. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final int TAG_END_FLAG = 0x80;
    private static final int S_FLAG = 0x8;
    private static final int S_SIZE_MASK = 0x7;
    private static final double FIXED_POINT_SCALE = 1000.0;

    private byte[] buffer;
    private int start;
    private int position;
    private int limit;
    private int cookie;

    private BinRpcRecordType type;
    private int recordOffset;
    private int valueOffset;
    private int valueLength;
    private long numeric;
    private int recordDepth;

    private int depth;
    private int arrayBits;
    private boolean expectMemberValue;
    private int topLevelIndex;

    private boolean requestMode;
    private boolean methodRead;
    private int methodOffset;
    private int methodLength;

    private BinRpcError error;
    private int errorOffset;

    /** Positions the cursor before the first record of {@code buffer[offset..offset+length)} (a body). */
    public BinRpcReader wrap(final byte[] buffer, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.limit = offset + length;
        this.cookie = 0;
        this.type = null;
        this.recordOffset = offset;
        this.valueOffset = offset;
        this.valueLength = 0;
        this.numeric = 0;
        this.recordDepth = 0;
        this.depth = 0;
        this.arrayBits = 0;
        this.expectMemberValue = false;
        this.topLevelIndex = -1;
        this.requestMode = false;
        this.methodRead = false;
        this.methodOffset = offset;
        this.methodLength = 0;
        this.error = null;
        this.errorOffset = 0;
        return this;
    }

    /** Positions the cursor before the first record of the packet's body; remembers its cookie. */
    public BinRpcReader wrap(final BinRpcPacket packet)
    {
        wrap(packet.buffer(), packet.bodyOffset(), packet.bodyLength());
        this.cookie = packet.cookie();
        return this;
    }

    /**
     * Wraps a request packet and reads its method record. On success the cursor stands before the first
     * parameter and {@link #index()} counts parameters from 0. On failure {@link #error()} is
     * {@link BinRpcError#NOT_A_REQUEST} (reply/fault type), {@link BinRpcError#END_OF_PACKET} (empty body),
     * {@link BinRpcError#RECORD_TYPE_MISMATCH} (first record not a str) or what is wrong with the str record
     * itself (e.g. {@link BinRpcError#RECORD_TRUNCATED}); {@link #failure()} has {@code paramIndex} -1.
     */
    public boolean wrapRequest(final BinRpcPacket packet)
    {
        wrap(packet);
        requestMode = true;
        if (packet.type() != BinRpcPacketType.REQUEST)
        {
            return fail(BinRpcError.NOT_A_REQUEST, start);
        }
        if (!next())
        {
            if (null == error)
            {
                return fail(BinRpcError.END_OF_PACKET, start);
            }
            if ((buffer[start] & 0x0F) != BinRpcRecordType.CODE_STRING)
            {
                error = BinRpcError.RECORD_TYPE_MISMATCH;
            }
            return false;
        }
        if (type != BinRpcRecordType.STRING)
        {
            return fail(BinRpcError.RECORD_TYPE_MISMATCH, recordOffset);
        }
        methodRead = true;
        methodOffset = valueOffset;
        methodLength = valueLength;
        topLevelIndex = -1;
        return true;
    }

    /**
     * Reads the next record.
     *
     * @return true if a record was read; false at the end of the body or on an error ({@link #failed()})
     */
    public boolean next()
    {
        if (null != error)
        {
            return false;
        }
        if (position >= limit)
        {
            type = null;
            if (expectMemberValue)
            {
                return fail(BinRpcError.MEMBER_WITHOUT_VALUE, position);
            }
            if (depth > 0)
            {
                return fail(BinRpcError.UNCLOSED_CONTAINER, position);
            }
            return false;
        }
        final int at = position;
        if (depth == 0)
        {
            topLevelIndex++;
        }
        final int tag = buffer[at] & 0xFF;
        final int code = tag & 0x0F;
        final int high = tag >>> 4;
        int p = at + 1;
        long length;
        final BinRpcRecordType t;
        switch (code)
        {
            case BinRpcRecordType.CODE_STRUCT:
            case BinRpcRecordType.CODE_ARRAY:
                if (high == 0)
                {
                    t = code == BinRpcRecordType.CODE_STRUCT ? BinRpcRecordType.STRUCT_START : BinRpcRecordType.ARRAY_START;
                }
                else if (tag == (TAG_END_FLAG | code))
                {
                    t = code == BinRpcRecordType.CODE_STRUCT ? BinRpcRecordType.STRUCT_END : BinRpcRecordType.ARRAY_END;
                }
                else
                {
                    return fail(BinRpcError.BAD_RECORD_LENGTH, at);
                }
                length = 0;
                break;
            case BinRpcRecordType.CODE_DOUBLE:
                t = BinRpcRecordType.DOUBLE;
                length = high;
                break;
            case BinRpcRecordType.CODE_INT:
            case BinRpcRecordType.CODE_STRING:
            case BinRpcRecordType.CODE_MEMBER_NAME:
            case BinRpcRecordType.CODE_BYTES:
                t = code == BinRpcRecordType.CODE_INT ? BinRpcRecordType.INT
                    : code == BinRpcRecordType.CODE_STRING ? BinRpcRecordType.STRING
                    : code == BinRpcRecordType.CODE_MEMBER_NAME ? BinRpcRecordType.MEMBER_NAME
                    : BinRpcRecordType.BYTES;
                if ((high & S_FLAG) == 0)
                {
                    length = high;
                }
                else
                {
                    final int lengthBytes = high & S_SIZE_MASK;
                    if (limit - p < lengthBytes)
                    {
                        return fail(BinRpcError.RECORD_TRUNCATED, at);
                    }
                    length = 0;
                    for (int i = 0; i < lengthBytes; i++)
                    {
                        length = (length << 8) | (buffer[p++] & 0xFF);
                    }
                }
                break;
            default:
                return fail(BinRpcError.BAD_RECORD_TYPE, at);
        }
        if (length > limit - p)
        {
            return fail(BinRpcError.RECORD_TRUNCATED, at);
        }
        final int len = (int) length;
        switch (t)
        {
            case INT:
            {
                int v = 0;
                for (int i = 0; i < len; i++)
                {
                    v = (v << 8) | (buffer[p + i] & 0xFF);
                }
                numeric = v;
                valueLength = len;
                break;
            }
            case DOUBLE:
            {
                long v = 0;
                for (int i = 0; i < len; i++)
                {
                    v = (v << 8) | (buffer[p + i] & 0xFF);
                }
                numeric = v;
                valueLength = len;
                break;
            }
            case STRING:
            case MEMBER_NAME:
                if (len == 0)
                {
                    return fail(BinRpcError.BAD_RECORD_LENGTH, at);
                }
                if (buffer[p + len - 1] != 0)
                {
                    return fail(BinRpcError.STRING_NOT_TERMINATED, at);
                }
                valueLength = len - 1;
                break;
            default:
                valueLength = len;
                break;
        }
        if (expectMemberValue)
        {
            if (t == BinRpcRecordType.MEMBER_NAME || t == BinRpcRecordType.STRUCT_END || t == BinRpcRecordType.ARRAY_END)
            {
                return fail(BinRpcError.MEMBER_WITHOUT_VALUE, at);
            }
            if (t == BinRpcRecordType.ARRAY_START)
            {
                return fail(BinRpcError.ARRAY_AS_MEMBER_VALUE, at);
            }
            expectMemberValue = false;
        }
        else if (t == BinRpcRecordType.MEMBER_NAME)
        {
            if (depth == 0 || insideArray())
            {
                return fail(BinRpcError.MEMBER_OUTSIDE_STRUCT, at);
            }
            expectMemberValue = true;
        }
        switch (t)
        {
            case STRUCT_START:
            case ARRAY_START:
                if (depth == MAX_NESTING_DEPTH)
                {
                    return fail(BinRpcError.NESTING_TOO_DEEP, at);
                }
                recordDepth = depth;
                if (t == BinRpcRecordType.ARRAY_START)
                {
                    arrayBits |= 1 << depth;
                }
                else
                {
                    arrayBits &= ~(1 << depth);
                }
                depth++;
                break;
            case STRUCT_END:
            case ARRAY_END:
                if (depth == 0 || insideArray() != (t == BinRpcRecordType.ARRAY_END))
                {
                    return fail(BinRpcError.UNBALANCED_END, at);
                }
                depth--;
                recordDepth = depth;
                break;
            default:
                recordDepth = depth;
                break;
        }
        type = t;
        recordOffset = at;
        valueOffset = p;
        position = p + len;
        return true;
    }

    /**
     * After a {@code STRUCT_START} or {@code ARRAY_START}: reads up to and including its end marker.
     *
     * @return true if the container was skipped; false on an error, or if the current record is not a start
     */
    public boolean skipContainer()
    {
        if (type != BinRpcRecordType.STRUCT_START && type != BinRpcRecordType.ARRAY_START)
        {
            return false;
        }
        final int target = recordDepth;
        while (next())
        {
            if ((type == BinRpcRecordType.STRUCT_END || type == BinRpcRecordType.ARRAY_END) && recordDepth == target)
            {
                return true;
            }
        }
        return false;
    }

    /** The current record's type; {@code null} before the first record, at the end and after an error. */
    public BinRpcRecordType type()
    {
        return type;
    }

    /** True if the cursor stopped on an error. */
    public boolean failed()
    {
        return null != error;
    }

    /** The error that stopped the cursor, or {@code null}. */
    public BinRpcError error()
    {
        return error;
    }

    /** Offset of the failing record (relative to the start of the body), meaningful if {@link #failed()}. */
    public int errorOffset()
    {
        return errorOffset;
    }

    /**
     * The error as a value with cookie, method (if read) and index ({@link #index()}; -1 if the method record
     * or the packet type failed). Allocates: error path only. {@code null} if not failed.
     */
    public BinRpcFailure failure()
    {
        if (null == error)
        {
            return null;
        }
        final int index = requestMode && !methodRead ? -1 : topLevelIndex;
        return new BinRpcFailure(error, cookie, methodRead ? method() : null, index, errorOffset);
    }

    /**
     * 0-based index of the top-level value the current record belongs to (after {@link #wrapRequest}: the
     * parameter index, as Kamailio counts it in "error at parameter N").
     */
    public int index()
    {
        return topLevelIndex;
    }

    /** Nesting depth of the current record: 0 at top level; a start/end marker has its container's depth. */
    public int depth()
    {
        return recordDepth;
    }

    /** The cookie of the wrapped packet (0 if a bare body was wrapped). */
    public int cookie()
    {
        return cookie;
    }

    /** The array being read. */
    public byte[] buffer()
    {
        return buffer;
    }

    /** Index in {@link #buffer()} of the current record's tag byte. */
    public int recordOffset()
    {
        return recordOffset;
    }

    /** Length of the current record (tag, length bytes and value). */
    public int recordLength()
    {
        return position - recordOffset;
    }

    /** Bytes of the body read so far (the offset of the next record, relative to the body). */
    public int consumed()
    {
        return position - start;
    }

    /** Index in {@link #buffer()} of the current record's value bytes. */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * Length of the current value: for STRING and MEMBER_NAME without the terminating 0x00; for INT and
     * DOUBLE the number of value bytes; 0 for markers.
     */
    public int valueLength()
    {
        return valueLength;
    }

    /** An INT record's value. */
    public int intValue()
    {
        return (int) numeric;
    }

    /** A DOUBLE record's raw fixed-point value (value x 1000). */
    public long fixedPointValue()
    {
        return numeric;
    }

    /** A DOUBLE record's value: fixed point / 1000. */
    public double doubleValue()
    {
        return numeric / FIXED_POINT_SCALE;
    }

    /** A STRING, MEMBER_NAME or BYTES record's value as UTF-8 text (allocates the String). */
    public String stringValue()
    {
        requireBytesValue();
        return new String(buffer, valueOffset, valueLength, StandardCharsets.UTF_8);
    }

    /** A copy of a STRING, MEMBER_NAME or BYTES record's value bytes (without the 0x00). */
    public byte[] bytesValue()
    {
        requireBytesValue();
        return Arrays.copyOfRange(buffer, valueOffset, valueOffset + valueLength);
    }

    /** True if the current STRING/MEMBER_NAME/BYTES value equals {@code expected} byte for byte. */
    public boolean valueEquals(final byte[] expected)
    {
        return valueEquals(expected, 0, expected.length);
    }

    /** True if the current STRING/MEMBER_NAME/BYTES value equals {@code expected[offset..offset+length)}. */
    public boolean valueEquals(final byte[] expected, final int offset, final int length)
    {
        if (type != BinRpcRecordType.STRING && type != BinRpcRecordType.MEMBER_NAME && type != BinRpcRecordType.BYTES)
        {
            return false;
        }
        return Arrays.equals(buffer, valueOffset, valueOffset + valueLength, expected, offset, offset + length);
    }

    /** After {@link #wrapRequest}: true if the method name equals {@code name} byte for byte (no allocation). */
    public boolean methodEquals(final byte[] name)
    {
        return methodRead && Arrays.equals(buffer, methodOffset, methodOffset + methodLength, name, 0, name.length);
    }

    /** After {@link #wrapRequest}: the method name (allocates). */
    public String method()
    {
        if (!methodRead)
        {
            throw new IllegalStateException("no method read");
        }
        return new String(buffer, methodOffset, methodLength, StandardCharsets.UTF_8);
    }

    /** After {@link #wrapRequest}: index of the method name's first byte in {@link #buffer()}. */
    public int methodOffset()
    {
        return methodOffset;
    }

    /** After {@link #wrapRequest}: length of the method name in bytes (without the 0x00). */
    public int methodLength()
    {
        return methodLength;
    }

    private void requireBytesValue()
    {
        if (type != BinRpcRecordType.STRING && type != BinRpcRecordType.MEMBER_NAME && type != BinRpcRecordType.BYTES)
        {
            throw new IllegalStateException("current record has no byte value: " + type);
        }
    }

    private boolean insideArray()
    {
        return depth > 0 && (arrayBits & (1 << (depth - 1))) != 0;
    }

    private boolean fail(final BinRpcError cause, final int at)
    {
        error = cause;
        errorOffset = at - start;
        type = null;
        return false;
    }
}
