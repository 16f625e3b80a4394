package org.puaagent.agent.transport.http;

/**
 * The bounds of one HTTP listener: what a client may send, how long it may take, how much the listener holds
 * for all clients together. Every value comes from an option ({@code --http-*}); {@link #defaults()} are the
 * agent's defaults. Immutable.
 *
 * @param maxHeadBytes         largest request head (request line and headers); larger: 400 and the connection closes
 * @param maxBodyBytes         largest request body; a larger Content-Length gets 413 before anything is read, a
 *                             chunked body that grows past it gets 413 when it does
 * @param bodyBudgetBytes      bytes of request bodies being received, all connections together; a body that would
 *                             exceed it gets 503 and the connection closes
 * @param maxConnections       open connections at most; more are accepted and closed at once (as Kamailio's ctl)
 * @param idleTimeoutMillis    a kept-alive connection without a new request for this long is closed
 * @param requestTimeoutMillis a request head, a request body, and the write of an answer must each complete
 *                             within this long, or the connection is closed
 * @param ioThreads            Undertow I/O threads
 */
public record HttpLimits(int maxHeadBytes, int maxBodyBytes, long bodyBudgetBytes, int maxConnections,
    long idleTimeoutMillis, long requestTimeoutMillis, int ioThreads)
{
    public static final int DEFAULT_MAX_HEAD_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final long DEFAULT_BODY_BUDGET_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_IO_THREADS = 2;

    public HttpLimits
    {
        positive("head size", maxHeadBytes);
        positive("body size", maxBodyBytes);
        positive("body budget", bodyBudgetBytes);
        positive("connections", maxConnections);
        positive("idle timeout", idleTimeoutMillis);
        positive("request timeout", requestTimeoutMillis);
        positive("I/O threads", ioThreads);
        if (bodyBudgetBytes < maxBodyBytes)
        {
            throw new IllegalArgumentException("the body budget (" + bodyBudgetBytes
                + " bytes) must hold at least one body of the largest size (" + maxBodyBytes + " bytes)");
        }
    }

    public static HttpLimits defaults()
    {
        return new HttpLimits(DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_BODY_BYTES, DEFAULT_BODY_BUDGET_BYTES,
            DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_REQUEST_TIMEOUT_MILLIS, DEFAULT_IO_THREADS);
    }

    public HttpLimits withMaxConnections(final int connections)
    {
        return new HttpLimits(maxHeadBytes, maxBodyBytes, bodyBudgetBytes, connections, idleTimeoutMillis,
            requestTimeoutMillis, ioThreads);
    }

    private static void positive(final String what, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("HTTP " + what + " must be positive, not " + value);
        }
    }
}
