package org.puaagent.agent.pipeline;

/**
 * The result of one submitted subscribe or unsubscribe. With the agent as subscriber (the default) the
 * outcome is the final SIP outcome of the SUBSCRIBE ({@link Subscribed} or {@link Failed}); in the
 * Kamailio-compatible mode ({@link SubscribeContact#WATCHER}) it is {@link Sent} as soon as the SUBSCRIBE is
 * handed to the transaction layer, as Kamailio's {@code pua.subscribe} answers. Exactly one outcome is
 * delivered per accepted submission. Immutable values.
 */
public sealed interface SubscribeOutcome
    permits SubscribeOutcome.Subscribed, SubscribeOutcome.Sent, SubscribeOutcome.NothingToRemove,
    SubscribeOutcome.NoSuchSubscription, SubscribeOutcome.NotSubscribable, SubscribeOutcome.Unroutable,
    SubscribeOutcome.Failed, SubscribeOutcome.LimitReached, SubscribeOutcome.Internal
{
    /** The shared {@link Sent} value. */
    Sent SENT = new Sent();
    /** The shared {@link NothingToRemove} value. */
    NothingToRemove NOTHING_TO_REMOVE = new NothingToRemove();
    /** The shared {@link NoSuchSubscription} value. */
    NoSuchSubscription NO_SUCH_SUBSCRIPTION = new NoSuchSubscription();
    /** The shared {@link LimitReached} value. */
    LimitReached LIMIT_REACHED = new LimitReached();

    /**
     * The SUBSCRIBE got a 2xx (or the unsubscribe is done).
     *
     * @param id      the subscription's id (stable across refreshes and re-subscribes)
     * @param expires the granted lifetime in seconds (the 2xx's Expires); 0 after an unsubscribe
     * @param state   the subscription's state: {@code active}, {@code pending} (from the NOTIFY when one came
     *                before the 2xx, else {@code active} for 200 and {@code pending} for 202), {@code retrying}
     *                (the notifier already ended the dialog and a fresh SUBSCRIBE is scheduled) or
     *                {@code terminated}
     * @param reason  why it is terminated ({@code unsubscribed}, {@code noresource}, ...), else {@code null}
     */
    record Subscribed(String id, int expires, String state, String reason) implements SubscribeOutcome
    {
    }

    /** Kamailio-compatible mode: the SUBSCRIBE was handed to the SIP layer (its final response is only counted). */
    record Sent() implements SubscribeOutcome
    {
    }

    /**
     * {@code pua.subscribe} with expires 0 and no such subscription: nothing is sent (what Kamailio does
     * with its default {@code check_remote_contact}); transports answer an empty success.
     */
    record NothingToRemove() implements SubscribeOutcome
    {
    }

    /** {@code pua.unsubscribe} of a subscription the agent does not have: fault 404 "No such subscription". */
    record NoSuchSubscription() implements SubscribeOutcome
    {
    }

    /**
     * pua cannot subscribe to this event ({@code conference}): Kamailio's 500 "Execution failure".
     *
     * @param why what was refused
     */
    record NotSubscribable(String why) implements SubscribeOutcome
    {
    }

    /**
     * The Request-URI host is not a numeric IP address (no DNS), or the URI/transport is not usable.
     *
     * @param why what is wrong
     */
    record Unroutable(String why) implements SubscribeOutcome
    {
    }

    /**
     * The SUBSCRIBE failed: its final status (&gt;= 300), the local 408 "Request Timeout", or a local send
     * failure (503 on a transport error, 513 too large).
     *
     * @param sipStatus the status
     * @param reason    its reason phrase
     */
    record Failed(int sipStatus, String reason) implements SubscribeOutcome
    {
    }

    /**
     * The subscriptions take all the bytes {@code --subscriptions-bytes} gives them: a new subscription is
     * refused and nothing is sent. Refreshes and unsubscribes of existing ones still work. Transports answer
     * 503 "Service Unavailable: subscription limit reached" (docs/limits.md).
     */
    record LimitReached() implements SubscribeOutcome
    {
    }

    /**
     * A bug or a shutdown while pending.
     *
     * @param detail what happened
     */
    record Internal(String detail) implements SubscribeOutcome
    {
    }
}
