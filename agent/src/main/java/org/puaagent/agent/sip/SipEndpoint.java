package org.puaagent.agent.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The agent's own UDP I/O for SIP (no JAIN-SIP stack): one bound {@link DatagramChannel}, one receive thread
 * that parses each datagram ({@link SipMessageReader}) and offers the resulting event to a {@link Sink}
 * without blocking, and a send path used by the owner thread.
 *
 * <p>Threading: {@link #send} from the owner thread (any single thread); {@link #close} and
 * {@link #localAddress} from any thread; the receive thread is internal.
 */
public final class SipEndpoint implements AutoCloseable
{
    /** The largest UDP payload. */
    public static final int MAX_DATAGRAM = 65507;

    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final long JOIN_MILLIS = 2000;

    private final DatagramChannel channel;
    private final Sink sink;
    private final SipStatistics statistics;
    private final InetSocketAddress localAddress;
    private final Thread receiver;
    private volatile boolean closed;

    /**
     * Receives parsed messages. Called on the receive thread; must not block.
     */
    @FunctionalInterface
    public interface Sink
    {
        /**
         * @return false when the event could not be queued (it is then counted as dropped)
         */
        boolean offer(SipEvent event);
    }

    private SipEndpoint(final DatagramChannel channel, final Sink sink, final SipStatistics statistics,
        final String threadName) throws IOException
    {
        this.channel = channel;
        this.sink = sink;
        this.statistics = statistics;
        this.localAddress = (InetSocketAddress)channel.getLocalAddress();
        this.receiver = new Thread(this::receiveLoop, threadName);
        this.receiver.setDaemon(true);
    }

    /**
     * Binds the socket and starts the receive thread.
     *
     * @param listen     where to listen (UDP)
     * @param sink       where parsed messages go
     * @param statistics counters (parse errors, drops, sends)
     * @param threadName the receive thread's name
     */
    public static SipEndpoint open(final SipListenAddress listen, final Sink sink, final SipStatistics statistics,
        final String threadName) throws IOException
    {
        final InetSocketAddress address = listen.address();
        final DatagramChannel channel = DatagramChannel.open(
            address.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(address);
            final SipEndpoint endpoint = new SipEndpoint(channel, sink, statistics, threadName);
            endpoint.receiver.start();
            return endpoint;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /** The bound address (with the real port when 0 was asked for). Any thread. */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /**
     * Sends one message.
     *
     * @return false on an I/O error (counted in {@link SipStatistics#SEND_ERRORS})
     */
    public boolean send(final byte[] message, final InetSocketAddress destination)
    {
        try
        {
            channel.send(ByteBuffer.wrap(message), destination);
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            statistics.increment(SipStatistics.SEND_ERRORS);
            return false;
        }
    }

    /** Closes the socket and waits briefly for the receive thread to end. Any thread; idempotent. */
    @Override
    public void close()
    {
        closed = true;
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // nothing left to release
        }
        if (Thread.currentThread() != receiver)
        {
            try
            {
                receiver.join(JOIN_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void receiveLoop()
    {
        final SipMessageReader reader = new SipMessageReader();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
        while (!closed)
        {
            final SocketAddress from;
            buffer.clear();
            try
            {
                from = channel.receive(buffer);
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                if (closed)
                {
                    return;
                }
                continue;
            }
            if (null == from)
            {
                continue;
            }
            buffer.flip();
            final byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            if (isKeepAlive(datagram))
            {
                continue;
            }
            final SipEvent event = reader.read(datagram, (InetSocketAddress)from);
            if (null == event)
            {
                statistics.increment(SipStatistics.PARSE_ERRORS);
            }
            else if (!sink.offer(event))
            {
                statistics.increment(SipStatistics.EVENTS_DROPPED);
            }
        }
    }

    private static boolean isKeepAlive(final byte[] datagram)
    {
        for (final byte b : datagram)
        {
            if (b != '\r' && b != '\n' && b != ' ' && b != 0)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return "SipEndpoint[" + localAddress + "]";
    }
}
