package org.puaagent.agent.transport.http;

import org.xnio.StreamConnection;

/**
 * The phase of one HTTP connection and since when it is in it, for the deadlines of {@link HttpConnections}; and
 * what must be released if the connection closes in the middle of a request (a body being received holds part
 * of the listener's body budget).
 *
 * <p>Threading: the connection's I/O thread only (the handlers, the answer writes and the sweep all run there);
 * {@link #closed} may come from another thread at shutdown.
 */
public final class ConnectionState
{
    private final StreamConnection channel;
    private final AnswerWritten written = new AnswerWritten(this);
    private ConnectionPhase phase = ConnectionPhase.NEW;
    private long sinceNanos;
    private volatile Runnable onClose;

    ConnectionState(final StreamConnection channel, final long nowNanos)
    {
        this.channel = channel;
        this.sinceNanos = nowNanos;
    }

    /** The connection now carries an event stream: no deadline (the stream has its own stall rule). */
    public void streaming()
    {
        enter(ConnectionPhase.STREAMING);
    }

    /** What ends an answer's write on this connection. */
    AnswerWritten written()
    {
        return written;
    }

    StreamConnection channel()
    {
        return channel;
    }

    ConnectionPhase phase()
    {
        return phase;
    }

    long sinceNanos()
    {
        return sinceNanos;
    }

    void enter(final ConnectionPhase next)
    {
        phase = next;
        sinceNanos = System.nanoTime();
    }

    /** Runs {@code task} if the connection closes before {@link #clearOnClose}; one task at a time. */
    void onClose(final Runnable task)
    {
        onClose = task;
    }

    void clearOnClose()
    {
        onClose = null;
    }

    void closed()
    {
        final Runnable task = onClose;
        onClose = null;
        if (null != task)
        {
            task.run();
        }
    }
}
