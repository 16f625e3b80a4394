package org.puaagent.agent.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The agent's own UDP I/O for SIP (no JAIN-SIP stack): one bound non-blocking {@link DatagramChannel} that the
 * owner thread reads itself in each duty cycle ({@link #selectNow} then {@link #poll}: datagrams parsed by
 * {@link SipMessageReader} and handed to a {@link Sink}), and on which it waits when idle ({@link #await}, a
 * {@link Selector} that producers interrupt with {@link #wakeUp}). No receive thread: a response costs no thread
 * hand-off. The socket is read only when the selector reports it readable: one {@code epoll_wait} per cycle
 * serves the SIP socket and every listener sharing the selector, instead of a {@code recvfrom} that finds the
 * socket empty in most cycles (agent/BENCH-NOTES.md). Before a datagram is copied out of the receive buffer,
 * {@link #poll} looks at it there ({@link DatagramTriage}, a {@link Screen}) and drops what cannot be for the
 * agent, with no copy and no allocation (docs/sip-security.md). The embedded presence server reads its own socket
 * through an endpoint too, on its thread.
 *
 * <p>Threading: {@link #selectNow}, {@link #poll}, {@link #await} and {@link #send}: the owner thread (one thread:
 * the pipeline's, or the presence server's); {@link #wakeUp}, {@link #close} and {@link #localAddress}: any thread.
 */
public final class SipEndpoint implements AutoCloseable
{
    /** The largest UDP payload. */
    public static final int MAX_DATAGRAM = 65507;

    /**
     * Requests a second, at most, that are parsed and answered although nothing shows them to be for a dialog
     * the agent knows (OPTIONS pings, NOTIFYs of unknown dialogs that get 481): enough for any peer that means
     * well (a request shed is retransmitted by its sender), few enough that a flood of them cannot take the
     * owner's time from the responses it waits for. A JAIN-SIP parse and answer costs some 25 us when compiled
     * and far more while the parser is still cold: with 2000 a second, a flood against a freshly started agent
     * delayed a publish by 1.6 s (two of its responses lost in the full socket buffer); with 500, by at most
     * 0.8 s (docs/sip-security.md).
     */
    public static final int UNKNOWN_REQUESTS_PER_SECOND = 500;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final SipStatistics statistics;
    private final InetSocketAddress localAddress;
    private final SipMessageReader reader = new SipMessageReader();
    private final DatagramTriage triage = new DatagramTriage();
    private final Ration unknownRequests;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private volatile boolean closed;

    /**
     * Receives parsed messages. Called on the owner thread (inside {@link #poll}).
     */
    @FunctionalInterface
    public interface Sink
    {
        void accept(SipEvent event);
    }

    /**
     * Tells, from the bytes in the receive buffer, before a datagram is copied or parsed, whether it may be for
     * the agent: a response by its top Via branch ({@link ClientTransactions#mayBeLive}), a request by its
     * Call-ID (the dialogs the agent knows). Called on the owner thread; must not allocate, block, or keep the
     * buffer.
     */
    public interface Screen
    {
        /** Everything may be for the agent: every datagram that looks like SIP is parsed. */
        Screen NONE = new Screen()
        {
            @Override
            public boolean mayBeLiveBranch(final ByteBuffer datagram, final int start, final int end)
            {
                return true;
            }

            @Override
            public boolean mayBeKnownDialog(final ByteBuffer datagram, final int start, final int end)
            {
                return true;
            }
        };

        /** @return false when no live client transaction has the branch {@code datagram[start, end)} */
        boolean mayBeLiveBranch(ByteBuffer datagram, int start, int end);

        /** @return false when no dialog the agent knows has the Call-ID {@code datagram[start, end)} */
        boolean mayBeKnownDialog(ByteBuffer datagram, int start, int end);
    }

    private SipEndpoint(final DatagramChannel channel, final Selector selector, final SelectionKey key,
        final SipStatistics statistics, final int unknownRequestsPerSecond) throws IOException
    {
        this.unknownRequests = new Ration(unknownRequestsPerSecond);
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.statistics = statistics;
        this.localAddress = (InetSocketAddress)channel.getLocalAddress();
    }

    /**
     * Binds the socket (non-blocking, registered for reading with its own selector).
     *
     * @param listen     where to listen (UDP)
     * @param statistics counters (parse errors, sends)
     */
    public static SipEndpoint open(final SipListenAddress listen, final SipStatistics statistics) throws IOException
    {
        return open(listen, statistics, UNKNOWN_REQUESTS_PER_SECOND);
    }

    /**
     * {@link #open(SipListenAddress, SipStatistics)} with another ration of requests for no known dialog (tests).
     */
    static SipEndpoint open(final SipListenAddress listen, final SipStatistics statistics,
        final int unknownRequestsPerSecond) throws IOException
    {
        final InetSocketAddress address = listen.address();
        final DatagramChannel channel = DatagramChannel.open(
            address.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        Selector selector = null;
        try
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(address);
            channel.configureBlocking(false);
            selector = Selector.open();
            final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            return new SipEndpoint(channel, selector, key, statistics, unknownRequestsPerSecond);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            if (null != selector)
            {
                selector.close();
            }
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

    /**
     * Selects without waiting: starts a duty cycle. The selected keys are cleared first, so that afterwards they
     * hold exactly what is ready now, for {@link #poll} and for the listeners sharing the selector (each removes
     * its own keys as it serves them). Owner thread.
     */
    public void selectNow()
    {
        try
        {
            selector.selectedKeys().clear();
            selector.selectNow();
        }
        catch (final IOException | ClosedSelectorException ex)
        {
            // closed: the owner's loop looks at its own state next
        }
    }

    /** {@link #poll(Sink, Screen, int)} parsing everything that looks like SIP. Owner thread. */
    public int poll(final Sink sink, final int max)
    {
        return poll(sink, Screen.NONE, max);
    }

    /**
     * When the last select ({@link #selectNow} or {@link #await}) found the socket readable, reads the datagrams
     * waiting on it, at most {@code max}, and hands each parsed message to {@code sink}. Each datagram is first
     * looked at where it was received ({@link DatagramTriage}), and dropped there, counted, with no copy and no
     * allocation, when it is a keep-alive ({@link SipStatistics#KEEP_ALIVES}), not SIP by its first line
     * ({@link SipStatistics#PARSE_ERRORS}), a response whose plainly written top Via branch no live
     * transaction has ({@link SipStatistics#STRAY_RESPONSES}), or a request not shown by its Call-ID to be for
     * a dialog the agent knows once more than {@value #UNKNOWN_REQUESTS_PER_SECOND} of those arrived in the
     * last second ({@link SipStatistics#REQUESTS_SHED}; those within the ration are parsed and answered as
     * usual). The rest is copied out and parsed (unparsable ones counted in {@link SipStatistics#PARSE_ERRORS}).
     * With {@code max} datagrams read it stops without looking for more: the selector reports the socket again
     * in the next cycle while datagrams wait, and the owner takes its commands in between. Never blocks. Owner
     * thread.
     *
     * @param screen what may be for the agent
     * @return the number of datagrams read
     */
    public int poll(final Sink sink, final Screen screen, final int max)
    {
        if (!selector.selectedKeys().remove(key))
        {
            return 0;
        }
        int read = 0;
        while (read < max)
        {
            final SocketAddress from;
            buffer.clear();
            try
            {
                from = channel.receive(buffer);
            }
            catch (final IOException ex)
            {
                return read;
            }
            if (null == from)
            {
                return read;
            }
            read++;
            buffer.flip();
            if (!isWorthParsing(screen))
            {
                continue;
            }
            final byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            final SipEvent event = reader.read(datagram, (InetSocketAddress)from);
            if (null == event)
            {
                statistics.increment(SipStatistics.PARSE_ERRORS);
            }
            else
            {
                sink.accept(event);
            }
        }
        return read;
    }

    /**
     * Waits until a datagram can be read, {@link #wakeUp} is called (also before this call, since the last
     * wait), the endpoint is closed, or {@code timeoutMillis} passed; the selected keys then hold what is ready,
     * as after {@link #selectNow}. Owner thread.
     *
     * @param timeoutMillis at least 1
     */
    public void await(final long timeoutMillis)
    {
        try
        {
            // a key still in the selected set (one no duty served) would not end the select when its channel
            // becomes ready again
            selector.selectedKeys().clear();
            selector.select(Math.max(1, timeoutMillis));
        }
        catch (final IOException | ClosedSelectorException ex)
        {
            // closed or interrupted: the owner's loop looks at its own state next
        }
    }

    /**
     * The selector {@link #await} waits on, which stream listeners may share (their channels then end the wait
     * too). Any thread; registering channels with it is thread-safe.
     */
    public Selector selector()
    {
        return selector;
    }

    /** Makes the current or next {@link #await} return at once. Any thread. */
    public void wakeUp()
    {
        try
        {
            selector.wakeup();
        }
        catch (final ClosedSelectorException ex)
        {
            // closed: nobody waits any more
        }
    }

    /** Closes the socket and its selector. Any thread; idempotent. */
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
        try
        {
            selector.close();
        }
        catch (final IOException ignored)
        {
            // nothing left to release
        }
    }

    /** Whether {@link #close} was called. Any thread. */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * The look before the copy: false (counted) for a keep-alive, garbage, a response to no live branch, or a
     * request for no known dialog beyond the ration.
     */
    private boolean isWorthParsing(final Screen screen)
    {
        switch (triage.classify(buffer))
        {
            case DatagramTriage.KEEP_ALIVE:
                statistics.increment(SipStatistics.KEEP_ALIVES);
                return false;
            case DatagramTriage.GARBAGE:
                statistics.increment(SipStatistics.PARSE_ERRORS);
                return false;
            case DatagramTriage.RESPONSE:
                if (triage.hasToken() && !screen.mayBeLiveBranch(buffer, triage.tokenStart(), triage.tokenEnd()))
                {
                    statistics.increment(SipStatistics.STRAY_RESPONSES);
                    return false;
                }
                return true;
            default:
                if ((!triage.hasToken() || !screen.mayBeKnownDialog(buffer, triage.tokenStart(), triage.tokenEnd()))
                    && !unknownRequests.tryTake(System.nanoTime()))
                {
                    statistics.increment(SipStatistics.REQUESTS_SHED);
                    return false;
                }
                return true;
        }
    }

    @Override
    public String toString()
    {
        return "SipEndpoint[" + localAddress + "]";
    }
}
