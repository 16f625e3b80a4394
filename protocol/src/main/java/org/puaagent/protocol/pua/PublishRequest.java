package org.puaagent.protocol.pua;

import java.util.Objects;

/**
 * A validated publish command ({@code pua.publish}, {@code pua.send_publish}, MI {@code pua_publish}),
 * the "." placeholders already resolved. Immutable.
 *
 * @param presentity    the presentity URI (Request-URI, To and From of the PUBLISH)
 * @param expires       requested lifetime in seconds: &gt; 0 lifetime, 0 remove, &lt; 0 keep forever
 * @param event         the event package
 * @param contentType   the Content-Type to send with a body: the caller's, or the event's default
 *                      ({@code null} when the event has none and the caller gave ".")
 * @param id            the publication series id, or {@code null} (".": any series of that presentity/event)
 * @param etag          the ETag selecting an existing publication, or {@code null}
 * @param outboundProxy the per-request next hop (SIP URI), or {@code null}
 * @param extraHeaders  raw header lines appended verbatim (each ends with CRLF), or {@code null}
 * @param body          the body, or {@code null} when the parameter was absent
 */
public record PublishRequest(
    String presentity,
    int expires,
    EventPackage event,
    String contentType,
    String id,
    String etag,
    String outboundProxy,
    String extraHeaders,
    String body)
{
    public PublishRequest
    {
        Objects.requireNonNull(presentity, "presentity");
        Objects.requireNonNull(event, "event");
    }

    public boolean hasBody()
    {
        return body != null;
    }
}
