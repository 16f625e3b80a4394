package org.puaagent.agent.presence;

import java.util.Objects;
import java.util.Set;

/**
 * Settings of the embedded {@link PresenceServer}. Immutable.
 *
 * @param listen       {@code host:port} or {@code udp:host:port} (numeric host; port 0 = a free port)
 * @param minExpires   PUBLISH/SUBSCRIBE Expires below this (and not 0) get 423 with Min-Expires
 * @param maxExpires   the longest lifetime granted
 * @param events       the event packages accepted (others get 489 Bad Event)
 * @param failureUsers whether the failure users answer with their failures (R-URI users starting with
 *                     {@code e412}, {@code e423}, {@code e503}, {@code timeout}, {@code noetag}; option
 *                     {@code --presence-failure-users}); when false they are users like any other
 * @param limits       what the server holds at most
 */
public record PresenceServerConfig(String listen, int minExpires, int maxExpires, Set<String> events,
    boolean failureUsers, PresenceLimits limits)
{
    /** The events a Kamailio presence server with presence_xml, presence_dialoginfo and presence_mwi has. */
    public static final Set<String> DEFAULT_EVENTS = Set.of("presence", "dialog", "message-summary", "reg");

    public PresenceServerConfig
    {
        if (minExpires < 0 || maxExpires < 1 || minExpires > maxExpires)
        {
            throw new IllegalArgumentException("need 0 <= minExpires <= maxExpires, 1 <= maxExpires: "
                + minExpires + ", " + maxExpires);
        }
        events = Set.copyOf(events);
        Objects.requireNonNull(limits, "limits");
    }

    /** Without failure users, with the default limits. */
    public PresenceServerConfig(final String listen, final int minExpires, final int maxExpires,
        final Set<String> events)
    {
        this(listen, minExpires, maxExpires, events, false, PresenceLimits.defaults());
    }

    /**
     * 127.0.0.1 on a free port, Min-Expires 60, at most 3600 s, the default events, no failure users, the default
     * limits.
     */
    public static PresenceServerConfig defaults()
    {
        return new PresenceServerConfig("udp:127.0.0.1:0", 60, 3600, DEFAULT_EVENTS);
    }

    /** The same with another listen address. */
    public PresenceServerConfig withListen(final String value)
    {
        return new PresenceServerConfig(value, minExpires, maxExpires, events, failureUsers, limits);
    }

    /** The same with other expiry bounds. */
    public PresenceServerConfig withExpires(final int min, final int max)
    {
        return new PresenceServerConfig(listen, min, max, events, failureUsers, limits);
    }

    /** The same with the failure users on or off. */
    public PresenceServerConfig withFailureUsers(final boolean value)
    {
        return new PresenceServerConfig(listen, minExpires, maxExpires, events, value, limits);
    }

    /** The same with other limits. */
    public PresenceServerConfig withLimits(final PresenceLimits value)
    {
        return new PresenceServerConfig(listen, minExpires, maxExpires, events, failureUsers, value);
    }
}
