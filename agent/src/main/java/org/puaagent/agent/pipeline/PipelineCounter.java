package org.puaagent.agent.pipeline;

/**
 * The pipeline's counters and gauges, with their names in {@link PresencePipeline#counters()}. Immutable.
 */
enum PipelineCounter
{
    PUBLISH_REQUESTS("publish.requests"),
    SUBSCRIBE_REQUESTS("subscribe.requests"),
    QUEUE_FULL("commands.queue_full"),
    REJECTED_CLOSED("commands.rejected_closed"),
    PUBLISHED("publish.outcome.published"),
    PUBLISH_FAILED("publish.outcome.failed"),
    HANDED_OFF("publish.outcome.handed_off"),
    NOTHING_TO_REMOVE("publish.outcome.nothing_to_remove"),
    WRONG_ETAG("publish.outcome.wrong_etag"),
    NO_BODY("publish.outcome.no_body_for_new_publication"),
    NOT_PUBLISHABLE("publish.outcome.not_publishable"),
    PUBLISH_UNROUTABLE("publish.outcome.unroutable"),
    PUBLISH_INTERNAL("publish.outcome.internal"),
    SUBSCRIBE_SENT("subscribe.outcome.sent"),
    SUBSCRIBE_NOTHING_TO_REMOVE("subscribe.outcome.nothing_to_remove"),
    NOT_SUBSCRIBABLE("subscribe.outcome.not_subscribable"),
    SUBSCRIBE_UNROUTABLE("subscribe.outcome.unroutable"),
    SUBSCRIBE_FAILED("subscribe.outcome.failed"),
    SUBSCRIBE_INTERNAL("subscribe.outcome.internal"),
    RETRY_412("publish.retry.412"),
    RETRY_423("publish.retry.423"),
    PUBLISH_TIMEOUTS("publish.timeouts"),
    REFRESH_SENT("publish.refresh.sent"),
    REFRESH_FAILED("publish.refresh.failed"),
    EXPIRED("publish.expired"),
    RESULT_AFTER_HANDOFF_FAILED("publish.handed_off.failed_later"),
    SUBSCRIBE_ACCEPTED("subscribe.accepted"),
    SUBSCRIBE_REJECTED("subscribe.rejected"),
    NOTIFY_OK("sip.notify.answered_200"),
    NOTIFY_UNKNOWN("sip.notify.answered_481"),
    CALLBACK_ERRORS("pipeline.callback_errors"),
    INTERNAL_ERRORS("pipeline.internal_errors"),
    PENDING("pipeline.pending_commands"),
    SERIES("pipeline.series"),
    TRANSACTIONS("sip.transactions_live");

    private final String wireName;

    PipelineCounter(final String wireName)
    {
        this.wireName = wireName;
    }

    /** The name shown in counter snapshots. */
    String wireName()
    {
        return wireName;
    }

    /** All names, in ordinal order. */
    static String[] names()
    {
        final PipelineCounter[] all = values();
        final String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++)
        {
            names[i] = all[i].wireName;
        }
        return names;
    }
}
