package org.puaagent.agent.presence;

import org.puaagent.agent.sip.TimerWheel;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One subscription the embedded presence server holds as notifier (RFC 6665 section 4.2): the dialog (the
 * subscriber's Call-ID and tag, our tag, the remote target and route set, our NOTIFY CSeq), the resource it
 * watches, its expiry (it is its own wheel timer), and whether a NOTIFY is in flight or another one is
 * owed. Not thread-safe: server thread only.
 */
final class Watcher extends TimerWheel.Timer
{
    final String resourceKey;
    final String presentityUri;
    final String watcherUri;
    final String event;
    final String callId;
    final String subscriberTag;
    final String notifierTag;
    final InetSocketAddress source;
    private final PresenceNotifier notifier;

    String remoteTarget;
    List<String> routeSet = List.of();
    InetSocketAddress nextHop;
    long cseq;
    long expiresAtMillis;
    boolean inFlight;
    /** The size of the NOTIFY in flight (counted against the NOTIFY limits). */
    int notifyBytes;
    boolean owed;
    /** The final NOTIFY is owed or sent: the watcher is no longer in the tables. */
    boolean terminated;
    String terminateReason;

    Watcher(final PresenceNotifier notifier, final String resourceKey, final String presentityUri,
        final String watcherUri, final String event, final String callId, final String subscriberTag,
        final String notifierTag, final InetSocketAddress source)
    {
        this.notifier = notifier;
        this.resourceKey = resourceKey;
        this.presentityUri = presentityUri;
        this.watcherUri = watcherUri;
        this.event = event;
        this.callId = callId;
        this.subscriberTag = subscriberTag;
        this.notifierTag = notifierTag;
        this.source = source;
    }

    /** The key of the dialog as an in-dialog SUBSCRIBE names it. */
    String dialogKey()
    {
        return PresenceNotifier.dialogKey(callId, subscriberTag, notifierTag);
    }

    @Override
    protected void onExpire(final long deadlineMillis)
    {
        notifier.onWatcherExpired(this);
    }
}
