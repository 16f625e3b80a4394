package org.puaagent.agent.presence;

import java.util.Set;

/**
 * Settings of the embedded {@link PresenceServer}. Immutable.
 *
 * @param listen     {@code host:port} or {@code udp:host:port} (numeric host; port 0 = a free port)
 * @param minExpires PUBLISH/SUBSCRIBE Expires below this (and not 0) get 423 with Min-Expires
 * @param maxExpires the longest lifetime granted
 * @param events     the event packages accepted (others get 489 Bad Event)
 */
public record PresenceServerConfig(String listen, int minExpires, int maxExpires, Set<String> events)
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
    }

    /** 127.0.0.1 on a free port, Min-Expires 60, at most 3600 s, the default events. */
    public static PresenceServerConfig defaults()
    {
        return new PresenceServerConfig("udp:127.0.0.1:0", 60, 3600, DEFAULT_EVENTS);
    }

    /** The same with another listen address. */
    public PresenceServerConfig withListen(final String value)
    {
        return new PresenceServerConfig(value, minExpires, maxExpires, events);
    }

    /** The same with other expiry bounds. */
    public PresenceServerConfig withExpires(final int min, final int max)
    {
        return new PresenceServerConfig(listen, min, max, events);
    }
}
