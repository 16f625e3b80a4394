package org.puaagent.agent.bench;

import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.SubscribeOutcome;

/**
 * Short stable labels of the pipeline's outcomes for the SIP-direct reports: the SIP status of a success
 * ({@code 200}), {@code failed 412} for a failure, the refusal's name otherwise. Stateless; any thread.
 */
final class OutcomeLabel
{
    /** The fault code a local refusal (not publishable, unroutable, ...) is counted under: pua's 500. */
    static final int REFUSED_STATUS = 500;
    /** The fault code of a publication refused by the publications' byte limit (as the transports answer it). */
    static final int LIMIT_STATUS = 503;

    private OutcomeLabel()
    {
    }

    static String of(final PublishOutcome outcome)
    {
        if (outcome instanceof PublishOutcome.Published published)
        {
            return Integer.toString(published.status());
        }
        if (outcome instanceof PublishOutcome.Failed failed)
        {
            return "failed " + failed.sipStatus();
        }
        if (outcome instanceof PublishOutcome.NotPublishable)
        {
            return "not_publishable";
        }
        if (outcome instanceof PublishOutcome.Unroutable)
        {
            return "unroutable";
        }
        if (outcome instanceof PublishOutcome.WrongEtag)
        {
            return "wrong_etag";
        }
        if (outcome instanceof PublishOutcome.NoBodyForNewPublication)
        {
            return "no_body";
        }
        if (outcome instanceof PublishOutcome.NothingToRemove)
        {
            return "nothing_to_remove";
        }
        if (outcome instanceof PublishOutcome.HandedOff)
        {
            return "handed_off";
        }
        if (outcome instanceof PublishOutcome.LimitReached)
        {
            return "limit_reached";
        }
        return "internal";
    }

    static String of(final SubscribeOutcome outcome)
    {
        if (outcome instanceof SubscribeOutcome.Subscribed subscribed)
        {
            return null == subscribed.reason() ? subscribed.state() : subscribed.state() + " " + subscribed.reason();
        }
        if (outcome instanceof SubscribeOutcome.Failed failed)
        {
            return "failed " + failed.sipStatus();
        }
        if (outcome instanceof SubscribeOutcome.Unroutable)
        {
            return "unroutable";
        }
        if (outcome instanceof SubscribeOutcome.NotSubscribable)
        {
            return "not_subscribable";
        }
        if (outcome instanceof SubscribeOutcome.NoSuchSubscription)
        {
            return "no_such_subscription";
        }
        if (outcome instanceof SubscribeOutcome.NothingToRemove)
        {
            return "nothing_to_remove";
        }
        if (outcome instanceof SubscribeOutcome.Sent)
        {
            return "sent";
        }
        if (outcome instanceof SubscribeOutcome.LimitReached)
        {
            return "limit_reached";
        }
        return "internal";
    }
}
