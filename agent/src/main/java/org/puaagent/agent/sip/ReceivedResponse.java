package org.puaagent.agent.sip;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the owner needs of a received SIP response, copied out of the received message.
 * Immutable.
 *
 * @param status      the status code
 * @param reason      the reason phrase
 * @param branch      the branch parameter of the top Via (the client transaction key), or {@code null}
 * @param cseqMethod  the method of the CSeq header
 * @param callId      the Call-ID
 * @param sipEtag     the SIP-ETag header value, or {@code null}
 * @param expires     the Expires header value, or -1 when absent (or not a number)
 * @param minExpires  the Min-Expires header value, or -1 when absent
 * @param source      who sent it
 * @param toTag       the To tag, or {@code null}
 * @param contact     the URI of the first Contact, or {@code null} (copied for SUBSCRIBE final responses only)
 * @param recordRoute the Record-Route entries in message order, each as {@code <uri;params>} (SUBSCRIBE final
 *                    responses only; empty otherwise)
 */
public record ReceivedResponse(
    int status,
    String reason,
    String branch,
    String cseqMethod,
    String callId,
    String sipEtag,
    int expires,
    int minExpires,
    InetSocketAddress source,
    String toTag,
    String contact,
    List<String> recordRoute) implements SipEvent
{
    public ReceivedResponse
    {
        recordRoute = null == recordRoute ? List.of() : List.copyOf(recordRoute);
    }

    /** A response without dialog fields (no To tag, Contact or Record-Route). */
    public ReceivedResponse(final int status, final String reason, final String branch, final String cseqMethod,
        final String callId, final String sipEtag, final int expires, final int minExpires,
        final InetSocketAddress source)
    {
        this(status, reason, branch, cseqMethod, callId, sipEtag, expires, minExpires, source, null, null, List.of());
    }

    /** Whether this is a provisional (1xx) response. */
    public boolean isProvisional()
    {
        return status < 200;
    }
}
