package org.puaagent.agent.transport.http;

/**
 * Where one HTTP connection is in its request cycle; {@link HttpConnections} closes a connection that stays too long
 * in a phase with a deadline, and at the connection cap closes the oldest one in a phase that holds no request the
 * agent is working on. Immutable.
 */
enum ConnectionPhase
{
    /** Just accepted, no request head complete yet: at most the request timeout (a client sends at once). */
    NEW(Deadline.REQUEST, true),
    /** Waiting for the next request head after an answer (kept alive): at most the idle timeout. */
    IDLE(Deadline.IDLE, true),
    /** Receiving a request body: at most the request timeout. */
    READING_BODY(Deadline.REQUEST, true),
    /** The request is with the agent (a SIP transaction may be running): no deadline, the agent always answers. */
    WAITING(Deadline.NONE, false),
    /** Writing the answer: at most the request timeout (the client must read it). */
    WRITING(Deadline.REQUEST, false),
    /** An event stream: it has its own stall rule. */
    STREAMING(Deadline.NONE, false),
    /** The last answer is written and the connection ends: the client has a moment to read it and close. */
    CLOSING(Deadline.LINGER, true);

    /** Which deadline a phase has. */
    enum Deadline
    {
        NONE,
        IDLE,
        REQUEST,
        LINGER
    }

    private final Deadline deadline;
    private final boolean evictable;

    ConnectionPhase(final Deadline deadline, final boolean evictable)
    {
        this.deadline = deadline;
        this.evictable = evictable;
    }

    Deadline deadline()
    {
        return deadline;
    }

    /** Whether closing a connection in this phase loses nothing the agent has accepted. */
    boolean evictable()
    {
        return evictable;
    }
}
