package org.puaagent.agent.bench;

/**
 * PUBLISHes that reached the presence server (the sink) during a run, next to the ones the bench saw
 * acknowledged, when the sink reports it. Immutable.
 *
 * @param available    whether the sink's count is known
 * @param source       where it came from (e.g. the sipp statistics file), or why it is not available
 * @param received     PUBLISHes the sink received during the run (warm-up included)
 * @param acknowledged successful replies the bench counted during the run (warm-up included)
 * @param fresh        whether the sink wrote its figures after the last answer (false: they may miss the end)
 */
public record SinkCount(boolean available, String source, long received, long acknowledged, boolean fresh)
{
    /** No count: {@code why} says why. */
    public static SinkCount notAvailable(final String why)
    {
        return new SinkCount(false, why, 0, 0, false);
    }

    /** Acknowledged PUBLISHes the sink never saw (publications reported but not delivered); 0 when unknown. */
    public long missing()
    {
        return available && fresh ? Math.max(0, acknowledged - received) : 0;
    }
}
