package org.puaagent.agent.notify;

import java.util.Objects;

/**
 * The state one NOTIFY delivered for one of the agent's subscriptions, copied out of the SIP message by the
 * pipeline owner. The delivery paths (RPC query, Server-Sent Events, webhooks) all start from this value.
 * Immutable.
 *
 * @param subscriptionId     the agent's id of the subscription (stable across refreshes and re-subscribes)
 * @param presentity         the presentity URI subscribed to
 * @param watcher            the watcher URI
 * @param event              the event package (Event header value)
 * @param subscriptionState  the Subscription-State header as received (e.g. {@code active;expires=3600},
 *                           {@code terminated;reason=noresource})
 * @param contentType        the Content-Type of the body, or null when there is no body
 * @param body               the body, or null when the NOTIFY had none
 * @param receivedAtMillis   wall-clock time the NOTIFY arrived (epoch milliseconds)
 */
public record Notification(
    String subscriptionId,
    String presentity,
    String watcher,
    String event,
    String subscriptionState,
    String contentType,
    String body,
    long receivedAtMillis)
{
    public Notification
    {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(presentity, "presentity");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subscriptionState, "subscriptionState");
    }
}
