package org.puaagent.agent.transport.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.channels.AcceptingChannel;

/**
 * The connections of one HTTP listener: accepts them up to {@link HttpLimits#maxConnections()}, hands each to
 * Undertow, and keeps its {@link ConnectionState}. At the cap, the oldest connection of the accepting I/O thread
 * that holds nothing the agent works on is closed to make room ({@code http.evicted}): first one that has not
 * completed a request (a new one without a complete head, one whose body stalls) or that is closing, and only when
 * there is none of those a kept-alive idle one; so stale or hostile connections cannot keep a client out, and
 * clients that work with the agent keep theirs. Only when there is none is the new connection closed at once
 * ({@code errors.http_too_many_connections}). A sweep on every I/O thread, a few times per timeout, closes what
 * stays too long in a phase with a deadline: a new connection without a complete request head, a body that does
 * not arrive, an answer the client does not take ({@link HttpLimits#requestTimeoutMillis()}), a kept-alive
 * connection without a new request ({@link HttpLimits#idleTimeoutMillis()}), a connection whose last answer is
 * written ({@value #LINGER_MILLIS} ms); each kind of close has its counter. (A later request head that does not
 * complete in time is closed by Undertow's own request-parse timeout.)
 *
 * <p>Threading: XNIO hands every accepted connection to the accept listener on that connection's own I/O thread,
 * and all of a connection's events happen there: each thread's table is touched by that thread only (a close
 * seen on another thread, at shutdown, is passed to it). The open count is atomic.
 */
final class HttpConnections implements ChannelListener<AcceptingChannel<StreamConnection>>
{
    private static final long MIN_SWEEP_MILLIS = 10;
    private static final long MAX_SWEEP_MILLIS = 1000;
    private static final int SWEEPS_PER_TIMEOUT = 4;
    /** How long a client has to close a connection after its last answer. */
    static final long LINGER_MILLIS = 2000;

    private final ChannelListener<StreamConnection> openListener;
    private final int maxConnections;
    private final long idleNanos;
    private final long requestNanos;
    private final long lingerNanos;
    private final long sweepMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<XnioIoThread, ThreadTable> tables = new ConcurrentHashMap<>();
    private final LongAdder openGauge;
    private final LongAdder accepted;
    private final LongAdder refused;
    private final LongAdder evicted;
    private final LongAdder headTimeouts;
    private final LongAdder idleClosed;
    private final LongAdder bodyTimeouts;
    private final LongAdder writeTimeouts;
    private final LongAdder internalErrors;

