package org.puaagent.agent.transport;

/**
 * The bounds of one binrpc stream listener (TCP or unix stream socket) and of each of its connections. Every value
 * comes from an option ({@code --binrpc-*}); {@link #defaults()} are the agent's defaults. Immutable.
 *
 * @param maxConnections       open connections at most; more are accepted and closed at once (as Kamailio's ctl
 *                             does). Each listener has its own, so a flood on TCP never takes the unix control
 *                             socket's places
 * @param maxInFlight          requests of one connection being worked on at once; one more is answered with fault
 *                             503 at once
 * @param maxQueuedBytes       reply bytes a connection may hold unsent; above it the connection is not read until
 *                             half of them are written (the client must read its replies to send more)
 * @param idleTimeoutMillis    a connection with nothing in flight, nothing to send and nothing received for this
 *                             long is closed (long enough for an interactive kamcmd)
 * @param requestTimeoutMillis a packet begun must be complete, and queued replies must move, within this long, or the
 *                             connection is closed
 */
public record StreamLimits(int maxConnections, int maxInFlight, int maxQueuedBytes, long idleTimeoutMillis,
    long requestTimeoutMillis)
{
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final int DEFAULT_MAX_QUEUED_BYTES = 1 << 20;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 600_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

    public StreamLimits
    {
        positive("connections", maxConnections);
        positive("requests in flight", maxInFlight);
        positive("queued bytes", maxQueuedBytes);
        positive("idle timeout", idleTimeoutMillis);
        positive("request timeout", requestTimeoutMillis);
    }

    public static StreamLimits defaults()
    {
        return new StreamLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_QUEUED_BYTES,
            DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_REQUEST_TIMEOUT_MILLIS);
    }

    public StreamLimits withMaxConnections(final int connections)
    {
        return new StreamLimits(connections, maxInFlight, maxQueuedBytes, idleTimeoutMillis, requestTimeoutMillis);
    }

    private static void positive(final String what, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("binrpc " + what + " must be positive, not " + value);
        }
    }
}
