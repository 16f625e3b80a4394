package org.puaagent.agent.pipeline;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import org.puaagent.agent.sip.DialogHeaders;

import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.Header;
import javax.sip.header.SubscriptionStateHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What the subscriber needs of a received NOTIFY, read from the parsed request on the owner thread.
 * Immutable.
 *
 * @param callId            the Call-ID
 * @param toTag             the To tag (the subscriber's From tag), or {@code null}
 * @param fromTag           the From tag (the notifier's tag), or {@code null}
 * @param cseq              the CSeq number
 * @param eventType         the Event package (without parameters), or {@code null}
 * @param contact           the Contact URI, or {@code null}
 * @param recordRoute       the Record-Route entries in message order
 * @param state             the Subscription-State value in lower case ({@code active}, {@code pending},
 *                          {@code terminated}, or an extension), or {@code null} when the header is missing
 * @param reason            the {@code reason} parameter in lower case, or {@code null}
 * @param expires           the {@code expires} parameter, or -1
 * @param retryAfter        the {@code retry-after} parameter, or -1
 * @param subscriptionState the Subscription-State header value as received, or {@code null}
 * @param contentType       the Content-Type value, or {@code null}
 * @param body              the body as UTF-8 text, or {@code null} when empty
 */
record IncomingNotify(
    String callId,
    String toTag,
    String fromTag,
    long cseq,
    String eventType,
    String contact,
    List<String> recordRoute,
    String state,
    String reason,
    int expires,
    int retryAfter,
    String subscriptionState,
    String contentType,
    String body)
{
    static final String ACTIVE = "active";
    static final String PENDING = "pending";
    static final String TERMINATED = "terminated";

    /** Reads a NOTIFY (the reader guarantees Call-ID and CSeq). */
    static IncomingNotify read(final SIPRequest request)
    {
        final Header eventHeader = request.getHeader(EventHeader.NAME);
        final Header stateHeader = request.getHeader(SubscriptionStateHeader.NAME);
        String state = null;
        String reason = null;
        int expires = -1;
        int retryAfter = -1;
        String stateText = null;
        if (stateHeader instanceof SubscriptionStateHeader parsed && null != parsed.getState())
        {
            state = parsed.getState().trim().toLowerCase(Locale.ROOT);
            reason = null == parsed.getReasonCode() ? null : parsed.getReasonCode().trim().toLowerCase(Locale.ROOT);
            expires = parsed.getExpires();
            retryAfter = parsed.getRetryAfter();
            stateText = ((SIPHeader)stateHeader).getHeaderValue().trim();
        }
        final Header type = request.getHeader(ContentTypeHeader.NAME);
        final byte[] content = request.getRawContent();
        return new IncomingNotify(
            request.getCallId().getCallId(),
            request.getToTag(),
            request.getFromTag(),
            request.getCSeq().getSeqNumber(),
            eventHeader instanceof EventHeader ? ((EventHeader)eventHeader).getEventType() : null,
            DialogHeaders.contactUri(request),
            DialogHeaders.recordRoute(request),
            state,
            reason,
            expires,
            retryAfter,
            stateText,
            type instanceof SIPHeader ? ((SIPHeader)type).getHeaderValue().trim() : null,
            null == content || 0 == content.length ? null : new String(content, StandardCharsets.UTF_8));
    }
}
