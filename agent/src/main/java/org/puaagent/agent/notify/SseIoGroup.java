package org.puaagent.agent.notify;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.puaagent.agent.runtime.Fatal;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * The SSE clients of one Undertow IO thread, as one reader of the hub: the pipeline owner wakes the group (one
 * task on the IO thread when none is pending, whatever the number of clients), and the task lets each client
 * read and write. Attached to the hub only while it has clients; runs the heartbeat timer of its clients.
 *
 * <p>Threading: {@link #wake} on the pipeline owner thread (any thread); everything else on its IO thread.
 */
final class SseIoGroup implements HubReader
{
    private static final SseClient[] NONE = new SseClient[0];

    private final XnioIoThread thread;
    private final NotificationHub hub;
    private final long heartbeatMillis;
    private final long stallNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final java.util.concurrent.atomic.LongAdder errors;
    private final Runnable pumpAll = this::pumpAll;
    private SseClient[] clients = NONE;
    private XnioExecutor.Key heartbeat;
    private boolean attached;

    SseIoGroup(final XnioIoThread thread, final NotificationHub hub, final long heartbeatMillis,
        final long stallNanos, final java.util.concurrent.atomic.LongAdder errors)
    {
        this.errors = errors;
        this.thread = thread;
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.stallNanos = stallNanos;
    }

    /** Owner thread: at most one pending pump task per IO thread. Never blocks, never throws. */
    @Override
    public void wake()
    {
        if (!scheduled.get() && scheduled.compareAndSet(false, true))
        {
            try
            {
                thread.execute(pumpAll);
            }
            catch (final RejectedExecutionException ex)
            {
                // the IO thread is stopping: the flag stays set, nothing more is scheduled
            }
        }
    }

    /** An I/O-thread task: XNIO would only log what it throws, so an Error ends the process here. */
    private void pumpAll()
    {
        try
        {
            scheduled.set(false);
            for (final SseClient client : clients)
            {
                client.onWake();
            }
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            errors.increment();
        }
    }

    private void tick()
    {
        try
        {
            final long now = System.nanoTime();
            for (final SseClient client : clients)
            {
                client.onHeartbeat(now, stallNanos);
            }
        }
        catch (final Throwable t)
        {
            Fatal.check(t);
            errors.increment();
        }
    }

    void add(final SseClient client)
    {
        final SseClient[] more = Arrays.copyOf(clients, clients.length + 1);
        more[clients.length] = client;
        clients = more;
        if (!attached)
        {
            attached = true;
            hub.attach(this);
            heartbeat = thread.executeAtInterval(this::tick, heartbeatMillis, TimeUnit.MILLISECONDS);
        }
    }

    void remove(final SseClient client)
    {
        final SseClient[] now = clients;
        for (int i = 0; i < now.length; i++)
        {
            if (now[i] == client)
            {
                final SseClient[] fewer = new SseClient[now.length - 1];
                System.arraycopy(now, 0, fewer, 0, i);
                System.arraycopy(now, i + 1, fewer, i, now.length - i - 1);
                clients = fewer;
                break;
            }
        }
        if (0 == clients.length && attached)
        {
            detach();
        }
    }

    /** Stops being woken and stops the heartbeat timer. */
    void detach()
    {
        attached = false;
        hub.detach(this);
        if (null != heartbeat)
        {
            heartbeat.remove();
            heartbeat = null;
        }
    }

    XnioIoThread thread()
    {
        return thread;
    }
}
