package org.puaagent.agent.bench;

/**
 * One time slice of a run (normally one second): what was sent and answered in it, latencies of the answers
 * that arrived in it, and how many requests were in flight at its end. Counts cover both phases. Immutable.
 *
 * @param startSeconds  start of the slice, seconds from the start of the run
 * @param lengthSeconds length of the slice (the last one of a run is usually shorter)
 * @param warmup        whether the slice ended inside the warm-up
 * @param sent          requests sent
 * @param completed     requests answered (replies and faults)
 * @param ok            successful replies
 * @param errors        requests that ended without a successful reply (faults, replies without SIP-ETag,
 *                      timeouts, transport errors)
 * @param p50Millis     median latency of the answers in the slice (0 without answers)
 * @param p99Millis     99th percentile
 * @param maxMillis     largest latency
 * @param inFlight      requests in flight at the end of the slice
 * @param target        open loop: requests due in the slice (-1 for the closed loop)
 */
public record SeriesPoint(
    double startSeconds,
    double lengthSeconds,
    boolean warmup,
    long sent,
    long completed,
    long ok,
    long errors,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    int inFlight,
    long target)
{
    /** Answers per second in the slice. */
    public double completedPerSecond()
    {
        return lengthSeconds > 0 ? completed / lengthSeconds : 0;
    }

    /** Errors per second in the slice. */
    public double errorsPerSecond()
    {
        return lengthSeconds > 0 ? errors / lengthSeconds : 0;
    }

    /** Target requests per second in the slice (open loop), or -1. */
    public double targetPerSecond()
    {
        return target < 0 ? -1 : lengthSeconds > 0 ? target / lengthSeconds : 0;
    }

    /** End of the slice, seconds from the start of the run. */
    public double endSeconds()
    {
        return startSeconds + lengthSeconds;
    }
}
