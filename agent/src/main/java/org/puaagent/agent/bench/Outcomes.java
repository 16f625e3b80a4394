package org.puaagent.agent.bench;

/**
 * Where every measured request ended up, for the correctness part of the reports. Each request that was sent
 * was answered, timed out or broke on the transport; {@link #unaccounted()} is what is left (requests still in
 * flight when the run gave up on them: 0 in a healthy run). Immutable.
 *
 * @param scheduled       open loop: requests the schedule asked for in the window (-1 for the closed loop)
 * @param sent            requests sent (or tried: a failed connect counts)
 * @param answered        replies and faults
 * @param ok              successful replies
 * @param withoutEtag     {@code pua.publish} replies without SIP-ETag
 * @param faults          faults, all codes
 * @param timedOut        requests unanswered within the request timeout
 * @param transportErrors other transport errors (connect, closed, io, protocol, http-NNN)
 * @param notSent         open loop: requests due in the window that were still waiting for a free connection
 *                        when it closed
 * @param duplicateSeries requests sent while another request on the same presentity was in flight
 * @param sink            what the PUBLISH sink saw, when it reports it
 */
public record Outcomes(
    long scheduled,
    long sent,
    long answered,
    long ok,
    long withoutEtag,
    long faults,
    long timedOut,
    long transportErrors,
    long notSent,
    long duplicateSeries,
    SinkCount sink)
{
    /** Sent requests with no outcome. */
    public long unaccounted()
    {
        return sent - answered - timedOut - transportErrors;
    }

    /** Every sent request was answered (reply or fault), none timed out or broke. */
    public boolean allAnswered()
    {
        return sent > 0 && answered == sent;
    }

    /** Every request the schedule asked for was sent (always true for the closed loop). */
    public boolean allSent()
    {
        return scheduled < 0 || notSent == 0 && sent == scheduled;
    }
}
