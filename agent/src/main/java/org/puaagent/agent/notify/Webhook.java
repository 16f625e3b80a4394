package org.puaagent.agent.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReference;

import org.puaagent.agent.runtime.Fatal;

/**
 * The delivery state of one webhook: its cursor into the hub, its bounded queue of matching notifications
 * waiting to be POSTed, and the one POST in flight. POSTs go one at a time in sequence order, so a receiver
 * sees the notifications in the order they came; a failed POST is retried after a back-off (doubling, capped)
 * up to the configured number of attempts. When the queue is full, in notifications ({@code --webhook-queue})
 * or in bytes ({@code --webhook-queue-bytes}, each notification counting {@link HubEvent#bytes()}), the oldest
 * waiting notification is dropped (presence is state: the newer one supersedes it).
 *
 * <p>What counts as a failure: no connection, a timeout, status 5xx, 408 or 429 (retried); any other non-2xx
 * status fails at once (the receiver refused it; retrying would not help).
 *
 * <p>Threading: the {@link WebhookDelivery} thread only, apart from the completion of the POST in flight,
 * which an HTTP client thread hands over through an atomic reference (and then wakes the delivery thread). That
 * completion catches what it throws: the future of {@code sendAsync} would swallow it and leave the webhook
 * waiting for ever; an Error ends the process ({@link Fatal#check}).
 */
final class Webhook implements HubVisitor
{
    static final String SEQUENCE_HEADER = "X-Pua-Agent-Sequence";
    static final String ATTEMPT_HEADER = "X-Pua-Agent-Attempt";
    /** Notifications read from the hub per step at most. */
    private static final int READ_LIMIT = 4096;
    /** Reads per step at most (the next wake comes back for the rest). */
    private static final int READ_ROUNDS = 4;
    private static final int HTTP_OK_MIN = 200;
    private static final int HTTP_OK_MAX = 299;
    private static final int HTTP_REQUEST_TIMEOUT = 408;
    private static final int HTTP_TOO_MANY_REQUESTS = 429;
    private static final int HTTP_SERVER_ERROR_MIN = 500;

    /** How a POST ended. */
    private enum Result
    {
        DELIVERED, RETRYABLE, REFUSED
    }

    private final WebhookTarget target;
    private final NotificationHub hub;
    private final DeliveryConfig config;
    private final WebhookDelivery.Counters counters;
    private final long maxQueueBytes;
    private final ArrayDeque<HubEvent> queue = new ArrayDeque<>();
    private long queuedBytes;
    private final AtomicReference<Result> completed = new AtomicReference<>();
    private long cursor;
    private HubEvent current;
    private int attempts;
    private boolean inFlight;
    private long dueNanos;

    Webhook(final WebhookTarget target, final NotificationHub hub, final DeliveryConfig config,
        final WebhookDelivery.Counters counters)
    {
        this(target, hub, config, counters, Long.MAX_VALUE);
    }

    /** @param maxQueueBytes the bytes of the notifications waiting, at most */
    Webhook(final WebhookTarget target, final NotificationHub hub, final DeliveryConfig config,
        final WebhookDelivery.Counters counters, final long maxQueueBytes)
    {
        this.target = target;
        this.hub = hub;
        this.config = config;
        this.counters = counters;
        this.maxQueueBytes = maxQueueBytes;
        this.cursor = hub.lastSequence();
    }

    /**
     * Takes new notifications from the hub, settles a finished POST, starts the next one when it is due.
     *
     * @return when this webhook needs the thread again (System.nanoTime), or Long.MAX_VALUE when only a wake
     *         (new notification, finished POST) can give it work
     */
    long step(final HttpClient client, final WebhookDelivery delivery, final long nowNanos)
    {
        for (int round = 0; round < READ_ROUNDS; round++)
        {
            final long before = cursor;
            cursor = hub.readAfter(cursor, READ_LIMIT, this);
            if (cursor == before)
            {
                break;
            }
        }
        while (true)
        {
            if (inFlight)
            {
                final Result result = completed.getAndSet(null);
                if (null == result)
                {
                    return Long.MAX_VALUE;
                }
                inFlight = false;
                settle(result, nowNanos);
            }
            if (null == current)
            {
                current = queue.poll();
                if (null == current)
                {
                    return Long.MAX_VALUE;
                }
                queuedBytes -= current.bytes();
                counters.queued.decrement();
                attempts = 0;
                dueNanos = nowNanos;
            }
            if (nowNanos - dueNanos < 0)
            {
                return dueNanos;
            }
            send(client, delivery);
        }
    }

