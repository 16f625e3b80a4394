package org.puaagent.agent.presence;

/**
 * The embedded presence server's counters and gauges, with their names in {@link PresenceServer#counters()}
 * (each prefixed {@code presence.}). Immutable.
 */
enum PresenceCounter
{
    /** Requests received (retransmissions included). */
    REQUESTS("requests"),
    /** Retransmitted requests answered again from the answers kept. */
    RETRANSMISSIONS_ANSWERED("retransmissions_answered"),
    /** Answers forgotten before Timer J ran out to make room ({@link PresenceLimits#answerBytes}). */
    ANSWERS_FORGOTTEN("answers_forgotten_early"),
    /** Requests answered (or dropped, {@code timeout}) as a failure user asked. */
    FAILURE_USER_ANSWERS("failure_user_answers"),
    /** PUBLISHes refused with 503 because the publication limits were reached. */
    PUBLICATIONS_FULL("refused.publications_full"),
    /** SUBSCRIBEs refused with 503 because the watcher limit was reached. */
    WATCHERS_FULL("refused.watchers_full"),
    /** Requests that could not be answered (a header JAIN-SIP cannot build a response from). */
    UNANSWERABLE("requests_unanswerable"),
    /** NOTIFYs sent (retransmissions not counted). */
    NOTIFIES_SENT("notifies_sent"),
    /** NOTIFYs put off because the NOTIFY limits were reached; sent when earlier ones are answered. */
    NOTIFIES_DEFERRED("notifies_deferred"),
    /** Exceptions caught on the server's thread. */
    INTERNAL_ERRORS("internal_errors"),
    /** Gauge: live publications. */
    PUBLICATIONS("publications"),
    /** Gauge: bytes of their bodies. */
    PUBLICATION_BYTES("publication_bytes"),
    /** Gauge: live watchers. */
    WATCHERS("watchers"),
    /** Gauge: NOTIFY transactions waiting for their answer. */
    NOTIFIES_IN_FLIGHT("notifies_in_flight"),
    /** Gauge: bytes of those NOTIFYs. */
    NOTIFY_BYTES_IN_FLIGHT("notify_bytes_in_flight");

    private final String wireName;

    PresenceCounter(final String wireName)
    {
        this.wireName = wireName;
    }

    /** All names, in ordinal order. */
    static String[] names()
    {
        final PresenceCounter[] all = values();
        final String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++)
        {
            names[i] = all[i].wireName;
        }
        return names;
    }
}
