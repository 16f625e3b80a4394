package org.puaagent.agent.pipeline;

/**
 * The result of one submitted subscribe (Kamailio's {@code pua.subscribe} answers as soon as the SUBSCRIBE
 * is handed to the transaction layer). Exactly one outcome is delivered per accepted submission.
 * Immutable values.
 */
public sealed interface SubscribeOutcome
    permits SubscribeOutcome.Sent, SubscribeOutcome.NothingToRemove, SubscribeOutcome.NotSubscribable,
    SubscribeOutcome.Unroutable, SubscribeOutcome.Failed, SubscribeOutcome.Internal
{
    /** The shared {@link Sent} value. */
    Sent SENT = new Sent();
    /** The shared {@link NothingToRemove} value. */
    NothingToRemove NOTHING_TO_REMOVE = new NothingToRemove();

    /** The SUBSCRIBE was handed to the SIP layer (its final response is only counted). */
    record Sent() implements SubscribeOutcome
    {
    }

    /**
     * Expires 0 and no subscription dialog is known: nothing is sent (what Kamailio does with its default
     * {@code check_remote_contact}); transports answer an empty success.
     */
    record NothingToRemove() implements SubscribeOutcome
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
     * The SUBSCRIBE could not be sent (e.g. 503 on a transport error, 513 too large).
     *
     * @param sipStatus the local status
     * @param reason    its reason phrase
     */
    record Failed(int sipStatus, String reason) implements SubscribeOutcome
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
