package org.puaagent.agent.pipeline;

import org.puaagent.agent.notify.Notification;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.util.List;

/**
 * What the owner's records cost in heap, estimated from lengths at hand (never a scan): a fixed part per record
 * (its objects and its share of the tables, 64-bit JVM with compressed references) plus, per string, the
 * String and its array ({@value #STRING} bytes) and one byte per character (what ASCII and Latin-1 text, the
 * norm in SIP and PIDF, takes; text with other characters takes two). The fixed parts were checked against
 * the live heap's class histogram (docs/limits.md).
 *
 * <p>Two budgets share the work: a record (series, subscription) counts what it keeps for as long as it lives;
 * a command counts, from its submit to its outcome, everything it brings and makes on its way: its request, its
 * place in the queue or in its series, and the request in flight with the copies of its body (the prepared body,
 * the datagram). What the owner sends by itself (timer refreshes, re-subscribes) is counted on the record while
 * it is in flight. Stateless; any thread.
 */
final class RecordSizes
{
    /** A String and its byte array, without the characters. */
    static final int STRING = 40;
    /**
     * A publication series: {@code Series} (136 B), its {@code SeriesKey} (24), the table's HashMap node and
     * share of the bucket array (about 45), the one-element list of the group with its array (48).
     */
    static final int SERIES = 256;
    /**
     * A PUBLISH or SUBSCRIBE in flight: the attempt, the client transaction with its timers, the request's
     * header bytes (a body is counted apart: {@link #IN_FLIGHT_BODY_COPIES}).
     */
    static final int IN_FLIGHT = 640;
    /** The SIP-ETag and tuple id a new publication's record gets with its first 2xx. */
    static final int NEW_RECORD_TAGS = 2 * STRING + 32;
    /**
     * A subscription: {@code Subscription} (192 B), its key (24), the entry in the table by key and the one by
     * Call-ID with their shares of the bucket arrays (about 90), the queue of waiting commands (56), the
     * addresses of its next hops (about 112: each subscription to its own presentity URI keeps them after the
     * resolver's cache let them go).
     */
    static final int SUBSCRIPTION = 512;
    /** The strings a subscription gets with its first dialog (id, Call-ID, local tag), before it has one. */
    static final int NEW_DIALOG = 3 * STRING + 96;
    /** The kept notification of a subscription ({@code Notification}: 40 B) and the list of a route set (32). */
    static final int NOTIFICATION = 40;
    static final int ROUTE_SET = 32;
    /** A retired Call-ID: the HashMap node, the boxed deadline and a share of the bucket array. */
    static final int RETIRED_CALL_ID = 64;
    /**
     * A submitted command: the command and its request (72 B), the completion and the transport's pending call
     * behind it (about 200), the scan of a presence body, the queue slot.
     */
    static final int COMMAND = 320;
    /** Copies of a body a PUBLISH in flight holds: the prepared body (a String) and the request bytes. */
    static final int IN_FLIGHT_BODY_COPIES = 2;

    private RecordSizes()
    {
    }

    /** A string's estimated heap: 0 for {@code null}. */
    static long text(final String value)
    {
        return null == value ? 0 : STRING + value.length();
    }

    /**
     * A publish command from its submit to its outcome: its strings, its PUBLISH in flight and the copies of its
     * body that makes (the request bytes the transport read are the transport's).
     */
    static long command(final PublishRequest request)
    {
        final long body = null == request.body() ? 0 : request.body().length();
        return COMMAND + IN_FLIGHT + text(request.presentity()) + text(request.contentType()) + text(request.id())
            + text(request.etag()) + text(request.outboundProxy()) + text(request.extraHeaders())
            + text(request.body()) + IN_FLIGHT_BODY_COPIES * body;
    }

    /** A subscribe or unsubscribe command from its submit to its outcome, its SUBSCRIBE in flight included. */
    static long command(final SubscribeRequest request)
    {
        return COMMAND + IN_FLIGHT + text(request.presentity()) + text(request.watcher());
    }

    /** The record a new publication of this request will keep (its ETag and tuple id estimated). */
    static long newSeries(final PublishRequest request)
    {
        return SERIES + text(request.presentity()) + text(request.id()) + text(request.contentType())
            + text(request.extraHeaders()) + text(request.body()) + NEW_RECORD_TAGS;
    }

    /** How much a new body changes a record's size (negative when it is smaller). */
    static long bodyChange(final String newBody, final String oldBody)
    {
        return text(newBody) - text(oldBody);
    }

    /** A series as it is now: record, strings, last body, and a timer refresh of its own in flight. */
    static long series(final Series series)
    {
        long bytes = SERIES + text(series.key.presentity()) + text(series.id) + text(series.etag)
            + text(series.body) + text(series.contentType) + text(series.extraHeaders) + text(series.tupleId);
        final PublishAttempt attempt = series.inFlight;
        if (null != attempt && null == attempt.command)
        {
            bytes += IN_FLIGHT;
        }
        return bytes;
    }

    /** A new subscription for this request, before its first dialog. */
    static long newSubscription(final SubscribeRequest request)
    {
        return SUBSCRIPTION + text(request.presentity()) + text(request.watcher()) + NEW_DIALOG;
    }

    /** A subscription as it is now: dialog, kept state, the SUBSCRIBE in flight. */
    static long subscription(final Subscription subscription)
    {
        long bytes = SUBSCRIPTION + text(subscription.key.presentity()) + text(subscription.key.watcher())
            + text(subscription.id) + text(subscription.callId) + text(subscription.localTag)
            + text(subscription.remoteTag) + text(subscription.remoteTarget) + text(subscription.substate)
            + text(subscription.terminatedReason) + text(subscription.endReason)
            + routeSet(subscription.routeSet) + notification(subscription.last);
        if (null != subscription.inFlight && null == subscription.inFlight.command)
        {
            bytes += IN_FLIGHT;
        }
        return bytes;
    }

    /** A kept notification's own strings (ids, URIs and event are the subscription's). */
    static long notification(final Notification notification)
    {
        return null == notification ? 0 : NOTIFICATION + text(notification.subscriptionState())
            + text(notification.contentType()) + text(notification.body());
    }

    /** A Call-ID remembered as retired. */
    static long retired(final String callId)
    {
        return RETIRED_CALL_ID + text(callId);
    }

    private static long routeSet(final List<String> routes)
    {
        if (routes.isEmpty())
        {
            return 0;
        }
        long bytes = ROUTE_SET;
        for (int i = 0; i < routes.size(); i++)
        {
            bytes += text(routes.get(i));
        }
        return bytes;
    }
}
