package org.puaagent.agent.pipeline;

import java.net.InetSocketAddress;

/**
 * One PUBLISH transaction of a series: what was sent and why, so that its response can be applied to the
 * record (or retried once after 412 / 423); a retry is a new attempt. Owner thread only.
 */
final class PublishAttempt
{
    /** What a PUBLISH does (spec pua.md section 3.2). */
    enum Kind
    {
        /** No SIP-If-Match, with a body. */
        INITIAL,
        /** SIP-If-Match and a new body. */
        MODIFY,
        /** SIP-If-Match, no body (a caller's refresh or the timer's). */
        REFRESH,
        /** SIP-If-Match, Expires min_expires, no body. */
        REMOVE
    }

    final Series series;
    /** The caller's command, or {@code null} for a refresh made by the timer. */
    final PublishCommand command;
    final Kind kind;
    final String ifMatch;
    final int expiresHeader;
    final String body;
    final String contentType;
    final String extraHeaders;
    final String tupleId;
    final long desiredEndMillis;
    final InetSocketAddress nextHop;
    final boolean recovered412;
    final boolean retried423;
    /** Set once its outcome has been applied (guards the bug path against settling it twice). */
    boolean finished;

    PublishAttempt(final Series series, final PublishCommand command, final Kind kind, final String ifMatch,
        final int expiresHeader, final String body, final String contentType, final String extraHeaders,
        final String tupleId, final long desiredEndMillis, final InetSocketAddress nextHop,
        final boolean recovered412, final boolean retried423)
    {
        this.series = series;
        this.command = command;
        this.kind = kind;
        this.ifMatch = ifMatch;
        this.expiresHeader = expiresHeader;
        this.body = body;
        this.contentType = contentType;
        this.extraHeaders = extraHeaders;
        this.tupleId = tupleId;
        this.desiredEndMillis = desiredEndMillis;
        this.nextHop = nextHop;
        this.recovered412 = recovered412;
        this.retried423 = retried423;
    }

    /** The fresh initial PUBLISH sent after a 412 to a modify or refresh. */
    PublishAttempt recoveryAfter412(final int newExpiresHeader, final String newBody, final String newContentType,
        final String newTupleId)
    {
        return new PublishAttempt(series, command, Kind.INITIAL, null, newExpiresHeader, newBody, newContentType,
            extraHeaders, newTupleId, desiredEndMillis, nextHop, true, retried423);
    }

    /** The same PUBLISH with the server's Min-Expires, sent after a 423. */
    PublishAttempt retryAfter423(final int minExpires)
    {
        return new PublishAttempt(series, command, kind, ifMatch, minExpires, body, contentType, extraHeaders,
            tupleId, desiredEndMillis, nextHop, recovered412, true);
    }

    /** Whether the timer (not a caller) made it. */
    boolean isTimerRefresh()
    {
        return null == command;
    }
}
