package org.puaagent.agent.presence;

/**
 * What the embedded presence server holds at most, so that no client can make it grow without bound
 * (docs/presence-server.md). Modest defaults: it is the server of {@code make run} and of the tests, not a
 * production presence server. When a limit is reached the server answers {@code 503 Service Unavailable} with
 * {@code Retry-After} (publications, watchers), defers NOTIFYs until earlier ones are answered (NOTIFYs in
 * flight), or forgets the oldest answer kept for retransmissions; each case is counted. Immutable.
 *
 * @param maxPublications        live publications held at most
 * @param maxPublicationBytes    bytes of their bodies (UTF-8) at most
 * @param maxWatchers            live subscriptions (watchers) held at most
 * @param maxNotifiesInFlight    NOTIFY transactions waiting for their answer at most
 * @param maxNotifyBytesInFlight bytes of those NOTIFYs at most (one more may start while under the limit)
 * @param answerBytes            bytes of the final responses kept for retransmitted requests (Timer J) at most
 */
public record PresenceLimits(int maxPublications, long maxPublicationBytes, int maxWatchers, int maxNotifiesInFlight,
    long maxNotifyBytesInFlight, long answerBytes)
{
    /** Default {@link #maxPublications}. */
    public static final int DEFAULT_MAX_PUBLICATIONS = 10_000;
    /** Default {@link #maxPublicationBytes}: 8 MiB. */
    public static final long DEFAULT_MAX_PUBLICATION_BYTES = 8L * 1024 * 1024;
    /** Default {@link #maxWatchers}. */
    public static final int DEFAULT_MAX_WATCHERS = 10_000;
    /** Default {@link #maxNotifiesInFlight}. */
    public static final int DEFAULT_MAX_NOTIFIES_IN_FLIGHT = 1024;
    /** Default {@link #maxNotifyBytesInFlight}: 4 MiB. */
    public static final long DEFAULT_MAX_NOTIFY_BYTES_IN_FLIGHT = 4L * 1024 * 1024;
    /** Default {@link #answerBytes}: 4 MiB. */
    public static final long DEFAULT_ANSWER_BYTES = 4L * 1024 * 1024;

    public PresenceLimits
    {
        if (maxPublications < 1 || maxPublicationBytes < 1 || maxWatchers < 1 || maxNotifiesInFlight < 1
            || maxNotifyBytesInFlight < 1 || answerBytes < 1)
        {
            throw new IllegalArgumentException("every presence server limit must be positive: " + maxPublications
                + ", " + maxPublicationBytes + ", " + maxWatchers + ", " + maxNotifiesInFlight + ", "
                + maxNotifyBytesInFlight + ", " + answerBytes);
        }
    }

    /** The defaults. */
    public static PresenceLimits defaults()
    {
        return new PresenceLimits(DEFAULT_MAX_PUBLICATIONS, DEFAULT_MAX_PUBLICATION_BYTES, DEFAULT_MAX_WATCHERS,
            DEFAULT_MAX_NOTIFIES_IN_FLIGHT, DEFAULT_MAX_NOTIFY_BYTES_IN_FLIGHT, DEFAULT_ANSWER_BYTES);
    }

    /** The same with other publication limits. */
    public PresenceLimits withPublications(final int count, final long bytes)
    {
        return new PresenceLimits(count, bytes, maxWatchers, maxNotifiesInFlight, maxNotifyBytesInFlight,
            answerBytes);
    }

    /** The same with another watcher limit. */
    public PresenceLimits withWatchers(final int count)
    {
        return new PresenceLimits(maxPublications, maxPublicationBytes, count, maxNotifiesInFlight,
            maxNotifyBytesInFlight, answerBytes);
    }

    /** The same with other NOTIFY limits. */
    public PresenceLimits withNotifiesInFlight(final int count, final long bytes)
    {
        return new PresenceLimits(maxPublications, maxPublicationBytes, maxWatchers, count, bytes, answerBytes);
    }
}
