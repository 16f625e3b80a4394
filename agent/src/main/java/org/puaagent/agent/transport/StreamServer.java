package org.puaagent.agent.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;

/**
 * A non-blocking stream listener (TCP or unix stream socket: binrpc) with one selector thread that accepts, reads
 * and writes every connection. Sessions decode on that thread and hand calls on; replies come back from any
 * thread through {@link StreamConnection#send}, which writes at once when it can and otherwise queues the bytes
 * and wakes the selector.
 *
 * <p>Bounds ({@link StreamLimits}): connections beyond {@code maxConnections} are accepted and closed at once, as
 * Kamailio's ctl does; a connection whose unsent replies exceed {@code maxQueuedBytes} is not read until half of
 * them are written; a sweep, a few times per timeout, closes a connection that sat idle, left a packet unfinished,
 * or did not take its replies for too long. Each of these is counted.
 *
 * <p>It runs either on a selector thread of its own ({@link #start}) or on another thread's selector
 * ({@link #startOn}: the pipeline owner's, which selects once per duty cycle and then calls
 * {@link #serveSelected}), so that a request is read, decoded and handed to the pipeline without a thread
 * hand-off. "The selector thread" below is that thread in either case.
 *
 * <p>Threading: construct and {@link #start}/{@link #startOn} on one thread; the selector thread owns every channel;
 * {@link #close} from any thread.
 */
public final class StreamServer implements AutoCloseable
{
    private static final int READ_BUFFER = 64 * 1024;
    private static final int BACKLOG = 1024;
    private static final long MIN_SWEEP_MILLIS = 10;
    private static final long MAX_SWEEP_MILLIS = 1000;
    private static final int SWEEPS_PER_TIMEOUT = 4;
    private static final long CLOSE_WAIT_SECONDS = 2;

    private final ListenAddress address;
    private final Function<StreamConnection, StreamSession> sessions;
    private final AgentCounters counters;
    private final StreamLimits limits;
    private final int unixMode;
    private final long sweepMillis;
    private final long sweepNanos;
    private final long idleNanos;
    private final long requestNanos;
    private final ConcurrentLinkedQueue<StreamConnection> wantWrite = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    /** The open connections, selector thread only (for the sweep, and for closing them). */
    private final Set<StreamConnection> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<StreamConnection> expired = new ArrayList<>();
    private final LongAdder refused;
    private final LongAdder idleClosed;
    private final LongAdder requestTimeouts;
    private final LongAdder writeTimeouts;
    private final LongAdder readsPaused;
    private final LongAdder loopErrors;
    private final LongAdder internalErrors;
    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;
    /** Set when serving on another thread's selector ({@link #startOn}); then there is no own thread. */
    private SharedSelector shared;
    private volatile boolean running;
    /** A close asked from another thread while serving on a shared selector: done by the selector thread. */
    private volatile CountDownLatch closing;
    private int connections;
    private long lastSweepNanos = System.nanoTime();

