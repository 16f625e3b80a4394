package org.puaagent.agent.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * A UDP listener for one-packet-per-datagram protocols (binrpc over UDP). One receive thread blocks on the
 * channel and hands each datagram to the handler; replies go back to the datagram's source through
 * {@link #send}, from any thread (DatagramChannel serialises concurrent writers).
 */
public final class DatagramServer implements AutoCloseable
{
    /** What to do with one datagram. Called on the receive thread; must not block. */
    @FunctionalInterface
    public interface Handler
    {
        void onDatagram(ByteBuffer datagram, SocketAddress source);
    }

    private static final int MAX_DATAGRAM = 65535;

    private final ListenAddress address;
    private final AgentCounters counters;
    private DatagramChannel channel;
    private Handler handler;
    private Thread thread;
    private volatile boolean running;

    public DatagramServer(final ListenAddress address, final AgentCounters counters)
    {
        this.address = address;
        this.counters = counters;
    }

    public void start(final Handler handler, final String threadName) throws IOException
    {
        this.handler = handler;
        channel = DatagramChannel.open();
        channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(address.socketAddress());
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public int localPort() throws IOException
    {
        return ((java.net.InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Sends one datagram. Any thread. */
    public void send(final byte[] bytes, final SocketAddress to)
    {
        if (bytes.length > MAX_DATAGRAM)
        {
            counters.increment("errors.datagram_reply_too_big");
            return;
        }
        try
        {
            channel.send(ByteBuffer.wrap(bytes), to);
        }
        catch (final IOException ex)
        {
            counters.increment("errors.datagram_send");
        }
    }

    private void loop()
    {
        final ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (running)
        {
            try
            {
                buf.clear();
                final SocketAddress from = channel.receive(buf);
                buf.flip();
                handler.onDatagram(buf, from);
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    counters.increment("errors.datagram_receive");
                }
                else
                {
                    return;
                }
            }
            catch (final RuntimeException ex)
            {
                counters.increment("errors.internal");
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            if (null != channel)
            {
                channel.close();
            }
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
    }
}
