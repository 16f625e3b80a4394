package org.puaagent.protocol.binrpc;

import java.util.Arrays;
import java.util.Objects;

import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Writes binrpc packets and records into a growable byte array it owns, exactly as Kamailio 5.6.3 and
 * kamcmd write them (spec binrpc.md 2-3): minimal header length and cookie fields (at least one byte each);
 * ints in 0..4 significant bytes (negative values take 4); str and member names UTF-8 plus 0x00, the length
 * including it, S-form from 8 bytes on; doubles as value x 1000 truncated toward zero in 0..8 significant
 * bytes with the length in the whole upper nibble; struct {@code 03 .. 83}; array tags {@code 04 .. 84}
 * only through {@link #beginArray()} (model arrays are written like Kamailio's server writes them: see
 * {@link #writeValue}).
 *
 * <pre>{@code
 * writer.clear();
 * writer.beginPacket(BinRpcPacketType.REPLY, cookie).writeString(etag).writeInt(expires).endPacket();
 * channel.write(ByteBuffer.wrap(writer.array(), 0, writer.size()));
 * }</pre>
 * Several packets may be written back to back before {@link #clear()}. Reusing one writer allocates nothing
 * once its array is large enough. Not thread-safe: one thread.
 */
public final class BinRpcWriter
{
    /** Text Kamailio sends for a NULL string; {@link RpcNull} is written as this str. */
    public static final String NULL_STRING = "<null string>";
    private static final int DEFAULT_INITIAL_CAPACITY = 256;
    private static final int TAG_STRUCT_START = 0x03;
    private static final int TAG_STRUCT_END = 0x83;
    private static final int TAG_ARRAY_START = 0x04;
    private static final int TAG_ARRAY_END = 0x84;
    private static final int S_FLAG = 0x80;
    private static final int SHORT_LENGTH_LIMIT = 8;
    private static final double FIXED_POINT_SCALE = 1000.0;
    /** 2^63 as a double: the first scaled value that no longer fits a signed 64-bit integer. */
    private static final double TWO_POW_63 = 9.223372036854775808E18;
    private static final int LONE_SURROGATE_REPLACEMENT = '?';

    private byte[] buffer;
    private int size;
    private int packetStart = -1;
    private BinRpcPacketType packetType;
    private int packetCookie;
    private int lastPacketOffset;

    /** A writer with a 256-byte initial array. */
    public BinRpcWriter()
    {
        this(DEFAULT_INITIAL_CAPACITY);
    }

    /** A writer with the given initial array size (it grows as needed). */
    public BinRpcWriter(final int initialCapacity)
    {
        buffer = new byte[Math.max(BinRpcPacket.MAX_HEADER_LENGTH, initialCapacity)];
    }

    /** Forgets everything written (keeps the array). */
    public BinRpcWriter clear()
    {
        size = 0;
        packetStart = -1;
        lastPacketOffset = 0;
        return this;
    }

    /** Number of bytes written. */
    public int size()
    {
        return size;
    }

    /** The array holding the bytes {@code [0, size())}; valid until the next write (it may be replaced). */
    public byte[] array()
    {
        return buffer;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray()
    {
        return Arrays.copyOf(buffer, size);
    }

    /** Offset of the last packet completed by {@link #endPacket()}. */
    public int lastPacketOffset()
    {
        return lastPacketOffset;
    }

    /** Starts a packet; its records follow; {@link #endPacket()} writes the header. */
    public BinRpcWriter beginPacket(final BinRpcPacketType type, final int cookie)
    {
        Objects.requireNonNull(type, "type");
        if (packetStart >= 0)
        {
            throw new IllegalStateException("a packet is already open");
        }
        ensure(BinRpcPacket.MAX_HEADER_LENGTH);
        packetStart = size;
        packetType = type;
        packetCookie = cookie;
        size += BinRpcPacket.MAX_HEADER_LENGTH;
        return this;
    }

    /** Completes the open packet: writes its header with minimal length fields in front of the body. */
    public BinRpcWriter endPacket()
    {
        if (packetStart < 0)
        {
            throw new IllegalStateException("no packet open");
        }
        final int bodyStart = packetStart + BinRpcPacket.MAX_HEADER_LENGTH;
        final int bodyLength = size - bodyStart;
        final int lengthBytes = Math.max(1, significantBytes(bodyLength));
        final int cookieBytes = Math.max(1, significantBytes(packetCookie));
        final int headerLength = 2 + lengthBytes + cookieBytes;
        System.arraycopy(buffer, bodyStart, buffer, packetStart + headerLength, bodyLength);
        int p = packetStart;
        buffer[p++] = (byte) BinRpcPacket.MAGIC_BYTE;
        buffer[p++] = (byte) ((packetType.code() << 4) | ((lengthBytes - 1) << 2) | (cookieBytes - 1));
        p = putBigEndian(p, bodyLength, lengthBytes);
        putBigEndian(p, packetCookie, cookieBytes);
        size = packetStart + headerLength + bodyLength;
        lastPacketOffset = packetStart;
        packetStart = -1;
        return this;
    }

    /** An int record: {@code 00} for 0, else 1..4 significant bytes. */
    public BinRpcWriter writeInt(final int value)
    {
        final int n = significantBytes(value);
        ensure(1 + n);
        buffer[size++] = (byte) ((n << 4) | BinRpcRecordType.CODE_INT);
        size = putBigEndian(size, value, n);
        return this;
    }

    /** A str record: the UTF-8 bytes of {@code value} (lone surrogates as '?') plus 0x00. */
    public BinRpcWriter writeString(final String value)
    {
        return writeText(BinRpcRecordType.CODE_STRING, value);
    }

    /** A str record from raw bytes (written as they are, plus 0x00). */
    public BinRpcWriter writeString(final byte[] value, final int offset, final int length)
    {
        return writeRaw(BinRpcRecordType.CODE_STRING, value, offset, length, true);
    }

    /** A struct member name record (type 5, like str). The member's value must follow. */
    public BinRpcWriter writeMemberName(final String name)
    {
        return writeText(BinRpcRecordType.CODE_MEMBER_NAME, name);
    }

    /** A bytes record (type 6, no 0x00). */
    public BinRpcWriter writeBytes(final byte[] value, final int offset, final int length)
    {
        return writeRaw(BinRpcRecordType.CODE_BYTES, value, offset, length, false);
    }

    /** A bytes record holding all of {@code value}. */
    public BinRpcWriter writeBytes(final byte[] value)
    {
        return writeBytes(value, 0, value.length);
    }

    /** A double record: {@link #fixedPoint(double)} of the value, so only 3 decimals survive. */
    public BinRpcWriter writeDouble(final double value)
    {
        return writeFixedPoint(fixedPoint(value));
    }

    /** A double record from its raw fixed-point value (value x 1000). */
    public BinRpcWriter writeFixedPoint(final long fixed)
    {
        final int n = significantBytes(fixed);
        ensure(1 + n);
        buffer[size++] = (byte) ((n << 4) | BinRpcRecordType.CODE_DOUBLE);
        for (int shift = (n - 1) * 8; shift >= 0; shift -= 8)
        {
            buffer[size++] = (byte) (fixed >>> shift);
        }
        return this;
    }

    /** Struct start marker {@code 03}. */
    public BinRpcWriter beginStruct()
    {
        return writeTag(TAG_STRUCT_START);
    }

    /** Struct end marker {@code 83}. */
    public BinRpcWriter endStruct()
    {
        return writeTag(TAG_STRUCT_END);
    }

    /** Array start marker {@code 04} (Kamailio's server never sends it; for clients and tests). */
    public BinRpcWriter beginArray()
    {
        return writeTag(TAG_ARRAY_START);
    }

    /** Array end marker {@code 84}. */
    public BinRpcWriter endArray()
    {
        return writeTag(TAG_ARRAY_END);
    }

    /**
     * Writes a model value the way Kamailio's server would: {@link RpcStruct} as {@code 03}, its members
     * (a name record unless the name is {@code null}, then the value), {@code 83}; {@link RpcArray} as a struct
     * of unnamed members; {@link RpcBool} as int 0/1; {@link RpcNull} as the str {@value #NULL_STRING}.
     */
    public BinRpcWriter writeValue(final RpcValue value)
    {
        if (value instanceof RpcString s)
        {
            return writeString(s.value());
        }
        if (value instanceof RpcInt i)
        {
            return writeInt(i.value());
        }
        if (value instanceof RpcStruct s)
        {
            beginStruct();
            for (final RpcStruct.Member m : s.members())
            {
                writeMember(m.name(), m.value());
            }
            return endStruct();
        }
        if (value instanceof RpcArray a)
        {
            beginStruct();
            for (final RpcValue item : a.items())
            {
                writeValue(item);
            }
            return endStruct();
        }
        if (value instanceof RpcDouble d)
        {
            return writeDouble(d.value());
        }
        if (value instanceof RpcBytes b)
        {
            return writeBytes(b.value());
        }
        if (value instanceof RpcBool b)
        {
            return writeInt(b.value() ? 1 : 0);
        }
        if (value instanceof RpcNull)
        {
            return writeString(NULL_STRING);
        }
        throw new IllegalArgumentException("unknown value type: " + value);
    }

    /** A struct member: its name record (none if {@code name} is null) and its value. */
    public BinRpcWriter writeMember(final String name, final RpcValue value)
    {
        if (null != name)
        {
            writeMemberName(name);
        }
        return writeValue(value);
    }

    /**
     * The fixed-point form of a double as Kamailio and kamcmd compute it on x86-64: value x 1000 truncated
     * toward zero; NaN and values out of the signed 64-bit range give {@link Long#MIN_VALUE} (the x86-64
     * conversion result; C leaves it undefined).
     */
    public static long fixedPoint(final double value)
    {
        final double scaled = value * FIXED_POINT_SCALE;
        if (Double.isNaN(scaled) || scaled >= TWO_POW_63 || scaled < -TWO_POW_63)
        {
            return Long.MIN_VALUE;
        }
        return (long) scaled;
    }

    /** Number of UTF-8 bytes {@link #writeString(String)} writes for {@code s} (without the 0x00). */
    public static int utf8Length(final String s)
    {
        final int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++)
        {
            final char c = s.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    bytes += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)))
                {
                    bytes += 2;
                    i++;
                }
                else if (!Character.isSurrogate(c))
                {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private BinRpcWriter writeText(final int code, final String value)
    {
        final int utf8 = utf8Length(value);
        final int length = utf8 + 1;
        writeLengthTag(code, length, length);
        final int n = value.length();
        byte[] b = buffer;
        int p = size;
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                b[p++] = (byte) c;
            }
            else if (c < 0x800)
            {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                final int cp = Character.toCodePoint(c, value.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            }
            else if (Character.isSurrogate(c))
            {
                b[p++] = (byte) LONE_SURROGATE_REPLACEMENT;
            }
            else
            {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = 0;
        size = p;
        return this;
    }

    private BinRpcWriter writeRaw(final int code, final byte[] value, final int offset, final int length,
        final boolean terminate)
    {
        Objects.checkFromIndexSize(offset, length, value.length);
        final int encoded = terminate ? length + 1 : length;
        writeLengthTag(code, encoded, encoded);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        if (terminate)
        {
            buffer[size++] = 0;
        }
        return this;
    }

    /** Writes the tag (and S-form length) of a record with {@code length} value bytes; reserves the value. */
    private void writeLengthTag(final int code, final int length, final int valueBytes)
    {
        if (length < SHORT_LENGTH_LIMIT)
        {
            ensure(1 + valueBytes);
            buffer[size++] = (byte) ((length << 4) | code);
            return;
        }
        final int n = significantBytes(length);
        ensure(1 + n + valueBytes);
        buffer[size++] = (byte) (S_FLAG | (n << 4) | code);
        size = putBigEndian(size, length, n);
    }

    private BinRpcWriter writeTag(final int tag)
    {
        ensure(1);
        buffer[size++] = (byte) tag;
        return this;
    }

    private int putBigEndian(final int at, final int value, final int bytes)
    {
        int p = at;
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
        {
            buffer[p++] = (byte) (value >>> shift);
        }
        return p;
    }

    /** Significant bytes of a 32-bit value read as unsigned: 0 for 0, 4 for negative values. */
    static int significantBytes(final int value)
    {
        return (Integer.SIZE - Integer.numberOfLeadingZeros(value) + 7) / 8;
    }

    /** Significant bytes of a 64-bit value read as unsigned: 0 for 0, 8 for negative values. */
    static int significantBytes(final long value)
    {
        return (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    private void ensure(final int more)
    {
        final long needed = (long) size + more;
        if (needed > buffer.length)
        {
            if (needed > Integer.MAX_VALUE - 8)
            {
                throw new IllegalStateException("binrpc packet too large: " + needed);
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buffer.length)));
        }
    }
}
