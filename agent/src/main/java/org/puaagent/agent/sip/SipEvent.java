package org.puaagent.agent.sip;

/**
 * A message received by the SIP endpoint, read and parsed on the owner thread. Immutable (see
 * {@link ReceivedRequest} for the parsed request, which is mutable and owner thread only).
 */
public sealed interface SipEvent permits ReceivedResponse, ReceivedRequest
{
}
