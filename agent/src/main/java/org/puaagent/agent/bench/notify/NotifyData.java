package org.puaagent.agent.bench.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The fields of one {@code notify} event's data (the agent's notification JSON) that the measurement needs.
 * Immutable.
 *
 * @param presentity the presentity URI as subscribed
 * @param watcher    the watcher URI
 * @param state      the Subscription-State as received ({@code active;expires=3600}, ...)
 * @param body       the NOTIFY body, or null when it had none
 */
record NotifyData(String presentity, String watcher, String state, String body)
{
    /** The outcome of {@link #parse}: the data, or why it is not a notification. Immutable. */
    record Parsed(NotifyData data, String error)
    {
    }

    /** Whether the subscription state is {@code active} (with or without parameters). */
    boolean active()
    {
        return state.equals("active") || state.startsWith("active;");
    }

    /** Parses the JSON text of a {@code notify} event's {@code data}. Never throws. */
    static Parsed parse(final String json)
    {
        if (null == json)
        {
            return new Parsed(null, "a notify event without data");
        }
        final JsonElement root;
        try
        {
            root = JsonParser.parseString(json);
        }
        catch (final JsonParseException ex)
        {
            return new Parsed(null, "notify data is not JSON: " + ex.getMessage());
        }
        if (!root.isJsonObject())
        {
            return new Parsed(null, "notify data is not a JSON object");
        }
        final JsonObject o = root.getAsJsonObject();
        final String presentity = text(o, "presentity");
        final String watcher = text(o, "watcher");
        final String state = text(o, "state");
        if (null == presentity || null == watcher || null == state)
        {
            return new Parsed(null, "notify data without presentity, watcher or state");
        }
        return new Parsed(new NotifyData(presentity, watcher, state, text(o, "body")), null);
    }

    private static String text(final JsonObject o, final String name)
    {
        final JsonElement e = o.get(name);
        return null == e || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