    private void settle(final Result result, final long nowNanos)
    {
        if (Result.DELIVERED == result)
        {
            counters.delivered.increment();
            current = null;
        }
        else if (Result.RETRYABLE == result && attempts < config.webhookAttempts())
        {
            counters.retried.increment();
            dueNanos = nowNanos + backoffNanos(attempts);
        }
        else
        {
            counters.failed.increment();
            current = null;
        }
    }

    /** The wait after the {@code failedAttempts}-th failure: the configured back-off, doubled each time, capped. */
    long backoffNanos(final int failedAttempts)
    {
        long millis = config.webhookBackoffMillis();
        for (int i = 1; i < failedAttempts && millis < config.webhookBackoffMaxMillis(); i++)
        {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, config.webhookBackoffMaxMillis())).toNanos();
    }

    private void send(final HttpClient client, final WebhookDelivery delivery)
    {
        attempts++;
        inFlight = true;
        final HttpRequest request;
        try
        {
            request = HttpRequest.newBuilder(target.uri())
                .timeout(Duration.ofMillis(config.webhookTimeoutMillis()))
                .header("Content-Type", "application/json")
                .header(SEQUENCE_HEADER, Long.toString(current.sequence()))
                .header(ATTEMPT_HEADER, Integer.toString(attempts))
                .POST(HttpRequest.BodyPublishers.ofByteArray(current.json()))
                .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> complete(response, error, delivery));
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.errors.increment();
            completed.set(Result.REFUSED);
        }
    }

    /** An HTTP client thread: hands the POST's result over and wakes the delivery thread, whatever happens. */
    private void complete(final HttpResponse<Void> response, final Throwable error, final WebhookDelivery delivery)
    {
        Result result;
        try
        {
            result = null == error ? classify(response.statusCode()) : failure(error);
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.errors.increment();
            result = Result.RETRYABLE;
        }
        completed.set(result);
        delivery.wake();
    }

    private Result failure(final Throwable error)
    {
        if (error instanceof HttpTimeoutException || error.getCause() instanceof HttpTimeoutException)
        {
            counters.timeouts.increment();
        }
        return Result.RETRYABLE;
    }

    private static Result classify(final int status)
    {
        if (status >= HTTP_OK_MIN && status <= HTTP_OK_MAX)
        {
            return Result.DELIVERED;
        }
        if (status >= HTTP_SERVER_ERROR_MIN || status == HTTP_REQUEST_TIMEOUT || status == HTTP_TOO_MANY_REQUESTS)
        {
            return Result.RETRYABLE;
        }
        return Result.REFUSED;
    }

    @Override
    public boolean onEvent(final HubEvent event)
    {
        if (target.filter().matches(event.notification()))
        {
            if (queue.size() >= config.webhookQueue())
            {
                dropOldest();
            }
            while (!queue.isEmpty() && queuedBytes + event.bytes() > maxQueueBytes)
            {
                dropOldest();
                counters.queueBytesFull.increment();
            }
            queue.add(event);
            queuedBytes += event.bytes();
            counters.queued.increment();
        }
        return true;
    }

    private void dropOldest()
    {
        queuedBytes -= queue.poll().bytes();
        counters.queued.decrement();
        counters.dropped.increment();
    }

    @Override
    public void onGap(final long first, final long last)
    {
        // Only when this thread was starved for a whole ring: some of these may not have matched the filter.
        counters.dropped.add(last - first + 1);
    }

    WebhookTarget target()
    {
        return target;
    }
}
