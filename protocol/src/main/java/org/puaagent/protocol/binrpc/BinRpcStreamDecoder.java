package org.puaagent.protocol.binrpc;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Frames binrpc packets out of a byte stream (TCP, unix stream), in the mould of Netty's
 * {@code ByteToMessageDecoder}: feed it the bytes as they arrive, in chunks of any size; it hands every
 * complete packet to a {@link BinRpcPacketHandler} in order and keeps the bytes of an incomplete packet for
 * the next chunk. A partial packet is never consumed.
 *
 * <p>Limits: the declared size of each packet (header + body) is checked against {@code maxPacketSize}
 * (default 65535, Kamailio ctl's buffer) as soon as its length field is complete and before any memory is
 * reserved for the body; a larger packet fails the stream with {@link BinRpcError#PACKET_TOO_LARGE} (a
 * Kamailio-compatible server then closes the connection without reply). The internal buffer holds at most one
 * incomplete packet, so its capacity never exceeds {@code max(maxPacketSize, 64)}. Complete packets inside a
 * heap chunk are handed over straight from the caller's array, without copying.
 *
 * <p>A header error (bad magic, version or type) also fails the stream; the server answers those with a
 * fault with cookie 0 and closes. After a failure, or after {@link #stop()}, the decoder ignores further
 * input until {@link #reset()}. Decoding of the packet body (records) is not done here: see
 * {@link BinRpcReader} and {@link BinRpcDecoder}.
 *
 * <p>Not thread-safe: owned by one thread (the connection's I/O thread).
 */
public final class BinRpcStreamDecoder
{
    /** Smallest internal buffer allocated; also the slack above {@code maxPacketSize} the buffer may have. */
    public static final int MIN_BUFFER_CAPACITY = 64;
    /** Size of the staging array used for direct (off-heap) buffers. */
    private static final int DIRECT_CHUNK = 8192;
    private static final byte[] EMPTY = new byte[0];

    /** State of the decoder after a {@code feed}. */
    public enum Status
    {
        /** Healthy: all input consumed (complete packets delivered, a partial one buffered). */
        OPEN,
        /** {@link #stop()} was called: remaining input was discarded. */
        STOPPED,
        /** The stream is corrupt: see {@link #error()}. Remaining input was discarded. */
        FAILED
    }

    private final int maxPacketSize;
    private final BinRpcPacket packet = new BinRpcPacket();
    private byte[] buffer = EMPTY;
    private int count;
    private byte[] directChunk;
    private Status status = Status.OPEN;
    private BinRpcError error;
    private long streamOffset;

    /** A decoder with Kamailio's limit of 65535 bytes per packet. */
    public BinRpcStreamDecoder()
    {
        this(BinRpcPacket.DEFAULT_MAX_PACKET_SIZE);
    }

    /**
     * @param maxPacketSize largest accepted packet, header included; at least
     *                      {@link BinRpcPacket#MAX_HEADER_LENGTH}
     */
    public BinRpcStreamDecoder(final int maxPacketSize)
    {
        if (maxPacketSize < BinRpcPacket.MAX_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("maxPacketSize < " + BinRpcPacket.MAX_HEADER_LENGTH + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /** Feeds a whole array. */
    public Status feed(final byte[] chunk, final BinRpcPacketHandler handler)
    {
        return feed(chunk, 0, chunk.length, handler);
    }

    /**
     * Feeds {@code chunk[offset..offset+length)}: delivers every packet it completes, buffers a trailing
     * partial packet.
     *
     * @return the status after this chunk
     */
    public Status feed(final byte[] chunk, final int offset, final int length, final BinRpcPacketHandler handler)
    {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(handler, "handler");
        int off = offset;
        int len = length;
        while (status == Status.OPEN)
        {
            if (count > 0)
            {
                final int r = packet.frame(buffer, 0, count, maxPacketSize);
                if (r == BinRpcPacket.COMPLETE)
                {
                    deliverBuffered(handler);
                    continue;
                }
                if (r == BinRpcPacket.FAILED)
                {
                    fail(packet.error);
                    break;
                }
                if (len == 0)
                {
                    break;
                }
                final int n = Math.min(packet.needed - count, len);
                ensureCapacity(packet.needed);
                System.arraycopy(chunk, off, buffer, count, n);
                count += n;
                off += n;
                len -= n;
                continue;
            }
            if (len == 0)
            {
                break;
            }
            final int r = packet.frame(chunk, off, len, maxPacketSize);
            if (r == BinRpcPacket.COMPLETE)
            {
                final int packetLength = packet.length();
                off += packetLength;
                len -= packetLength;
                streamOffset += packetLength;
                handler.onPacket(packet);
                continue;
            }
            if (r == BinRpcPacket.FAILED)
            {
                fail(packet.error);
                break;
            }
            ensureCapacity(packet.needed);
            System.arraycopy(chunk, off, buffer, 0, len);
            count = len;
            off += len;
            len = 0;
        }
        return status;
    }

    /**
     * Feeds the remaining bytes of {@code chunk} and moves its position to its limit (after a stop or a
     * failure the rest is discarded, as with arrays). Heap buffers are read in place; direct buffers are copied
     * through an 8 KB staging array.
     */
    public Status feed(final ByteBuffer chunk, final BinRpcPacketHandler handler)
    {
        if (chunk.hasArray())
        {
            final int start = chunk.position();
            final Status s = feed(chunk.array(), chunk.arrayOffset() + start, chunk.remaining(), handler);
            chunk.position(chunk.limit());
            return s;
        }
        if (null == directChunk)
        {
            directChunk = new byte[DIRECT_CHUNK];
        }
        while (status == Status.OPEN && chunk.hasRemaining())
        {
            final int n = Math.min(chunk.remaining(), directChunk.length);
            chunk.get(directChunk, 0, n);
            feed(directChunk, 0, n, handler);
        }
        chunk.position(chunk.limit());
        return status;
    }

    /**
     * Stops decoding: the packet being delivered is the last one; input not yet decoded is discarded and
     * further input ignored until {@link #reset()}. Callable from inside the handler.
     */
    public void stop()
    {
        if (status == Status.OPEN)
        {
            status = Status.STOPPED;
            releaseBuffer();
        }
    }

    /** Back to a fresh state (empty buffer, status OPEN), e.g. to reuse the decoder for a new connection. */
    public void reset()
    {
        status = Status.OPEN;
        error = null;
        streamOffset = 0;
        releaseBuffer();
    }

    /** The current status. */
    public Status status()
    {
        return status;
    }

    /** Why the stream failed, or {@code null} unless {@link #status()} is FAILED. */
    public BinRpcError error()
    {
        return error;
    }

    /** The failure as a value (cookie 0: the header was not usable), or {@code null} unless FAILED. */
    public BinRpcFailure failure()
    {
        return null == error ? null : BinRpcFailure.ofHeader(error, (int) Math.min(Integer.MAX_VALUE, streamOffset));
    }

    /** Bytes of an incomplete packet held for the next chunk (at EOF: bytes that will be dropped). */
    public int buffered()
    {
        return count;
    }

    /** Capacity of the internal buffer; never more than {@code max(maxPacketSize, MIN_BUFFER_CAPACITY)}. */
    public int bufferCapacity()
    {
        return buffer.length;
    }

    /** The configured maximum packet size, header included. */
    public int maxPacketSize()
    {
        return maxPacketSize;
    }

    private void deliverBuffered(final BinRpcPacketHandler handler)
    {
        streamOffset += packet.length();
        try
        {
            handler.onPacket(packet);
        }
        finally
        {
            count = 0;
        }
    }

    private void fail(final BinRpcError cause)
    {
        status = Status.FAILED;
        error = cause;
        releaseBuffer();
    }

    private void releaseBuffer()
    {
        count = 0;
        buffer = EMPTY;
    }

    private void ensureCapacity(final int needed)
    {
        if (buffer.length >= needed)
        {
            return;
        }
        final int grown = Math.max(needed, Math.min(maxPacketSize, Math.max(MIN_BUFFER_CAPACITY, buffer.length * 2)));
        final byte[] bigger = new byte[Math.max(grown, MIN_BUFFER_CAPACITY)];
        System.arraycopy(buffer, 0, bigger, 0, count);
        buffer = bigger;
    }
}
