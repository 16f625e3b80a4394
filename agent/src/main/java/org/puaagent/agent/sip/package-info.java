/**
 * The agent's lean SIP layer. JAIN-SIP RI is used only for its message model and parser
 * ({@code StringMsgParser}, {@code SIPRequest.createResponse}, header classes); its SipStack, transaction
 * layer and threads are not used (jain-sip-measurements.md: the stack costs 34-90 us of CPU per PUBLISH).
 * <ul>
 * <li>{@link org.puaagent.agent.sip.SipEndpoint}: one non-blocking UDP socket that the owner thread reads
 *     (and waits on, in a selector, when idle) and sends on; no receive thread. Each datagram is looked at in
 *     the receive buffer first ({@code DatagramTriage}, {@link org.puaagent.agent.sip.TokenHashes}): garbage,
 *     responses to no live branch and, beyond a {@code Ration}, requests for no known dialog are dropped
 *     without a copy or a parse (docs/sip-security.md).</li>
 * <li>{@link org.puaagent.agent.sip.SipIdentifiers}: branches, tags, Call-IDs and entity tags with 64 random
 *     bits each.</li>
 * <li>{@link org.puaagent.agent.sip.SipMessageReader}: responses to PUBLISH through a hand scan
 *     ({@code PublishResponseReader}), everything else through JAIN-SIP's parser.</li>
 * <li>{@link org.puaagent.agent.sip.ClientTransactions}: RFC 3261 non-INVITE client transactions keyed by
 *     Via branch, answered only from the address the request went to unless
 *     {@link org.puaagent.agent.sip.ResponseSources#ANY}; Timer E (T1 doubling to T2) and Timer F on the owner's
 *     {@link org.puaagent.agent.sip.TimerWheel}; no Timer K (late responses are counted as strays).</li>
 * <li>{@link org.puaagent.agent.sip.SipRequestWriter}: PUBLISH and SUBSCRIBE in pua's exact header order.</li>
 * <li>{@link org.puaagent.agent.sip.DestinationResolver}: next hops from numeric hosts only, never DNS.</li>
 * </ul>
 * UDP only for now.
 */
package org.puaagent.agent.sip;
