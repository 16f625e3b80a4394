package org.puaagent.agent.pipeline;

import org.puaagent.agent.notify.Notification;
import org.puaagent.agent.sip.TimerWheel;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One subscription of the agent: its key and id, the current SUBSCRIBE dialog (RFC 6665; RFC 3261 section
 * 12: Call-ID, local and remote tag, local CSeq, remote target, route set), the lifetime (desired end, granted
 * expiry), the SUBSCRIBE in flight and the commands waiting behind it, and the last notified state. It is
 * its own wheel timer; {@link #timerKind} says what the timer is for. Not thread-safe: owner thread only.
 */
final class Subscription extends TimerWheel.Timer
{
    /** Desired end of a subscription that is kept forever (negative expires). */
    static final long FOREVER = Long.MAX_VALUE;
    /** CSeq of the first SUBSCRIBE of a dialog (as pua). */
    static final long INITIAL_CSEQ = 10;

    /** Where the subscription is. */
    enum Phase
    {
        /** An initial SUBSCRIBE is in flight; no dialog yet (neither a 2xx nor a NOTIFY came back). */
        SUBSCRIBING,
        /** A dialog exists (from the 2xx or from a NOTIFY). */
        CONFIRMED,
        /** No dialog; a fresh SUBSCRIBE is scheduled. */
        RETRYING,
        /** Ended; kept for queries (and for answering late NOTIFYs) until the linger timer removes it. */
        TERMINATED
    }

    /** What the timer does when it fires. */
    enum TimerKind
    {
        NONE, REFRESH, EXPIRE, RETRY, LINGER
    }

    final SubscriptionKey key;
    final String id;
    private final Subscriber subscriber;

    Phase phase = Phase.SUBSCRIBING;
    TimerKind timerKind = TimerKind.NONE;

    String callId;
    String localTag;
    String remoteTag;
    String remoteTarget;
    List<String> routeSet = List.of();
    long localCseq;
    long remoteCseq = -1;
    InetSocketAddress initialHop;
    InetSocketAddress nextHop;
    long dialogSinceMillis;
    /** Whether a dialog was ever confirmed (a subscription that never had one is forgotten when it fails). */
    boolean established;
    /** A NOTIFY said terminated for the current dialog; acted upon when nothing is in flight. */
    boolean dialogEnded;
    String endReason;
    int endRetryAfter = -1;

    long desiredEndMillis = FOREVER;
    long grantedUntilMillis;
    long grantedMillis;
    int restarts;

    SubscribeAttempt inFlight;
    final ArrayDeque<SubscribeCommand> waiting = new ArrayDeque<>(2);

    /** active/pending from the NOTIFYs of the current dialog (or from the 2xx), {@code null} before. */
    String substate;
    String terminatedReason;
    Notification last;
    long notifyCount;
    /** Its share of the subscriptions' byte budget as last accounted; 0 once removed from the table. */
    long heldBytes;

    Subscription(final SubscriptionKey key, final String id, final Subscriber subscriber)
    {
        this.key = key;
        this.id = id;
        this.subscriber = subscriber;
    }

    boolean isBusy()
    {
        return null != inFlight;
    }

    boolean hasDialog()
    {
        return Phase.CONFIRMED == phase && null != callId;
    }

    boolean isTerminated()
    {
        return Phase.TERMINATED == phase;
    }

    /** Whether the subscription is still wanted at {@code now} (kept forever, or more than a second left). */
    boolean isWanted(final long now, final long minRemainingMillis)
    {
        return FOREVER == desiredEndMillis || desiredEndMillis - now >= minRemainingMillis;
    }

    /** The state shown to applications. */
    String displayState()
    {
        switch (phase)
        {
            case TERMINATED:
                return "terminated";
            case RETRYING:
                return "retrying";
            case SUBSCRIBING:
                return "subscribing";
            default:
                return null == substate ? "active" : substate;
        }
    }

    @Override
    protected void onExpire(final long deadlineMillis)
    {
        subscriber.onSubscriptionTimer(this);
    }
}
