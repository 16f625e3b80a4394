package org.puaagent.agent.sip;

import java.net.InetSocketAddress;

/**
 * Where a request goes: a resolved UDP next hop, or the reason the URI cannot be used. Immutable values.
 */
public sealed interface Destination permits Destination.Resolved, Destination.Refused
{
    /**
     * A numeric next hop.
     *
     * @param address the IP address and port to send to
     */
    record Resolved(InetSocketAddress address) implements Destination
    {
    }

    /**
     * The URI cannot be used as a next hop.
     *
     * @param why what is wrong, naming the URI
     */
    record Refused(String why) implements Destination
    {
    }
}
