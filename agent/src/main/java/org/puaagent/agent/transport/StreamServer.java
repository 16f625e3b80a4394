package org.puaagent.agent.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>Threading: construct and {@link #start} on one thread; the selector thread owns every channel and runs
 * the tasks; {@link #execute} from any thread; {@link #every} and {@link Periodic#cancel} on the selector thread.
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
    private volatile boolean running;
    private int connections;

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
        server.register(selector, SelectionKey.OP_ACCEPT);
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
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

    private void runTasks()
    {
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
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
            return;
        }
        final long now = System.nanoTime();
        // by index, no copy per loop: a task that cancels itself shifts the rest to the next pass
        for (int i = 0; i < periodic.size(); i++)
        {
            final Periodic p = periodic.get(i);
            if (now - p.due >= 0)
            {
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
    }

    private void loop()
    {
        while (running)
        {
            try
            {
                if (periodic.isEmpty())
                {
                    selector.select();
                }
                else
                {
                    selector.select(nextTimeoutMillis(System.nanoTime()));
                }
                runTasks();
                StreamConnection c;
                while ((c = wantWrite.poll()) != null)
                {
                    if (!c.isClosed())
                    {
                        flush(c);
                    }
                }
                final Set<SelectionKey> keys = selector.selectedKeys();
                for (final SelectionKey key : keys)
                {
                    if (!key.isValid())
                    {
                        continue;
                    }
                    if (key.isAcceptable())
                    {
                        accept();
                    }
                    else
                    {
                        final StreamConnection conn = (StreamConnection) key.attachment();
                        if (key.isWritable())
                        {
                            flush(conn);
                        }
                        if (key.isValid() && key.isReadable())
                        {
                            read(conn, (SocketChannel) key.channel());
                        }
                    }
                }
                keys.clear();
            }
            catch (final IOException | RuntimeException ex)
            {
                counters.increment("errors.transport_loop");
            }
        }
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
}
