package org.puaagent.agent.bench;

/**
 * When the workers of a run may send, and in which phase: the closed loop ({@link BenchSchedule}: at once,
 * one request after the other) or the open loop ({@link OpenLoopPace}: at the intended times of a
 * {@link RateSchedule}). Implementations are used from every worker thread and the watching thread: any thread.
 */
interface Pace
{
    /** The phase of a request. */
    enum Phase
    {
        WARMUP,
        MEASURED
    }

    /**
     * A request a worker may send now.
     *
     * @param phase         warm-up or measured
     * @param intendedNanos when it was due ({@link System#nanoTime()} clock); meaningful only if scheduled
     * @param scheduled     whether it has an intended time (open loop): its latency is then measured from it
     */
    record Ticket(Phase phase, long intendedNanos, boolean scheduled)
    {
        static final Ticket WARMUP_NOW = new Ticket(Phase.WARMUP, 0, false);
        static final Ticket MEASURED_NOW = new Ticket(Phase.MEASURED, 0, false);
    }

    /** Waits until the next request is due and returns it, or null when the worker must stop. */
    Ticket next();

    /** Whether a worker should stop waiting (e.g. a connect back-off): the window is over or the run stopped. */
    boolean stopped();

    /** No request starts after this. */
    void stop();

    /** Start of the measured window ({@link System#nanoTime()} clock). */
    long measureStartNanos();

    /** End of the measured window. */
    long measureEndNanos();

    /** Whether a time is still in the warm-up. */
    default boolean warmingUp(final long nowNanos)
    {
        return nowNanos - measureStartNanos() < 0;
    }
}
