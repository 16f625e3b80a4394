package org.puaagent.agent.sip;

import gov.nist.javax.sip.message.SIPRequest;

import java.net.InetSocketAddress;

/**
 * A SIP request received by the endpoint (NOTIFY, OPTIONS, ...). The parsed JAIN-SIP message is handed over
 * whole; it is read on the owner thread and belongs to it.
 *
 * @param message the parsed request (owner thread only after hand-over)
 * @param source  who sent it (stateless responses go back there, as with rport)
 */
public record ReceivedRequest(SIPRequest message, InetSocketAddress source) implements SipEvent
{
}
