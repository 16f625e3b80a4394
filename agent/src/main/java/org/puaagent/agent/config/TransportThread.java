package org.puaagent.agent.config;

/**
 * Which thread serves the stream listeners (binrpc over TCP and unix stream sockets, JSON-RPC over HTTP and the
 * SSE stream): option {@code --transport-thread}. Immutable.
 *
 * <p>On a machine with few cores every extra busy thread competes with the agent's peers (the presence server,
 * the applications) for the same CPUs, and each request handed from a transport thread to the pipeline owner is
 * a wake-up on the other core. Measured on 2 cores (BENCHMARKS.md): the listeners on the pipeline owner's
 * thread answer about 20 % more requests per second than on a thread of their own. With more cores a thread of
 * their own lets reading, decoding and the PIDF check run beside the owner.
 */
public enum TransportThread
{
    /** {@link #PIPELINE} on machines with {@value #AUTO_PIPELINE_MAX_CPUS} CPUs or fewer, else {@link #OWN}. */
    AUTO,
    /** On the pipeline owner's thread, polled in each of its duty cycles. */
    PIPELINE,
    /** On a selector thread of each listener's own. */
    OWN;

    /** Most CPUs on which {@link #AUTO} chooses {@link #PIPELINE}. */
    public static final int AUTO_PIPELINE_MAX_CPUS = 2;

    /** Whether the listeners run on the pipeline thread on a machine with {@code cpus} CPUs. */
    public boolean onPipeline(final int cpus)
    {
        return this == PIPELINE || (this == AUTO && cpus <= AUTO_PIPELINE_MAX_CPUS);
    }

    /** Parses {@code auto}, {@code pipeline} or {@code own} (any case); {@code null} for anything else. */
    public static TransportThread parse(final String text)
    {
        for (final TransportThread t : values())
        {
            if (t.name().equalsIgnoreCase(text))
            {
                return t;
            }
        }
        return null;
    }
}
