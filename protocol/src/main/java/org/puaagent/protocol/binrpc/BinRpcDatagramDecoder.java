package org.puaagent.protocol.binrpc;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Frames the one packet a datagram (UDP, unix datagram) carries. Bytes after the packet are ignored, as
 * Kamailio does; a datagram that ends before its packet does is {@link BinRpcError#TRUNCATED_PACKET} (a
 * Kamailio-compatible server ignores it: no reply). Header errors are reported as for streams.
 *
 * <p>Usage: {@code if (decoder.decode(bytes, 0, n)) use(decoder.packet()); else react(decoder.failure());}.
 * The packet view points into the caller's array (or, for direct buffers, into an internal array of at most
 * {@code maxPacketSize} bytes) and is valid until the next {@code decode}.
 *
 * <p>Not thread-safe: one instance per receiving thread.
 */
public final class BinRpcDatagramDecoder
{
    private final int maxPacketSize;
    private final BinRpcPacket packet = new BinRpcPacket();
    private byte[] directCopy;
    private BinRpcError error;

    /** A decoder with Kamailio's limit of 65535 bytes per packet. */
    public BinRpcDatagramDecoder()
    {
        this(BinRpcPacket.DEFAULT_MAX_PACKET_SIZE);
    }

    /** @param maxPacketSize largest accepted packet, header included (at least 10) */
    public BinRpcDatagramDecoder(final int maxPacketSize)
    {
        if (maxPacketSize < BinRpcPacket.MAX_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("maxPacketSize < " + BinRpcPacket.MAX_HEADER_LENGTH + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Frames the packet at the start of {@code datagram[offset..offset+length)}.
     *
     * @return true if a complete packet is there ({@link #packet()}), false otherwise ({@link #error()})
     */
    public boolean decode(final byte[] datagram, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, datagram.length);
        final int r = packet.frame(datagram, offset, length, maxPacketSize);
        if (r == BinRpcPacket.COMPLETE)
        {
            error = null;
            return true;
        }
        error = r == BinRpcPacket.FAILED ? packet.error : BinRpcError.TRUNCATED_PACKET;
        return false;
    }

    /** Frames the packet at the start of the whole array. */
    public boolean decode(final byte[] datagram)
    {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Frames the packet at the position of {@code datagram} (the buffer's position is not changed). A direct
     * buffer is copied into an internal array of at most {@code maxPacketSize} bytes first.
     */
    public boolean decode(final ByteBuffer datagram)
    {
        if (datagram.hasArray())
        {
            return decode(datagram.array(), datagram.arrayOffset() + datagram.position(), datagram.remaining());
        }
        final int n = Math.min(datagram.remaining(), maxPacketSize);
        if (null == directCopy || directCopy.length < n)
        {
            directCopy = new byte[Math.max(n, BinRpcPacket.MAX_HEADER_LENGTH)];
        }
        datagram.get(datagram.position(), directCopy, 0, n);
        return decode(directCopy, 0, n);
    }

    /** The framed packet after a successful {@code decode}. */
    public BinRpcPacket packet()
    {
        return packet;
    }

    /** Why the last {@code decode} failed, or {@code null} after a success. */
    public BinRpcError error()
    {
        return error;
    }

    /** The last failure as a value (cookie 0), or {@code null} after a success. */
    public BinRpcFailure failure()
    {
        return null == error ? null : BinRpcFailure.ofHeader(error, 0);
    }

    /** The configured maximum packet size, header included. */
    public int maxPacketSize()
    {
        return maxPacketSize;
    }
}
