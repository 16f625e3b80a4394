package org.puaagent.agent.presence;

/**
 * A request as the embedded presence server received it, with the status it answered (0: dropped on
 * purpose, the "timeout" knob; -1: a retransmission answered from the transaction cache). For tests.
 * Immutable.
 *
 * @param method       the method
 * @param requestUri   the Request-URI
 * @param user         the Request-URI user, or {@code null}
 * @param event        the Event header value, or {@code null}
 * @param expires      the Expires header value, or -1
 * @param sipIfMatch   the SIP-If-Match value, or {@code null}
 * @param contentType  the Content-Type value, or {@code null}
 * @param body         the body, or {@code null} when empty
 * @param branch       the top Via branch
 * @param status       the status answered
 * @param etag         the SIP-ETag answered, or {@code null}
 * @param raw          the datagram as text
 */
public record ObservedRequest(
    String method,
    String requestUri,
    String user,
    String event,
    int expires,
    String sipIfMatch,
    String contentType,
    String body,
    String branch,
    int status,
    String etag,
    String raw)
{
}
