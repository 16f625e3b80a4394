package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The JSON of a notification and of a gap, and the SSE frame around it. */
class NotificationJsonTest
{
    @Test
    void notificationJsonHasEveryFieldAndRoundTripsTheBody()
    {
        final Notification n = Notifications.presence("alice");
        final String json = NotificationJson.notification(7, n);
        assertFalse(json.contains("\n") || json.contains("\r"), "one line: " + json);
        assertTrue(json.contains("<presence"), "HTML characters are not escaped: " + json);
        final JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(7, o.get("sequence").getAsLong());
        assertEquals("sub-alice-presence", o.get("subscription_id").getAsString());
        assertEquals("sip:alice@127.0.0.1", o.get("presentity").getAsString());
        assertEquals("sip:watcher@127.0.0.1", o.get("watcher").getAsString());
        assertEquals("presence", o.get("event").getAsString());
        assertEquals("active;expires=3600", o.get("state").getAsString());
        assertEquals("application/pidf+xml", o.get("content_type").getAsString());
        assertEquals(Notifications.PIDF_OPEN, o.get("body").getAsString());
        assertEquals("2023-11-14T22:13:20.123Z", o.get("received_at").getAsString());
        assertEquals(1_700_000_000_123L, o.get("received_at_ms").getAsLong());
    }

    @Test
    void absentBodyIsNull()
    {
        final JsonObject o = JsonParser.parseString(NotificationJson.notification(1,
            new Notification("s", "sip:a@127.0.0.1", "sip:w@127.0.0.1", "presence", "terminated;reason=noresource",
                null, null, 0))).getAsJsonObject();
        assertTrue(o.get("body").isJsonNull());
        assertTrue(o.get("content_type").isJsonNull());
        assertEquals("terminated;reason=noresource", o.get("state").getAsString());
    }

    @Test
    void sseFrameIsIdEventOneDataLineBlankLine()
    {
        final HubEvent e = new HubEvent(42, Notifications.presence("alice"), 0);
        final String frame = new String(e.sseFrame(), StandardCharsets.UTF_8);
        final String[] lines = frame.split("\n", -1);
        assertEquals(5, lines.length, frame);
        assertEquals("id: 42", lines[0]);
        assertEquals("event: notify", lines[1]);
        assertTrue(lines[2].startsWith("data: {"), lines[2]);
        assertEquals(new String(e.json(), StandardCharsets.UTF_8), lines[2].substring("data: ".length()));
        assertEquals("", lines[3]);
        assertEquals("", lines[4]);
        assertTrue(e.sseFrame() == e.sseFrame(), "built once, shared by every reader");
    }

    @Test
    void gapJsonSaysWhatWasMissed()
    {
        final JsonObject o = JsonParser.parseString(NotificationJson.gap(GapReason.EXPIRED, 5, 104, 4))
            .getAsJsonObject();
        assertEquals("expired", o.get("reason").getAsString());
        assertEquals(100, o.get("missed").getAsLong());
        assertEquals(5, o.get("first").getAsLong());
        assertEquals(104, o.get("last").getAsLong());
        assertEquals(4, o.get("last_event_id").getAsLong());
        final JsonObject none = JsonParser.parseString(NotificationJson.gap(GapReason.RESET, 1, 0, 99))
            .getAsJsonObject();
        assertEquals(0, none.get("missed").getAsLong());
        assertFalse(none.has("first"));
    }

    @Test
    void webhookFilterSyntax()
    {
        assertEquals(new NotificationFilter(java.util.Set.of("sip:alice@127.0.0.1"), java.util.Set.of("presence"),
            java.util.Set.of()), NotificationFilter.parsePath("sip:alice@127.0.0.1/presence").filter());
        assertTrue(NotificationFilter.parsePath("*/dialog").filter().matches(Notifications.of("x", "dialog", null)));
        assertFalse(NotificationFilter.parsePath("*/dialog").filter().matches(Notifications.presence("x")));
        assertTrue(NotificationFilter.parsePath("sip:bob@127.0.0.1").filter().events().isEmpty());
        assertTrue(NotificationFilter.parsePath("bob/presence").error().contains("not a URI"));
        assertTrue(NotificationFilter.parsePath("").error().contains("empty"));
    }
}
