package org.puaagent.agent.presence;

/**
 * A publication the embedded presence server holds (RFC 3903 event state). Immutable.
 *
 * @param aor           the presentity ({@code sip:user@host[:port]} of the Request-URI, parameters dropped)
 * @param event         the event package (the Event header's type, parameters dropped)
 * @param etag          the current entity tag
 * @param body          the last body published
 * @param contentType   its Content-Type
 * @param granted       the Expires granted by the last successful PUBLISH, in seconds
 * @param expiresAtNanos when it expires ({@link System#nanoTime()} scale)
 * @param updates       how many PUBLISHes changed it after the first (modify and refresh)
 */
public record StoredPublication(
    String aor,
    String event,
    String etag,
    String body,
    String contentType,
    int granted,
    long expiresAtNanos,
    int updates)
{
    /** Whether it has expired at {@code nowNanos}. */
    public boolean isExpired(final long nowNanos)
    {
        return nowNanos - expiresAtNanos >= 0;
    }
}
