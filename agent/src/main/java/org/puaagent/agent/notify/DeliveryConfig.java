package org.puaagent.agent.notify;

import java.util.List;

/**
 * Settings of the notification delivery paths (the hub's ring, the SSE stream, the webhooks). Immutable.
 *
 * @param eventsBuffer          notifications the hub keeps for slow readers and resuming clients
 * @param sseHeartbeatMillis    interval of the SSE heartbeat comment; a client whose output has not moved for
 *                              {@value EventStream#STALL_HEARTBEATS} intervals is disconnected
 * @param webhooks              where notifications are POSTed (may be empty)
 * @param webhookAttempts       attempts per notification and webhook (1 = no retry)
 * @param webhookBackoffMillis  delay before the first retry; doubled for each further retry
 * @param webhookBackoffMaxMillis the longest delay between retries
 * @param webhookQueue          notifications waiting per webhook; when full the oldest waiting one is dropped
 * @param webhookTimeoutMillis  connect timeout and whole-request timeout of one POST
 */
public record DeliveryConfig(
    int eventsBuffer,
    int sseHeartbeatMillis,
    List<WebhookTarget> webhooks,
    int webhookAttempts,
    int webhookBackoffMillis,
    int webhookBackoffMaxMillis,
    int webhookQueue,
    int webhookTimeoutMillis)
{
    public static final int DEFAULT_SSE_HEARTBEAT_MILLIS = 15_000;
    public static final int DEFAULT_WEBHOOK_ATTEMPTS = 5;
    public static final int DEFAULT_WEBHOOK_BACKOFF_MILLIS = 500;
    public static final int DEFAULT_WEBHOOK_BACKOFF_MAX_MILLIS = 4_000;
    public static final int DEFAULT_WEBHOOK_QUEUE = 1_000;
    public static final int DEFAULT_WEBHOOK_TIMEOUT_MILLIS = 5_000;

    public DeliveryConfig
    {
        webhooks = List.copyOf(webhooks);
        positive("eventsBuffer", eventsBuffer);
        positive("sseHeartbeatMillis", sseHeartbeatMillis);
        positive("webhookAttempts", webhookAttempts);
        positive("webhookBackoffMillis", webhookBackoffMillis);
        positive("webhookBackoffMaxMillis", webhookBackoffMaxMillis);
        positive("webhookQueue", webhookQueue);
        positive("webhookTimeoutMillis", webhookTimeoutMillis);
    }

    /** The defaults, without webhooks. */
    public static DeliveryConfig defaults()
    {
        return new DeliveryConfig(NotificationHub.DEFAULT_CAPACITY, DEFAULT_SSE_HEARTBEAT_MILLIS, List.of(),
            DEFAULT_WEBHOOK_ATTEMPTS, DEFAULT_WEBHOOK_BACKOFF_MILLIS, DEFAULT_WEBHOOK_BACKOFF_MAX_MILLIS,
            DEFAULT_WEBHOOK_QUEUE, DEFAULT_WEBHOOK_TIMEOUT_MILLIS);
    }

    /** The same settings with other webhooks. */
    public DeliveryConfig withWebhooks(final List<WebhookTarget> targets)
    {
        return new DeliveryConfig(eventsBuffer, sseHeartbeatMillis, targets, webhookAttempts, webhookBackoffMillis,
            webhookBackoffMaxMillis, webhookQueue, webhookTimeoutMillis);
    }

    private static void positive(final String name, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
