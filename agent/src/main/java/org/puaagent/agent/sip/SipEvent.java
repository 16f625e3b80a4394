package org.puaagent.agent.sip;

/**
 * A message received by the SIP endpoint, handed from its receive thread to the owner thread through a
 * queue. Immutable (see {@link ReceivedRequest} for the hand-over of the parsed request).
 */
public sealed interface SipEvent permits ReceivedResponse, ReceivedRequest
{
}
