package org.puaagent.agent.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;

/**
 * A UDP listener for one-packet-per-datagram protocols (binrpc over UDP). One receive thread blocks on the
 * channel and hands each datagram to the handler; replies go back to the datagram's source through
 * {@link #send}, from any thread (DatagramChannel serialises concurrent writers). Each datagram is handled
 * inside a catch of {@link Throwable}: an exception is counted ({@code errors.internal}) and the next datagram is
 * read; an Error ends the process ({@link Fatal#check}).
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
    private final LongAdder internalErrors;
    private final LongAdder receiveErrors;
    private final LongAdder sendErrors;
    private final LongAdder replyTooBig;
    private DatagramChannel channel;
    private Handler handler;
    private Thread thread;
    private volatile boolean running;

    public DatagramServer(final ListenAddress address, final AgentCounters counters)
    {
        this.address = address;
        this.internalErrors = counters.adder("errors.internal");
        this.receiveErrors = counters.adder("errors.datagram_receive");
        this.sendErrors = counters.adder("errors.datagram_send");
        this.replyTooBig = counters.adder("errors.datagram_reply_too_big");
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
            replyTooBig.increment();
            return;
        }
        try
        {
            channel.send(ByteBuffer.wrap(bytes), to);
        }
        catch (final IOException ex)
        {
            sendErrors.increment();
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
                    receiveErrors.increment();
                }
                else
                {
                    return;
                }
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                internalErrors.increment();
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