    public StreamServer(final ListenAddress address, final Function<StreamConnection, StreamSession> sessions,
        final AgentCounters counters, final StreamLimits limits, final int unixMode)
    {
        this.address = address;
        this.sessions = sessions;
        this.counters = counters;
        this.limits = limits;
        this.unixMode = unixMode;
        this.sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS,
            Math.min(limits.idleTimeoutMillis(), limits.requestTimeoutMillis()) / SWEEPS_PER_TIMEOUT));
        this.sweepNanos = TimeUnit.MILLISECONDS.toNanos(sweepMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
        this.requestNanos = TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMillis());
        this.refused = counters.adder("errors.too_many_connections");
        this.idleClosed = counters.adder("binrpc.idle_closed");
        this.requestTimeouts = counters.adder("errors.binrpc_request_timeout");
        this.writeTimeouts = counters.adder("errors.binrpc_write_timeout");
        this.readsPaused = counters.adder("binrpc.reads_paused");
        this.loopErrors = counters.adder("errors.transport_loop");
        this.internalErrors = counters.adder("errors.internal");
    }

    /** Binds and starts the selector thread. */
    public void start(final String threadName) throws IOException
    {
        selector = Selector.open();
        bind();
        server.register(selector, SelectionKey.OP_ACCEPT, this);
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Binds and serves on another thread's selector (no thread of its own): the channels are registered with
     * {@code host}'s selector and {@link #serveSelected} becomes one of its duties.
     */
    public void startOn(final SharedSelector host) throws IOException
    {
        shared = host;
        selector = host.selector();
        bind();
        server.register(selector, SelectionKey.OP_ACCEPT, this);
        running = true;
        host.addDuty().accept(this::serveSelected);
    }

    private void bind() throws IOException
    {
        if (address.kind() == ListenAddress.Kind.UNIX_STREAM)
        {
            final Path path = Path.of(address.path());
            Files.deleteIfExists(path);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(address.socketAddress());
            Files.setPosixFilePermissions(path, Fifo.permissions(unixMode));
        }
        else
        {
            server = ServerSocketChannel.open();
            server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address.socketAddress(), BACKLOG);
        }
        server.configureBlocking(false);
    }

    /** The bound port (TCP), for tests that bind port 0. */
    public int localPort() throws IOException
    {
        return ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** The listener's limits. */
    StreamLimits limits()
    {
        return limits;
    }

    /** Open connections now (selector thread; read elsewhere it is a hint). */
    public int openConnections()
    {
        return connections;
    }

    void wantWrite(final StreamConnection c)
    {
        wantWrite.add(c);
        selector.wakeup();
    }

    void closed(final StreamConnection c)
    {
        connections--;
        open.remove(c);
    }

    void readsPaused()
    {
        readsPaused.increment();
    }

    private void loop()
    {
        while (running)
        {
            try
            {
                // a key left selected (a pass cut short by an exception) would not end the select: start afresh
                selector.selectedKeys().clear();
                selector.select(sweepMillis);
            }
            catch (final IOException | RuntimeException ex)
            {
                loopErrors.increment();
                continue;
            }
            catch (final Throwable t)
            {
                Fatal.check(t);
            }
            serveReady();
        }
    }

    /**
     * One pass over the shared selector ({@link #startOn} only; the host's thread, after its select): serves the
     * keys of this listener that the host's last select found ready, as one turn of the own thread's loop. Never
     * blocks, never selects.
     *
     * @return the amount of work done (0: nothing was ready)
     */
    public int serveSelected()
    {
        return running || null != closing ? serveReady() : 0;
    }

    /**
     * Flushes connections waiting to write, then accepts and reads what the last select found ready among this
     * listener's keys (keys of others sharing the selector stay selected for them), then sweeps when it is time.
     *
     * @return the amount of work done
     */
    private int serveReady()
    {
        int work = 0;
        try
        {
            final CountDownLatch close = closing;
            if (null != close)
            {
                closeChannels();
                closing = null;
                close.countDown();
                return 1;
            }
            StreamConnection c;
            while ((c = wantWrite.poll()) != null)
            {
                work++;
                if (!c.isClosed())
                {
                    flush(c);
                }
            }
            final Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext())
            {
                final SelectionKey key = it.next();
                final Object attachment = key.attachment();
                if (attachment == this)
                {
                    it.remove();
                    work++;
                    if (key.isValid() && key.isAcceptable())
                    {
                        accept();
                    }
                }
                else if (attachment instanceof StreamConnection conn && conn.server() == this)
                {
                    it.remove();
                    work++;
                    if (key.isValid() && key.isWritable())
                    {
                        flush(conn);
                    }
                    if (key.isValid() && key.isReadable())
                    {
                        read(conn, (SocketChannel) key.channel());
                    }
                }
            }
            final long now = System.nanoTime();
            if (now - lastSweepNanos >= sweepNanos)
            {
                lastSweepNanos = now;
                sweep(now);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            loopErrors.increment();
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            internalErrors.increment();
        }
        return work;
    }

    private void accept() throws IOException
    {
        final SocketChannel ch = server.accept();
        if (null == ch)
        {
            return;
        }
        if (connections >= limits.maxConnections())
        {
            refused.increment();
            ch.close();
            return;
        }
        connections++;
        ch.configureBlocking(false);
        if (address.kind() == ListenAddress.Kind.TCP)
        {
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        }
        final StreamConnection conn = new StreamConnection(this, ch, System.nanoTime());
        open.add(conn);
        final SelectionKey key = ch.register(selector, SelectionKey.OP_READ, conn);
        conn.attach(key, sessions.apply(conn));
    }

    private void flush(final StreamConnection conn)
    {
        try
        {
            conn.flush();
        }
        catch (final IOException ex)
        {
            conn.close();
        }
    }

    private void read(final StreamConnection conn, final SocketChannel ch)
    {
        readBuffer.clear();
        final int n;
        try
        {
            n = ch.read(readBuffer);
        }
        catch (final IOException ex)
        {
            conn.close();
            return;
        }
        if (n < 0)
        {
            conn.close();
            return;
        }
        readBuffer.flip();
        try
        {
            conn.session().onBytes(readBuffer);
            conn.received(System.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            internalErrors.increment();
            conn.close();
        }
    }

    /** Closes the connections that stayed too long idle, in an unfinished packet, or with replies not taken. */
    private void sweep(final long now)
    {
        for (final StreamConnection conn : open)
        {
            if (conn.expiry(now, idleNanos, requestNanos) != StreamConnection.Expiry.NONE)
            {
                expired.add(conn);
            }
        }
        for (final StreamConnection conn : expired)
        {
            switch (conn.expiry(now, idleNanos, requestNanos))
            {
                case IDLE -> idleClosed.increment();
                case UNFINISHED_REQUEST -> requestTimeouts.increment();
                case REPLIES_NOT_TAKEN -> writeTimeouts.increment();
                default ->
                {
                    continue;
                }
            }
            conn.close();
        }
        expired.clear();
    }

    @Override
    public void close()
    {
        if (null != shared)
        {
            closeShared();
            return;
        }
        running = false;
        if (null != selector)
        {
            selector.wakeup();
        }
        if (null != thread)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try
        {
            if (null != server)
            {
                server.close();
            }
            if (null != selector && selector.isOpen())
            {
                // the selector thread has ended: closing here, each session hears onClose
                for (final SelectionKey k : List.copyOf(selector.keys()))
                {
                    if (k.attachment() instanceof StreamConnection conn)
                    {
                        try
                        {
                            conn.close();
                        }
                        catch (final RuntimeException ex)
                        {
                            internalErrors.increment();
                        }
                    }
                    else
                    {
                        k.channel().close();
                    }
                }
                selector.close();
            }
            deleteSocketFile();
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
    }

    /**
     * Closing on a shared selector: the host's thread closes the listener and every connection (each session
     * hears onClose) in its next cycle; when it does not within 2 s (it has stopped), this thread does. The
     * shared selector stays open.
     */
    private void closeShared()
    {
        if (!server.isOpen())
        {
            return;
        }
        final CountDownLatch done = new CountDownLatch(1);
        closing = done;
        running = false;
        boolean ran = false;
        try
        {
            selector.wakeup();
            ran = done.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ClosedSelectorException ex)
        {
            // the host has closed its selector: nobody polls any more
        }
        if (!ran)
        {
            closing = null;
            closeChannels();
        }
        deleteSocketFile();
    }

    private void deleteSocketFile()
    {
        if (address.kind() == ListenAddress.Kind.UNIX_STREAM)
        {
            try
            {
                Files.deleteIfExists(Path.of(address.path()));
            }
            catch (final IOException ignored)
            {
                // shutting down
            }
        }
    }

    private void closeChannels()
    {
        running = false;
        try
        {
            server.close();
        }
        catch (final IOException ignored)
        {
            // shutting down
        }
        for (final StreamConnection conn : List.copyOf(open))
        {
            try
            {
                conn.close();
            }
            catch (final RuntimeException ex)
            {
                internalErrors.increment();
            }
        }
        open.clear();
        if (null != shared)
        {
            try
            {
                // a channel registered with a selector is really closed only when its key is deregistered, in the
                // selector's next select: do it now, so that the port refuses connections when close returns
                selector.selectNow();
            }
            catch (final IOException | RuntimeException ignored)
            {
                // the host's selector is closing too
            }
        }
    }
}
