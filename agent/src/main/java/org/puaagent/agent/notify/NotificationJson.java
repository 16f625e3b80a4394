package org.puaagent.agent.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * The JSON shape one notification has on every delivery path (the SSE {@code data:} line and the webhook
 * body), and the shape of a gap report. Compact JSON (one line: string escapes keep CR/LF out of it, so it is
 * one valid SSE data line), HTML characters not escaped (PIDF stays readable), absent values as {@code null}.
 * Immutable (static functions only); any thread.
 */
public final class NotificationJson
{
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private NotificationJson()
    {
    }

    /**
     * The notification as a JSON object: {@code sequence, subscription_id, presentity, watcher, event, state,
     * content_type, body, received_at} (ISO-8601 UTC) and {@code received_at_ms} (epoch milliseconds).
     */
    public static String notification(final long sequence, final Notification n)
    {
        final JsonObject o = new JsonObject();
        o.addProperty("sequence", sequence);
        o.addProperty("subscription_id", n.subscriptionId());
        o.addProperty("presentity", n.presentity());
        o.addProperty("watcher", n.watcher());
        o.addProperty("event", n.event());
        o.addProperty("state", n.subscriptionState());
        o.addProperty("content_type", n.contentType());
        o.addProperty("body", n.body());
        o.addProperty("received_at", Instant.ofEpochMilli(n.receivedAtMillis()).toString());
        o.addProperty("received_at_ms", n.receivedAtMillis());
        return GSON.toJson(o);
    }

    /** {@link #notification} as UTF-8 bytes. */
    public static byte[] notificationBytes(final long sequence, final Notification n)
    {
        return notification(sequence, n).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A gap report: {@code missed} sequence numbers were not delivered; when {@code missed > 0} they are
     * {@code first..last} (the range may hold notifications the reader's filter would have skipped).
     *
     * @param reason      {@link GapReason} in lower case
     * @param lastEventId the id the client resumed from, or a negative number when not resuming
     */
    public static String gap(final GapReason reason, final long first, final long last, final long lastEventId)
    {
        final JsonObject o = new JsonObject();
        o.addProperty("reason", reason.wireName());
        final long missed = Math.max(0, last - first + 1);
        o.addProperty("missed", missed);
        if (missed > 0)
        {
            o.addProperty("first", first);
            o.addProperty("last", last);
        }
        if (lastEventId >= 0)
        {
            o.addProperty("last_event_id", lastEventId);
        }
        return GSON.toJson(o);
    }
}
