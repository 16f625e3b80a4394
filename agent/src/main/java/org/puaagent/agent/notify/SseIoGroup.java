package org.puaagent.agent.notify;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.puaagent.agent.transport.StreamServer;

/**
 * The SSE clients of one {@link StreamServer} (one selector thread), as one reader of the hub: the pipeline
 * owner wakes the group (one task on the selector thread when none is pending, whatever the number of
 * clients), and the task lets each client read and write. Attached to the hub only while it has clients; runs
 * the heartbeat timer of its clients.
 *
 * <p>Threading: {@link #wake} on the pipeline owner thread (any thread); everything else on the server's
 * selector thread.
 */
final class SseIoGroup implements HubReader
{
    private static final SseClient[] NONE = new SseClient[0];

    private final StreamServer server;
    private final NotificationHub hub;
    private final long heartbeatMillis;
    private final long stallNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable pumpAll = this::pumpAll;
    private SseClient[] clients = NONE;
    private StreamServer.Periodic heartbeat;
    private boolean attached;

    SseIoGroup(final StreamServer server, final NotificationHub hub, final long heartbeatMillis,
        final long stallNanos)
    {
        this.server = server;
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.stallNanos = stallNanos;
    }

    /** Owner thread: at most one pending pump task per selector thread. Never blocks, never throws. */
    @Override
    public void wake()
    {
        if (!scheduled.get() && scheduled.compareAndSet(false, true))
        {
            try
            {
                server.execute(pumpAll);
            }
            catch (final RejectedExecutionException ex)
            {
                // the server is stopping: the flag stays set, nothing more is scheduled
            }
        }
    }

    private void pumpAll()
    {
        scheduled.set(false);
        for (final SseClient client : clients)
        {
            client.onWake();
        }
    }

    private void tick()
    {
        final long now = System.nanoTime();
        for (final SseClient client : clients)
        {
            client.onHeartbeat(now, stallNanos);
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
            heartbeat = server.every(heartbeatMillis, this::tick);
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
            heartbeat.cancel();
            heartbeat = null;
        }
    }
}
