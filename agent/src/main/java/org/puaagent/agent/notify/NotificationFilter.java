package org.puaagent.agent.notify;

import java.util.Set;

/**
 * Which notifications a reader wants: an empty set matches anything; a non-empty set matches a notification
 * whose field equals one of its values exactly (a presentity URI as it was subscribed, an event package name
 * such as {@code presence}). All given fields must match. Immutable.
 *
 * @param presentities presentity URIs, or empty for any
 * @param events       event packages, or empty for any
 * @param watchers     watcher URIs, or empty for any
 */
public record NotificationFilter(Set<String> presentities, Set<String> events, Set<String> watchers)
{
    /** Matches every notification. */
    public static final NotificationFilter ANY = new NotificationFilter(Set.of(), Set.of(), Set.of());

    /** The outcome of {@link #parsePath}: a filter, or an error message. Immutable. */
    public record Parsed(NotificationFilter filter, String error)
    {
    }

    public NotificationFilter
    {
        presentities = Set.copyOf(presentities);
        events = Set.copyOf(events);
        watchers = Set.copyOf(watchers);
    }

    public boolean matches(final Notification n)
    {
        return (presentities.isEmpty() || presentities.contains(n.presentity()))
            && (events.isEmpty() || events.contains(n.event()))
            && (watchers.isEmpty() || watchers.contains(n.watcher()));
    }

    /** Whether this filter matches everything. */
    public boolean isAny()
    {
        return presentities.isEmpty() && events.isEmpty() && watchers.isEmpty();
    }

    /**
     * Parses the {@code --webhook-filter} syntax {@code PRESENTITY/EVENT}: the part after the last {@code /}
     * is the event package, the part before it the presentity URI; an empty part or {@code *} means any.
     * Without a {@code /} the whole text is the presentity. Examples: {@code sip:alice@127.0.0.1/presence},
     * {@code * /dialog} (without the space), {@code sip:alice@127.0.0.1}.
     */
    public static Parsed parsePath(final String text)
    {
        if (null == text || text.isBlank())
        {
            return new Parsed(null, "empty filter: expected PRESENTITY/EVENT (either part may be '*')");
        }
        final String t = text.trim();
        final int slash = t.lastIndexOf('/');
        final String presentity = slash < 0 ? t : t.substring(0, slash).trim();
        final String event = slash < 0 ? "" : t.substring(slash + 1).trim();
        if (!presentity.isEmpty() && !presentity.equals("*") && !presentity.contains(":"))
        {
            return new Parsed(null, "filter presentity '" + presentity + "' is not a URI (sip:user@host) or '*'");
        }
        if (event.contains(" ") || event.contains(";"))
        {
            return new Parsed(null, "filter event '" + event + "' is not an event package name");
        }
        return new Parsed(new NotificationFilter(anyOr(presentity), anyOr(event), Set.of()), null);
    }

    private static Set<String> anyOr(final String value)
    {
        return value.isEmpty() || value.equals("*") ? Set.of() : Set.of(value);
    }

    @Override
    public String toString()
    {
        if (isAny())
        {
            return "any";
        }
        return "presentity=" + (presentities.isEmpty() ? "*" : String.join(",", presentities))
            + " event=" + (events.isEmpty() ? "*" : String.join(",", events))
            + (watchers.isEmpty() ? "" : " watcher=" + String.join(",", watchers));
    }
}
