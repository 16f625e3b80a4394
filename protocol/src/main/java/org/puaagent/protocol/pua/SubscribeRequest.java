package org.puaagent.protocol.pua;

import java.util.Objects;

/**
 * A validated subscribe command ({@code pua.subscribe}, MI {@code pua_subscribe}). Immutable.
 *
 * @param presentity the presentity URI (Request-URI and To)
 * @param watcher    the watcher URI (From; Contact in Kamailio-compatible mode)
 * @param event      the event package
 * @param expires    requested lifetime: &gt; 0 lifetime, 0 unsubscribe, &lt; 0 keep forever
 */
public record SubscribeRequest(String presentity, String watcher, EventPackage event, int expires)
{
    public SubscribeRequest
    {
        Objects.requireNonNull(presentity, "presentity");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(event, "event");
    }
}
