package org.puaagent.agent.pipeline;

/**
 * The pipeline's counters and gauges, with their names in {@link PresencePipeline#counters()}. Immutable.
 */
enum PipelineCounter
{
    PUBLISH_REQUESTS("publish.requests"),
    SUBSCRIBE_REQUESTS("subscribe.requests"),
    QUEUE_FULL("commands.queue_full"),
    COMMAND_BYTES_FULL("commands.bytes_full"),
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
    PUBLISH_LIMIT_REACHED("publish.outcome.limit_reached"),
    SUBSCRIBE_SUBSCRIBED("subscribe.outcome.subscribed"),
    SUBSCRIBE_SENT("subscribe.outcome.sent"),
    NO_SUCH_SUBSCRIPTION("subscribe.outcome.no_such_subscription"),
    SUBSCRIBE_NOTHING_TO_REMOVE("subscribe.outcome.nothing_to_remove"),
    NOT_SUBSCRIBABLE("subscribe.outcome.not_subscribable"),
    SUBSCRIBE_UNROUTABLE("subscribe.outcome.unroutable"),
    SUBSCRIBE_FAILED("subscribe.outcome.failed"),
    SUBSCRIBE_INTERNAL("subscribe.outcome.internal"),
    SUBSCRIBE_LIMIT_REACHED("subscribe.outcome.limit_reached"),
    RETRY_412("publish.retry.412"),
    RETRY_423("publish.retry.423"),
    PUBLISH_TIMEOUTS("publish.timeouts"),
    REFRESH_SENT("publish.refresh.sent"),
    REFRESH_FAILED("publish.refresh.failed"),
    EXPIRED("publish.expired"),
    RESULT_AFTER_HANDOFF_FAILED("publish.handed_off.failed_later"),
    SUBSCRIBE_ACCEPTED("subscribe.accepted"),
    SUBSCRIBE_REJECTED("subscribe.rejected"),
    SUBSCRIBE_INITIAL_SENT("subscribe.initial.sent"),
    SUBSCRIBE_REFRESH_SENT("subscribe.refresh.sent"),
    SUBSCRIBE_REFRESH_FAILED("subscribe.refresh.failed"),
    UNSUBSCRIBE_SENT("subscribe.unsubscribe.sent"),
    RESUBSCRIBE("subscribe.resubscribe"),
    SUBSCRIBE_RECOVERED("subscribe.recover.481_408"),
    SUBSCRIBE_RETRY_423("subscribe.retry.423"),
    SUBSCRIBE_TIMEOUTS("subscribe.timeouts"),
    SUBSCRIBE_ENDED("subscribe.ended"),
    SUBSCRIBE_EXPIRED("subscribe.expired"),
    SUBSCRIBE_GAVE_UP("subscribe.gave_up"),
    SUBSCRIBE_SENT_FAILED_LATER("subscribe.sent.failed_later"),
    SUBSCRIBE_QUERIES("subscribe.queries"),
    QUERY_QUEUE_FULL("commands.query_queue_full"),
    NOTIFY_RECEIVED("notify.received"),
    NOTIFY_DELIVERED("notify.delivered"),
    NOTIFY_SINK_ERRORS("notify.sink_errors"),
    NOTIFY_EARLY("notify.early"),
    NOTIFY_TERMINATED("notify.terminated"),
    NOTIFY_RETRANSMISSIONS("notify.retransmissions"),
    NOTIFY_OUT_OF_ORDER("notify.out_of_order"),
    NOTIFY_STALE("notify.stale_dialog"),
    NOTIFY_REFUSED("notify.refused"),
    NOTIFY_BODY_NOT_KEPT("notify.body_not_kept"),
    NOTIFY_OK("sip.notify.answered_200"),
    NOTIFY_UNKNOWN("sip.notify.answered_481"),
    REQUEST_RETRANSMISSIONS_ANSWERED("sip.requests.retransmissions_answered"),
    REQUEST_ANSWERS_FORGOTTEN("sip.requests.answers_forgotten_early"),
    RESOLVER_EVICTED("sip.resolver.evicted"),
    CALLBACK_ERRORS("pipeline.callback_errors"),
    INTERNAL_ERRORS("pipeline.internal_errors"),
    PENDING("pipeline.pending_commands"),
    SERIES("pipeline.series"),
    SUBSCRIPTIONS("subscribe.subscriptions"),
    TRANSACTIONS("sip.transactions_live"),
    PUBLICATION_BYTES("publish.bytes"),
    SUBSCRIPTION_BYTES("subscribe.bytes"),
    REQUEST_ANSWER_BYTES("sip.requests.answers_bytes"),
    RESOLVER_BYTES("sip.resolver.bytes");

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
