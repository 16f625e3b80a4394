package org.puaagent.agent.sip;

import java.net.InetSocketAddress;

/**
 * What the owner needs of a received SIP response, copied out of the parsed message by the receive thread.
 * Immutable.
 *
 * @param status     the status code
 * @param reason     the reason phrase
 * @param branch     the branch parameter of the top Via (the client transaction key), or {@code null}
 * @param cseqMethod the method of the CSeq header
 * @param callId     the Call-ID
 * @param sipEtag    the SIP-ETag header value, or {@code null}
 * @param expires    the Expires header value, or -1 when absent (or not a number)
 * @param minExpires the Min-Expires header value, or -1 when absent
 * @param source     who sent it
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
    InetSocketAddress source) implements SipEvent
{
    /** Whether this is a provisional (1xx) response. */
    public boolean isProvisional()
    {
        return status < 200;
    }
}