    HttpConnections(final ChannelListener<StreamConnection> openListener, final HttpLimits limits,
        final AgentCounters counters)
    {
        this.openListener = openListener;
        this.maxConnections = limits.maxConnections();
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
        this.requestNanos = TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMillis());
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(LINGER_MILLIS, limits.requestTimeoutMillis()));
        this.sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS,
            Math.min(limits.idleTimeoutMillis(), limits.requestTimeoutMillis()) / SWEEPS_PER_TIMEOUT));
        this.openGauge = counters.adder("http.connections_open");
        this.accepted = counters.adder("http.connections_accepted");
        this.refused = counters.adder("errors.http_too_many_connections");
        this.evicted = counters.adder("http.evicted");
        this.headTimeouts = counters.adder("errors.http_head_timeout");
        this.idleClosed = counters.adder("http.idle_closed");
        this.bodyTimeouts = counters.adder("errors.http_body_timeout");
        this.writeTimeouts = counters.adder("errors.http_write_timeout");
        this.internalErrors = counters.adder("errors.internal");
    }

    /** The number of open connections. Any thread. */
    int open()
    {
        return open.get();
    }

    @Override
    public void handleEvent(final AcceptingChannel<StreamConnection> server)
    {
        try
        {
            final StreamConnection channel = server.accept();
            if (null != channel)
            {
                admit(channel);
            }
        }
        catch (final IOException ex)
        {
            // the listener is closing, or the accept failed (XNIO backs off by itself)
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            internalErrors.increment();
        }
    }

    private void admit(final StreamConnection channel)
    {
        final ThreadTable table = tables.computeIfAbsent(channel.getIoThread(), ThreadTable::new);
        if (open.incrementAndGet() > maxConnections)
        {
            open.decrementAndGet();
            if (!table.evictOldest())
            {
                refused.increment();
                IoUtils.safeClose(channel);
                return;
            }
            open.incrementAndGet();
        }
        accepted.increment();
        openGauge.increment();
        final ConnectionState state = new ConnectionState(channel, System.nanoTime());
        table.states.put(channel, state);
        final AtomicBoolean released = new AtomicBoolean();
        openListener.handleEvent(channel);
        final ChannelListener<? super StreamConnection> undertows = channel.getCloseListener();
        channel.setCloseListener(closed ->
        {
            release(table, state, released);
            ChannelListeners.invokeChannelListener(closed, undertows);
        });
        if (!channel.isOpen())
        {
            release(table, state, released);
        }
    }

    private void release(final ThreadTable table, final ConnectionState state, final AtomicBoolean released)
    {
        if (!released.compareAndSet(false, true))
        {
            return;
        }
        open.decrementAndGet();
        openGauge.decrement();
        state.closed();
        if (Thread.currentThread() == table.thread)
        {
            table.states.remove(state.channel());
        }
        else
        {
            try
            {
                table.thread.execute(() -> table.states.remove(state.channel()));
            }
            catch (final RuntimeException ex)
            {
                // the I/O thread has stopped: its table goes with it
            }
        }
    }

    /** The state of the exchange's connection, or null if it is not one of this listener's. Its I/O thread. */
    ConnectionState state(final HttpServerExchange exchange)
    {
        final ThreadTable table = tables.get(exchange.getIoThread());
        return null != table && exchange.getConnection() instanceof AbstractServerConnection connection
            ? table.states.get(connection.getChannel()) : null;
    }

    /** The connections of one I/O thread and the sweep that times them out. That thread only. */
    private final class ThreadTable
    {
        private final XnioIoThread thread;
        private final Map<StreamConnection, ConnectionState> states = new HashMap<>();
        private final List<ConnectionState> expired = new ArrayList<>();

        ThreadTable(final XnioIoThread thread)
        {
            this.thread = thread;
            // runs as long as the I/O thread does
            thread.executeAtInterval(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
        }

        /**
         * Closes the oldest connection of this thread that holds nothing the agent works on, to make room for a new
         * one; its place is given back at once. @return false when there is none
         */
        boolean evictOldest()
        {
            // first what has not yet completed a request (or is closing), then a kept-alive idle one: a client
            // that works with the agent keeps its connection unless every place is taken by such clients
            ConnectionState oldest = null;
            ConnectionState oldestIdle = null;
            for (final ConnectionState state : states.values())
            {
                final ConnectionPhase phase = state.phase();
                if (phase == ConnectionPhase.IDLE)
                {
                    if (null == oldestIdle || state.sinceNanos() - oldestIdle.sinceNanos() < 0)
                    {
                        oldestIdle = state;
                    }
                }
                else if (phase.evictable() && (null == oldest || state.sinceNanos() - oldest.sinceNanos() < 0))
                {
                    oldest = state;
                }
            }
            if (null == oldest)
            {
                oldest = oldestIdle;
            }
            if (null == oldest)
            {
                return false;
            }
            evicted.increment();
            IoUtils.safeClose(oldest.channel());
            return true;
        }

        private long deadline(final ConnectionPhase phase)
        {
            switch (phase.deadline())
            {
                case IDLE:
                    return idleNanos;
                case REQUEST:
                    return requestNanos;
                case LINGER:
                    return lingerNanos;
                default:
                    return Long.MAX_VALUE;
            }
        }

        private void sweep()
        {
            try
            {
                final long now = System.nanoTime();
                for (final ConnectionState state : states.values())
                {
                    final ConnectionPhase phase = state.phase();
                    if (phase.deadline() != ConnectionPhase.Deadline.NONE && now - state.sinceNanos() > deadline(phase))
                    {
                        expired.add(state);
                    }
                }
                for (final ConnectionState state : expired)
                {
                    switch (state.phase())
                    {
                        case NEW -> headTimeouts.increment();
                        case IDLE -> idleClosed.increment();
                        case READING_BODY -> bodyTimeouts.increment();
                        case WRITING -> writeTimeouts.increment();
                        default ->
                        {
                            // CLOSING: the client did not close after its last answer; nothing went wrong
                        }
                    }
                    IoUtils.safeClose(state.channel());
                }
            }
            catch (final Throwable t)
            {
                Fatal.check(t);
                internalErrors.increment();
            }
            finally
            {
                expired.clear();
            }
        }
    }
}
