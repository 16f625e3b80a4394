package org.puaagent.agent.pipeline;

/**
 * A copy of one subscription as the owner saw it when a query was answered ({@code pua.subscriptions},
 * {@code pua.presentity}). Immutable.
 *
 * @param id                the subscription's id (stable across refreshes and re-subscribes)
 * @param presentity        the presentity URI
 * @param watcher           the watcher URI
 * @param event             the event package
 * @param state             {@code subscribing} (SUBSCRIBE sent, nothing back yet), {@code pending},
 *                          {@code active}, {@code retrying} (between two dialogs, a fresh SUBSCRIBE is
 *                          scheduled) or {@code terminated} (ended; listed for a while, then forgotten)
 * @param reason            why it is terminated (the Subscription-State reason, {@code unsubscribed},
 *                          {@code expired}, or the SIP status of a failed SUBSCRIBE), else {@code null}
 * @param expires           seconds left of the granted lifetime (0 without a dialog)
 * @param lastNotifyMillis  when the last NOTIFY arrived (epoch milliseconds), 0 when none did
 * @param notifyCount       how many NOTIFYs were received (retransmissions not counted)
 * @param subscriptionState the Subscription-State of the last NOTIFY, or {@code null}
 * @param contentType       the Content-Type of the last NOTIFY's body, or {@code null}
 * @param body              the last NOTIFY's body, or {@code null} when it had none
 */
public record SubscriptionView(
    String id,
    String presentity,
    String watcher,
    String event,
    String state,
    String reason,
    int expires,
    long lastNotifyMillis,
    long notifyCount,
    String subscriptionState,
    String contentType,
    String body)
{
}
