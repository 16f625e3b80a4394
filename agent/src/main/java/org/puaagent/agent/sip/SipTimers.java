package org.puaagent.agent.sip;

/**
 * RFC 3261 timer values of the non-INVITE client transaction over UDP: Timer E starts at T1 and doubles up
 * to T2 (after a provisional response it stays at T2); Timer F (default 64*T1 = 32 s) ends the transaction
 * with a local timeout. Immutable.
 *
 * @param t1Millis     T1, the RTT estimate (500 ms)
 * @param t2Millis     T2, the largest retransmission interval (4 s)
 * @param timerFMillis Timer F, the transaction timeout (32 s)
 */
public record SipTimers(long t1Millis, long t2Millis, long timerFMillis)
{
    /** RFC 3261 defaults: 500 ms, 4 s, 32 s. */
    public static final SipTimers RFC_3261 = new SipTimers(500, 4000, 32_000);

    public SipTimers
    {
        if (t1Millis <= 0 || t2Millis < t1Millis || timerFMillis <= 0)
        {
            throw new IllegalArgumentException(
                "SIP timers need 0 < T1 <= T2 and Timer F > 0: " + t1Millis + ", " + t2Millis + ", " + timerFMillis);
        }
    }
}
