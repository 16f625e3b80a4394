package org.puaagent.agent.pipeline;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import org.puaagent.agent.sip.AnsweredRequests;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.ReceivedRequest;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipStatistics;

import javax.sip.message.Request;
import java.text.ParseException;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Answers requests that reach the agent, statelessly, with JAIN-SIP's message model
 * ({@link SIPRequest#createResponse(int)}): NOTIFY with the status the subscriber chose (200 for one of its
 * dialogs, 481 when none matches, RFC 6665); OPTIONS 200; ACK nothing; CANCEL 481; anything else 405 with
 * {@code Allow: OPTIONS, NOTIFY}. Responses go back to the datagram's source address. A retransmission of a
 * NOTIFY already answered for one of the subscriber's dialogs (same top Via branch, sent-by and method, within
 * Timer J) gets the same response bytes again and is not handed to the subscriber a second time
 * ({@link AnsweredRequests}). Only those answers are kept: a 481 for a dialog the agent does not have, and the
 * answers to other methods, are the same for a retransmission anyway, so a flood of requests for unknown
 * dialogs costs their parse and answer but keeps nothing (docs/sip-security.md). Not thread-safe: owner thread
 * only.
 */
final class RequestAnswerer
{
    private static final int OK = 200;
    private static final int NO_TRANSACTION = 481;
    private static final int NOT_ALLOWED = 405;
    private static final String[] ALLOWED = {Request.OPTIONS, Request.NOTIFY};
    private static final String TRANSPORT = "UDP";

    private final SipEndpoint endpoint;
    private final SipStatistics statistics;
    private final Counters counters;
    private final SipIdentifiers identifiers;
    private final ToIntFunction<ReceivedRequest> notifyHandler;
    private final String userAgent;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final AnsweredRequests answered;
    private final LongSupplier clockMillis;

    RequestAnswerer(final SipEndpoint endpoint, final SipStatistics statistics, final Counters counters,
        final SipIdentifiers identifiers, final ToIntFunction<ReceivedRequest> notifyHandler, final String userAgent,
        final AnsweredRequests answered, final LongSupplier clockMillis)
    {
        this.answered = answered;
        this.clockMillis = clockMillis;
        this.endpoint = endpoint;
        this.statistics = statistics;
        this.counters = counters;
        this.identifiers = identifiers;
        this.notifyHandler = notifyHandler;
        this.userAgent = userAgent;
    }

    /** The bytes of the answers kept for retransmissions. */
    long keptBytes()
    {
        return answered.bytes();
    }

    void onRequest(final ReceivedRequest received)
    {
        statistics.increment(SipStatistics.REQUESTS_RECEIVED);
        final SIPRequest request = received.message();
        final String method = request.getMethod();
        if (Request.ACK.equals(method))
        {
            return;
        }
        final Via via = request.getTopmostVia();
        final String key = null == via || !Request.NOTIFY.equals(method) ? null
            : AnsweredRequests.key(via.getBranch(), via.getSentBy().encode(), method);
        final long now = clockMillis.getAsLong();
        if (null != key)
        {
            final byte[] earlier = answered.answerOf(key, now);
            if (null != earlier)
            {
                counters.increment(PipelineCounter.REQUEST_RETRANSMISSIONS_ANSWERED.ordinal());
                if (endpoint.send(earlier, received.source()))
                {
                    statistics.increment(SipStatistics.RESPONSES_SENT);
                }
                return;
            }
        }
        final int status;
        switch (method)
        {
            case Request.NOTIFY:
                status = notifyHandler.applyAsInt(received);
                if (OK == status)
                {
                    counters.increment(PipelineCounter.NOTIFY_OK.ordinal());
                }
                else if (NO_TRANSACTION == status)
                {
                    counters.increment(PipelineCounter.NOTIFY_UNKNOWN.ordinal());
                }
                break;
            case Request.OPTIONS:
                status = OK;
                break;
            case Request.CANCEL:
                status = NO_TRANSACTION;
                break;
            default:
                status = NOT_ALLOWED;
                break;
        }
        final byte[] bytes;
        try
        {
            final SIPResponse response = request.createResponse(status);
            final To to = (To)response.getTo();
            if (null != to && null == to.getTag())
            {
                to.setTag(identifiers.tag());
            }
            if (NOT_ALLOWED == status || Request.OPTIONS.equals(method))
            {
                for (final String allowed : ALLOWED)
                {
                    response.addHeader(headers.createAllowHeader(allowed));
                }
            }
            response.setHeader(headers.createHeader("Server", userAgent));
            bytes = response.encodeAsBytes(TRANSPORT);
        }
        catch (final ParseException | RuntimeException ex)
        {
            statistics.increment(SipStatistics.PARSE_ERRORS);
            return;
        }
        if (null != key && NO_TRANSACTION != status && answered.remember(key, bytes, now))
        {
            counters.increment(PipelineCounter.REQUEST_ANSWERS_FORGOTTEN.ordinal());
        }
        if (endpoint.send(bytes, received.source()))
        {
            statistics.increment(SipStatistics.RESPONSES_SENT);
        }
    }
}
