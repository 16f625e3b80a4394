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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.puaagent.agent.rpc.AgentCounters;

/**
 * A non-blocking stream listener (TCP or unix stream socket) with one selector thread that accepts, reads and
 * writes every connection. Sessions decode on that thread and hand calls on; replies come back from any
 * thread through {@link StreamConnection#send}, which queues the bytes and wakes the selector. Connections
 * beyond {@code maxConnections} are accepted and closed at once, as Kamailio's ctl does. Long-lived sessions
 * (the SSE stream) also run tasks on the selector thread ({@link #execute}) and periodic ones ({@link #every}).
 *
 * <p>It runs either on a selector thread of its own ({@link #start}) or on another thread's selector
 * ({@link #startOn}: the pipeline owner's, which selects once per duty cycle and then calls
 * {@link #serveSelected}), so that a request is
 * read, decoded and handed to the pipeline without a thread hand-off. "The selector thread" below is that
 * thread in either case.
 *
 * <p>Threading: construct and {@link #start}/{@link #startOn} on one thread; the selector thread owns every
 * channel and runs the tasks; {@link #execute} and {@link #close} from any thread; {@link #every} and
 * {@link Periodic#cancel} on the selector thread.
 */
public final class StreamServer implements AutoCloseable
{
    private static final int READ_BUFFER = 64 * 1024;
    /** The agent's limit of connections per listener (beyond it: accepted and closed, as Kamailio's ctl does). */
    public static final int MAX_CONNECTIONS = 1024;

    private final ListenAddress address;
    private final Function<StreamConnection, StreamSession> sessions;
    private final AgentCounters counters;
    private final int maxConnections;
    private final int unixMode;
    private final ConcurrentLinkedQueue<StreamConnection> wantWrite = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Selector thread only. */
    private final List<Periodic> periodic = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;
    /** Set when serving on another thread's selector ({@link #startOn}); then there is no own thread. */
    private SharedSelector shared;
    private volatile boolean running;
    private int connections;
    /** The open connections, selector thread only (for closing them when serving on a shared selector). */
    private final Set<StreamConnection> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public StreamServer(final ListenAddress address, final Function<StreamConnection, StreamSession> sessions,
        final AgentCounters counters, final int maxConnections, final int unixMode)
    {
        this.address = address;
        this.sessions = sessions;
        this.counters = counters;
        this.maxConnections = maxConnections;
        this.unixMode = unixMode;
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
     * {@code host}'s selector and {@link #serveSelected} becomes one of its duties. Periodic tasks then run no later than
     * the host's next duty cycle.
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
            server.bind(address.socketAddress(), 1024);
        }
        server.configureBlocking(false);
    }

    /** The bound port (TCP), for tests that bind port 0. */
    public int localPort() throws IOException
    {
        return ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
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

    /** Runs {@code task} on the selector thread, soon. Any thread. @throws RejectedExecutionException stopped */
    public void execute(final Runnable task)
    {
        if (!running)
        {
            throw new RejectedExecutionException("stream server stopped");
        }
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the selector thread every {@code millis} ms from now. Selector thread only. */
    public Periodic every(final long millis, final Runnable task)
    {
        final Periodic p = new Periodic(TimeUnit.MILLISECONDS.toNanos(millis), task);
        p.due = System.nanoTime() + p.intervalNanos;
        periodic.add(p);
        return p;
    }

    /** A task run at an interval on the selector thread; {@link #cancel} on that thread. */
    public final class Periodic
    {
        private final long intervalNanos;
        private final Runnable task;
        private long due;

        private Periodic(final long intervalNanos, final Runnable task)
        {
            this.intervalNanos = intervalNanos;
            this.task = task;
        }

        public void cancel()
        {
            periodic.remove(this);
        }
    }

    /** Milliseconds until the next periodic task is due (0: none, wait without limit). */
    private long nextTimeoutMillis(final long now)
    {
        long timeout = 0;
        for (final Periodic p : periodic)
        {
            final long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(p.due - now) + 1);
            timeout = 0 == timeout ? left : Math.min(timeout, left);
        }
        return timeout;
    }

    /** Runs the queued tasks and the due periodic ones. @return how many ran */
    private int runTasks()
    {
        int ran = 0;
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            ran++;
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                counters.increment("errors.internal");
            }
        }
        if (periodic.isEmpty())
        {
            return ran;
        }
        final long now = System.nanoTime();
        // by index, no copy per loop: a task that cancels itself shifts the rest to the next pass
        for (int i = 0; i < periodic.size(); i++)
        {
            final Periodic p = periodic.get(i);
            if (now - p.due >= 0)
            {
                ran++;
                p.due = now + p.intervalNanos;
                try
                {
                    p.task.run();
                }
                catch (final RuntimeException ex)
                {
                    counters.increment("errors.internal");
                }
            }
        }
        return ran;
    }

    private void loop()
    {
        while (running)
        {
            try
            {
                // a key left selected (a pass cut short by an exception) would not end the select: start afresh
                selector.selectedKeys().clear();
                if (periodic.isEmpty())
                {
                    selector.select();
                }
                else
                {
                    selector.select(nextTimeoutMillis(System.nanoTime()));
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                counters.increment("errors.transport_loop");
                continue;
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
        return running ? serveReady() : 0;
    }

    /**
     * Runs the due tasks, flushes connections waiting to write, then accepts and reads what the last select found
     * ready among this listener's keys; keys of others sharing the selector stay selected for them.
     *
     * @return the amount of work done
     */
    private int serveReady()
    {
        int work = 0;
        try
        {
            work += runTasks();
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
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.increment("errors.transport_loop");
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
        if (connections >= maxConnections)
        {
            counters.increment("errors.too_many_connections");
            ch.close();
            return;
        }
        connections++;
        ch.configureBlocking(false);
        if (address.kind() == ListenAddress.Kind.TCP)
        {
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        }
        final StreamConnection conn = new StreamConnection(this, ch);
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
        }
        catch (final RuntimeException ex)
        {
            counters.increment("errors.internal");
            conn.close();
        }
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
                thread.join(2000);
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
                // the selector thread has ended: closing here, each session hears onClose (the SSE gauge drops)
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
                            counters.increment("errors.internal");
                        }
                    }
                    else
                    {
                        k.channel().close();
                    }
                }
                selector.close();
            }
            if (address.kind() == ListenAddress.Kind.UNIX_STREAM)
            {
                Files.deleteIfExists(Path.of(address.path()));
            }
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
        tasks.add(() ->
        {
            closeChannels();
            try
            {
                // a channel registered with a selector is really closed only when its key is deregistered, in
                // the selector's next select: do it now, so that the port refuses connections when close returns
                selector.selectNow();
            }
            catch (final IOException | RuntimeException ignored)
            {
                // the host's selector is closing too
            }
            done.countDown();
        });
        boolean ran = false;
        try
        {
            selector.wakeup();
            ran = done.await(2, TimeUnit.SECONDS);
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
            closeChannels();
        }
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
                counters.increment("errors.internal");
            }
        }
        open.clear();
    }
}
