package org.puaagent.agent.transport.http;

/**
 * Where one HTTP connection is in its request cycle; {@link HttpConnections} closes a connection that stays too long
 * in a phase with a deadline. Immutable.
 */
enum ConnectionPhase
{
    /** Waiting for the next request head (kept alive, or just accepted): at most the idle timeout. */
    IDLE(true),
    /** Receiving a request body: at most the request timeout. */
    READING_BODY(true),
    /** The request is with the agent (a SIP transaction may be running): no deadline, the agent always answers. */
    WAITING(false),
    /** Writing the answer: at most the request timeout (the client must read it). */
    WRITING(true),
    /** An event stream: it has its own stall rule. */
    STREAMING(false);

    private final boolean timed;

    ConnectionPhase(final boolean timed)
    {
        this.timed = timed;
    }

    boolean timed()
    {
        return timed;
    }
}
