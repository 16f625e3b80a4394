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
 * the live heap's class histogram (docs/limits.md). Stateless; any thread.
 */
final class RecordSizes
{
    /** A String and its byte array, without the characters. */
    static final int STRING = 40;
    /**
     * A publication series: {@code Series} (128 B), its {@code SeriesKey} (24), the table's HashMap node and
     * share of the bucket array (about 45), the one-element list of the group with its array (48).
     */
    static final int SERIES = 256;
    /**
     * A PUBLISH or SUBSCRIBE in flight: the attempt, the client transaction with its timers, the request's
     * header bytes (its body is counted apart, from the attempt's body).
     */
    static final int IN_FLIGHT = 640;
    /**
     * A subscription: {@code Subscription} (about 200 B), its key (24), the entry in the table by key and the
     * one by Call-ID with their shares of the bucket arrays (about 90), the queue of waiting commands (56).
     */
    static final int SUBSCRIPTION = 384;
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

    /** A publish command on its way (its own strings; the request bytes of the transport are not counted). */
    static long command(final PublishRequest request)
    {
        return COMMAND + text(request.presentity()) + text(request.contentType()) + text(request.id())
            + text(request.etag()) + text(request.outboundProxy()) + text(request.extraHeaders())
            + text(request.body());
    }

    /** A subscribe or unsubscribe command on its way. */
    static long command(final SubscribeRequest request)
    {
        return COMMAND + text(request.presentity()) + text(request.watcher());
    }

    /** What a PUBLISH in flight with this body adds to its series. */
    static long inFlight(final String body)
    {
        return IN_FLIGHT + (null == body ? 0 : IN_FLIGHT_BODY_COPIES * (long)body.length());
    }

    /** A new series for this request, with its first PUBLISH in flight. */
    static long newSeries(final PublishRequest request)
    {
        return SERIES + text(request.presentity()) + text(request.id()) + text(request.contentType())
            + text(request.extraHeaders()) + inFlight(request.body());
    }

    /** A series as it is now: record, strings, last body, the PUBLISH in flight. */
    static long series(final Series series)
    {
        long bytes = SERIES + text(series.key.presentity()) + text(series.id) + text(series.etag)
            + text(series.body) + text(series.contentType) + text(series.extraHeaders) + text(series.tupleId);
        final PublishAttempt attempt = series.inFlight;
        if (null != attempt)
        {
            bytes += inFlight(attempt.body == series.body ? null : attempt.body);
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
        if (null != subscription.inFlight)
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
