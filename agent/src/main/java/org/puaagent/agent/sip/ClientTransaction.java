package org.puaagent.agent.sip;

import java.net.InetSocketAddress;

/**
 * One non-INVITE client transaction (RFC 3261 section 17.1.2) over UDP, keyed by its Via branch. It is its
 * own wheel timer: the next due event is either a Timer E retransmission or the Timer F timeout. It ends at
 * the first final response or at Timer F; there is no Timer K on the client side: late retransmitted
 * responses are counted as strays. Owner thread only.
 */
public final class ClientTransaction extends TimerWheel.Timer
{
    private final ClientTransactions table;
    private final String branch;
    private final String method;
    private final byte[] message;
    private final InetSocketAddress destination;
    private final TransactionUser user;
    private final Object context;
    private final long timeoutAtMillis;
    private long intervalMillis;
    private long nextRetransmitMillis;
    private boolean terminated;

    ClientTransaction(final ClientTransactions table, final String branch, final String method, final byte[] message,
        final InetSocketAddress destination, final TransactionUser user, final Object context,
        final long nowMillis, final SipTimers timers)
    {
        this.table = table;
        this.branch = branch;
        this.method = method;
        this.message = message;
        this.destination = destination;
        this.user = user;
        this.context = context;
        this.timeoutAtMillis = nowMillis + timers.timerFMillis();
        this.intervalMillis = timers.t1Millis();
        this.nextRetransmitMillis = nowMillis + intervalMillis;
    }

    /** The Via branch. */
    public String branch()
    {
        return branch;
    }

    /** The request method. */
    public String method()
    {
        return method;
    }

    /** Where the request was sent. */
    public InetSocketAddress destination()
    {
        return destination;
    }

    /** What the transaction user attached to it. */
    public Object context()
    {
        return context;
    }

    /** Whether a final response, a timeout or an abort ended it. */
    public boolean isTerminated()
    {
        return terminated;
    }

    TransactionUser user()
    {
        return user;
    }

    byte[] message()
    {
        return message;
    }

    void terminate()
    {
        terminated = true;
    }

    long nextDueMillis()
    {
        return Math.min(nextRetransmitMillis, timeoutAtMillis);
    }

    void onProvisional(final long nowMillis, final long t2Millis)
    {
        // RFC 3261 17.1.2.2, Proceeding: retransmit every T2
        intervalMillis = t2Millis;
        nextRetransmitMillis = Math.max(nextRetransmitMillis, nowMillis + t2Millis);
    }

    boolean isTimedOut(final long nowMillis)
    {
        return nowMillis >= timeoutAtMillis;
    }

    void advanceRetransmission(final long nowMillis, final long t2Millis)
    {
        intervalMillis = Math.min(intervalMillis * 2, t2Millis);
        nextRetransmitMillis = nowMillis + intervalMillis;
    }

    @Override
    protected void onExpire(final long deadlineMillis)
    {
        table.onTimer(this);
    }
}
