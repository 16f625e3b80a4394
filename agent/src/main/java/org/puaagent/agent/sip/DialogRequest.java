package org.puaagent.agent.sip;

import java.util.List;
import java.util.Objects;

/**
 * The dialog part of a request the agent (or its embedded presence server) sends inside or to start a
 * SUBSCRIBE dialog: what goes on the request line and in To, From, CSeq, Call-ID, Route, Event and Contact.
 * Immutable.
 *
 * @param method     SUBSCRIBE or NOTIFY
 * @param requestUri the Request-URI (the presentity, or the remote target inside a dialog)
 * @param toUri      the To URI
 * @param toTag      the To tag, or {@code null} (initial request)
 * @param fromUri    the From URI
 * @param fromTag    the From tag
 * @param callId     the Call-ID
 * @param cseq       the CSeq number
 * @param routes     the Route entries (the route set, each {@code <uri;params>}), possibly empty
 * @param event      the Event header value
 * @param contact    the Contact URI
 */
public record DialogRequest(
    String method,
    String requestUri,
    String toUri,
    String toTag,
    String fromUri,
    String fromTag,
    String callId,
    long cseq,
    List<String> routes,
    String event,
    String contact)
{
    public DialogRequest
    {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(toUri, "toUri");
        Objects.requireNonNull(fromUri, "fromUri");
        Objects.requireNonNull(fromTag, "fromTag");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(contact, "contact");
        routes = null == routes ? List.of() : List.copyOf(routes);
    }
}
