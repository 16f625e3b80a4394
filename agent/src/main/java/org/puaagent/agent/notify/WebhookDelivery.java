package org.puaagent.agent.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.puaagent.agent.runtime.Fatal;

/**
 * POSTs every notification to the configured webhooks: one thread ({@code webhook-delivery}) reads the hub for
 * all of them, and a {@link java.net.http.HttpClient} (HTTP/1.1, no proxy, bounded connect and request
 * timeouts, at most two daemon threads of its own that end when idle) sends asynchronously. The pipeline owner only
 * wakes the thread; nothing here ever runs on the owner or on an HTTP server IO thread.
 *
 * <p>Body: the notification's JSON (as in the SSE {@code data:} line), {@code Content-Type:
 * application/json}, headers {@code X-Pua-Agent-Sequence} (the hub sequence, for ordering and de-duplication)
 * and {@code X-Pua-Agent-Attempt} (1 for the first try). See {@link Webhook} for ordering, retries and drops.
 *
 * <p>The delivery thread runs each webhook's step inside a catch of {@link Throwable}: an exception is counted
 * ({@code webhook.errors}) and delivery goes on; an Error ends the process ({@link Fatal#check}).
 *
 * <p>Threading: {@link #wake} any thread (the owner); {@link #start}, {@link #close} one thread;
 * {@link #counters} any thread.
 */
public final class WebhookDelivery implements HubReader, AutoCloseable
{
    /** Threads of the HTTP client's executor (completions only: one POST in flight per webhook). */
    private static final int HTTP_THREADS = 2;
    private static final long HTTP_THREAD_IDLE_SECONDS = 10;
    private static final long JOIN_MILLIS = 2000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** The counters of all webhooks together; any thread. */
    static final class Counters
    {
        final LongAdder delivered = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder queued = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder queueBytesFull = new LongAdder();
    }

    private final NotificationHub hub;
    private final List<Webhook> webhooks = new ArrayList<>();
    private final Counters counters = new Counters();
    private final HttpClient client;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    /** Webhooks whose queues are bounded in notifications only. */
    public WebhookDelivery(final NotificationHub hub, final DeliveryConfig config)
    {
        this(hub, config, Long.MAX_VALUE);
    }

    /** @param maxQueueBytes the bytes of the notifications waiting per webhook, at most */
    public WebhookDelivery(final NotificationHub hub, final DeliveryConfig config, final long maxQueueBytes)
    {
        this.hub = hub;
        for (final WebhookTarget target : config.webhooks())
        {
            webhooks.add(new Webhook(target, hub, config, counters, maxQueueBytes));
        }
        client = webhooks.isEmpty() ? null : httpClient(config);
        thread = new Thread(this::run, "webhook-delivery");
        thread.setDaemon(true);
    }

    private static HttpClient httpClient(final DeliveryConfig config)
    {
        final int instance = INSTANCES.incrementAndGet();
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS,
            HTTP_THREAD_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r ->
            {
                final Thread t = new Thread(r, "webhook-http-" + instance);
                t.setDaemon(true);
                return t;
            });
        executor.allowCoreThreadTimeOut(true);
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(config.webhookTimeoutMillis()))
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    }

    /** Starts the delivery thread and attaches to the hub (notifications from now on are delivered). */
    public void start()
    {
        if (webhooks.isEmpty())
        {
            return;
        }
        thread.start();
        hub.attach(this);
    }

    /** How many webhooks are configured. */
    public int size()
    {
        return webhooks.size();
    }

    /** Owner thread (or an HTTP client thread): one unpark when the delivery thread is not already signalled. */
    @Override
    public void wake()
    {
        if (!signalled.get() && !signalled.getAndSet(true))
        {
            LockSupport.unpark(thread);
        }
    }

    private void run()
    {
        while (running)
        {
            signalled.set(false);
            final long now = System.nanoTime();
            long next = 0;
            boolean timed = false;
            for (final Webhook webhook : webhooks)
            {
                try
                {
                    final long due = webhook.step(client, this, now);
                    if (Long.MAX_VALUE != due && (!timed || due - next < 0))
                    {
                        next = due;
                        timed = true;
                    }
                }
                catch (final Throwable failure)
                {
                    Fatal.check(failure);
                    counters.errors.increment();
                }
            }
            if (signalled.get() || !running)
            {
                continue;
            }
            if (!timed)
            {
                LockSupport.park(this);
            }
            else
            {
                final long wait = next - System.nanoTime();
                if (wait > 0)
                {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
    }

    /**
     * {@code webhook.delivered}, {@code webhook.retried} (attempts that failed and were tried again), {@code
     * webhook.failed} (given up after the last attempt, or refused by the receiver), {@code webhook.dropped}
     * (never attempted: the queue was full), {@code webhook.queue_bytes_full} (of those, dropped because the
     * queue's bytes were full), {@code webhook.queued} (waiting now), {@code webhook.timeouts},
     * {@code webhook.errors}, {@code webhook.targets}. Any thread.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> c = new TreeMap<>();
        c.put("webhook.targets", (long) webhooks.size());
        c.put("webhook.delivered", counters.delivered.sum());
        c.put("webhook.retried", counters.retried.sum());
        c.put("webhook.failed", counters.failed.sum());
        c.put("webhook.dropped", counters.dropped.sum());
        c.put("webhook.queued", counters.queued.sum());
        c.put("webhook.timeouts", counters.timeouts.sum());
        c.put("webhook.errors", counters.errors.sum());
        c.put("webhook.queue_bytes_full", counters.queueBytesFull.sum());
        return c;
    }

    /** Detaches from the hub and stops the thread (a POST in flight finishes unobserved). */
    @Override
    public void close()
    {
        hub.detach(this);
        running = false;
        if (!thread.isAlive())
        {
            return;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        // The HTTP client's threads end by themselves when idle (a late completion still finds one).
    }
}
