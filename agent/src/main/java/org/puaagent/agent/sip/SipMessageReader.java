package org.puaagent.agent.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;

import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.SIPETagHeader;
import javax.sip.message.Request;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;

/**
 * Turns one datagram into a {@link SipEvent}. A response to PUBLISH in plain form is read by
 * {@link PublishResponseReader} (a bounded hand scan, the hot path); anything else is parsed with JAIN-SIP's
 * {@link StringMsgParser}, with the same result for what both can read: for a
 * response the few fields the owner needs are copied out (for a final response to SUBSCRIBE also the dialog
 * fields: To tag, Contact, Record-Route); a request is handed over whole. Headers with a
 * malformed value are dropped by the parser (so e.g. {@code Expires: abc} reads as absent). Not thread-safe:
 * one instance per receiving thread.
 */
public final class SipMessageReader
{
    private static final int ABSENT = -1;
    private static final int FINAL = 200;

    private final StringMsgParser parser = new StringMsgParser();

    public SipMessageReader()
    {
        QuietStackLogger.install();
    }

    /**
     * @param datagram exactly the bytes of one message
     * @param source   the sender
     * @return the event, or {@code null} when the bytes are not a SIP message with Via, CSeq and Call-ID
     */
    public SipEvent read(final byte[] datagram, final InetSocketAddress source)
    {
        final ReceivedResponse plain = PublishResponseReader.read(datagram, source);
        return null != plain ? plain : readWithJainSip(datagram, source);
    }

    /** {@link #read} without the PUBLISH response fast path (the reference it is tested against). */
    SipEvent readWithJainSip(final byte[] datagram, final InetSocketAddress source)
    {
        final SIPMessage message;
        try
        {
            message = parser.parseSIPMessage(datagram, true, false, null);
        }
        catch (final ParseException | RuntimeException ex)
        {
            return null;
        }
        if (null == message)
        {
            return null;
        }
        final Via via = message.getTopmostVia();
        final CSeq cseq = (CSeq)message.getCSeq();
        final CallID callId = (CallID)message.getCallId();
        if (null == via || null == cseq || null == callId)
        {
            return null;
        }
        if (message instanceof SIPResponse)
        {
            final SIPResponse response = (SIPResponse)message;
            final Header etag = response.getHeader(SIPETagHeader.NAME);
            final Header expires = response.getHeader(ExpiresHeader.NAME);
            final Header minExpires = response.getHeader(MinExpiresHeader.NAME);
            String contact = null;
            List<String> recordRoute = List.of();
            if (response.getStatusCode() >= FINAL && Request.SUBSCRIBE.equals(cseq.getMethod()))
            {
                contact = DialogHeaders.contactUri(response);
                recordRoute = DialogHeaders.recordRoute(response);
            }
            return new ReceivedResponse(
                response.getStatusCode(),
                response.getReasonPhrase(),
                via.getBranch(),
                cseq.getMethod(),
                callId.getCallId(),
                etag instanceof SIPETagHeader ? ((SIPETagHeader)etag).getETag() : null,
                expires instanceof ExpiresHeader ? ((ExpiresHeader)expires).getExpires() : ABSENT,
                minExpires instanceof MinExpiresHeader ? ((MinExpiresHeader)minExpires).getExpires() : ABSENT,
                source,
                response.getToTag(),
                contact,
                recordRoute);
        }
        if (message instanceof SIPRequest)
        {
            return new ReceivedRequest((SIPRequest)message, source);
        }
        return null;
    }
}
