package org.puaagent.protocol.binrpc;

import java.util.Arrays;

/**
 * A view of one complete binrpc packet inside a byte array: its header fields and where its body is. The
 * decoders reuse one instance and hand it to their caller; it is valid only until the decoder is used again
 * (copy with {@link #copy()} to keep it). Not thread-safe: one thread.
 *
 * <p>Header layout: byte 0 = 0xA1 (magic 0xA, version 1); byte 1 = TYPE(4 bits) | LL-1 (2 bits) | CL-1 (2 bits);
 * then LL bytes of body length and CL bytes of cookie, big-endian (spec binrpc.md section 2).
 */
public final class BinRpcPacket
{
    /** The first byte of every packet. */
    public static final int MAGIC_BYTE = 0xA1;
    /** Magic (high nibble of byte 0). */
    static final int MAGIC = 0xA;
    /** Version (low nibble of byte 0). */
    static final int VERSION = 1;
    /** Smallest header: magic, type byte, one length byte, one cookie byte. */
    public static final int MIN_HEADER_LENGTH = 4;
    /** Largest header: 2 + 4 length bytes + 4 cookie bytes. */
    public static final int MAX_HEADER_LENGTH = 10;
    /** Kamailio ctl's per-connection buffer and datagram limit: the largest packet, header included. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 65535;

    /** {@link #frame} results. */
    static final int COMPLETE = 0;
    static final int NEED_MORE = 1;
    static final int FAILED = 2;

    private byte[] buffer;
    private int offset;
    private int headerLength;
    private int bodyLength;
    private BinRpcPacketType type;
    private int cookie;

    /** After NEED_MORE: the total number of bytes (from the packet start) needed to make progress. */
    int needed;
    /** After FAILED: why. */
    BinRpcError error;

    /** An empty view; filled by a decoder. */
    public BinRpcPacket()
    {
    }

    /**
     * Looks for one packet at {@code buffer[offset..offset+available)}. Checks the header as soon as the
     * bytes are there (magic at 1 byte, type at 2) and the declared size against {@code maxPacketSize} as soon
     * as the length field is complete, before anything is allocated for the body.
     *
     * @return {@link #COMPLETE} (this view describes the packet), {@link #NEED_MORE} ({@link #needed} says how
     *         many bytes from {@code offset} are needed) or {@link #FAILED} ({@link #error} says why)
     */
    int frame(final byte[] buffer, final int offset, final int available, final int maxPacketSize)
    {
        if (available < 1)
        {
            needed = 1;
            return NEED_MORE;
        }
        final int b0 = buffer[offset] & 0xFF;
        if (b0 >>> 4 != MAGIC)
        {
            error = BinRpcError.BAD_MAGIC;
            return FAILED;
        }
        if ((b0 & 0x0F) != VERSION)
        {
            error = BinRpcError.BAD_VERSION;
            return FAILED;
        }
        if (available < 2)
        {
            needed = 2;
            return NEED_MORE;
        }
        final int b1 = buffer[offset + 1] & 0xFF;
        final BinRpcPacketType packetType = BinRpcPacketType.ofCode(b1 >>> 4);
        if (null == packetType)
        {
            error = BinRpcError.BAD_PACKET_TYPE;
            return FAILED;
        }
        final int lengthBytes = ((b1 >>> 2) & 3) + 1;
        final int cookieBytes = (b1 & 3) + 1;
        final int headerBytes = 2 + lengthBytes + cookieBytes;
        if (available < headerBytes)
        {
            needed = headerBytes;
            return NEED_MORE;
        }
        long declaredBody = 0;
        int p = offset + 2;
        for (int i = 0; i < lengthBytes; i++)
        {
            declaredBody = (declaredBody << 8) | (buffer[p++] & 0xFF);
        }
        int cookieValue = 0;
        for (int i = 0; i < cookieBytes; i++)
        {
            cookieValue = (cookieValue << 8) | (buffer[p++] & 0xFF);
        }
        final long total = headerBytes + declaredBody;
        if (total > maxPacketSize)
        {
            error = BinRpcError.PACKET_TOO_LARGE;
            return FAILED;
        }
        this.type = packetType;
        this.cookie = cookieValue;
        this.headerLength = headerBytes;
        this.bodyLength = (int) declaredBody;
        if (available < total)
        {
            needed = (int) total;
            return NEED_MORE;
        }
        this.buffer = buffer;
        this.offset = offset;
        return COMPLETE;
    }

    /** Points this view at a packet (used by copies and tests); no checks. */
    void set(final byte[] buffer, final int offset, final int headerLength, final int bodyLength,
        final BinRpcPacketType type, final int cookie)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.headerLength = headerLength;
        this.bodyLength = bodyLength;
        this.type = type;
        this.cookie = cookie;
    }

    /** The array holding the packet (not a copy: do not keep it past the decoder's next use). */
    public byte[] buffer()
    {
        return buffer;
    }

    /** Index of the packet's first byte (the magic) in {@link #buffer()}. */
    public int offset()
    {
        return offset;
    }

    /** Header length in bytes (4..10). */
    public int headerLength()
    {
        return headerLength;
    }

    /** Index of the first body byte in {@link #buffer()}. */
    public int bodyOffset()
    {
        return offset + headerLength;
    }

    /** Body length in bytes (may be 0). */
    public int bodyLength()
    {
        return bodyLength;
    }

    /** Header plus body length. */
    public int length()
    {
        return headerLength + bodyLength;
    }

    /** Request, reply or fault. */
    public BinRpcPacketType type()
    {
        return type;
    }

    /** The cookie (32 bits, matched by numeric value). */
    public int cookie()
    {
        return cookie;
    }

    /** A copy of the packet's bytes, header included. */
    public byte[] toByteArray()
    {
        return Arrays.copyOfRange(buffer, offset, offset + length());
    }

    /** A detached view over a private copy of the bytes, safe to keep and to pass to another thread. */
    public BinRpcPacket copy()
    {
        final BinRpcPacket copy = new BinRpcPacket();
        copy.set(toByteArray(), 0, headerLength, bodyLength, type, cookie);
        return copy;
    }

    @Override
    public String toString()
    {
        return "BinRpcPacket[" + type + ", cookie=0x" + Integer.toHexString(cookie) + ", header=" + headerLength
            + ", body=" + bodyLength + "]";
    }
}
