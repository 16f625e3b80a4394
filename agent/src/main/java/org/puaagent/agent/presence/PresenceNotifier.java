package org.puaagent.agent.presence;

import gov.nist.javax.sip.message.SIPRequest;
import org.puaagent.agent.sip.ClientTransaction;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.Destination;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.DialogHeaders;
import org.puaagent.agent.sip.DialogRequest;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.TimerWheel;
import org.puaagent.agent.sip.TransactionUser;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The notifier side of the embedded presence server (RFC 6665 section 4.2, RFC 3856): watchers per
 * (presentity, event) with their dialogs, and their NOTIFYs.
 *
 * <ul>
 * <li>Every NOTIFY carries the current state: the body and Content-Type of the presentity's most recent live
 *     publication of that event, or no body when there is none (as Kamailio's presence module does);
 *     {@code presence.winfo} watchers always get body-less NOTIFYs. {@code Subscription-State:
 *     active;expires=N} (seconds left), or {@code terminated;reason=timeout} when the subscription ends
 *     (expiry, {@code Expires: 0}, a fetch), as Kamailio words it.</li>
 * <li>NOTIFYs go to the Contact of the SUBSCRIBE (first Route when it had a Record-Route), or back to its
 *     source when that URI is not a numeric address; they are retransmitted until answered (client
 *     transactions). One NOTIFY per watcher is in flight; changes meanwhile are folded into one more NOTIFY
 *     with the then-current state.</li>
 * <li>481 or a timeout to a NOTIFY removes the watcher (RFC 6665 4.2.2).</li>
 * <li>NOTIFYs in flight are bounded in count and bytes ({@link PresenceLimits}): at the limit a watcher's
 *     NOTIFY waits (counted) until an earlier one is answered, and then carries the state of that moment; a
 *     watcher waits at most once, so the waiting is bounded by the watchers.</li>
 * </ul>
 * Not thread-safe: server thread only, except {@link #count()} (any thread).
 */
final class PresenceNotifier implements TransactionUser
{
    private static final String NOTIFY = "NOTIFY";
    private static final String WINFO = "presence.winfo";
    private static final String TIMEOUT = "timeout";
    private static final long MILLIS = 1000L;
    private static final int NO_SUCH_DIALOG = 481;
    private static final int REQUEST_TIMEOUT = 408;

    private final Map<String, Watcher> byDialog = new HashMap<>();
    private final Map<String, Set<Watcher>> byResource = new HashMap<>();
    private final ClientTransactions transactions;
    private final TimerWheel wheel;
    private final SipRequestWriter writer;
    private final SipIdentifiers identifiers;
    private final DestinationResolver resolver;
    private final String contact;
    private final LongSupplier clock;
    private final Function<String, StoredPublication> currentState;
    private final AtomicInteger count = new AtomicInteger();
    /** Watchers whose NOTIFY waits for room in flight, oldest first. */
    private final Set<Watcher> waiting = new LinkedHashSet<>();
    private final Counters counters;
    private final int maxInFlight;
    private final long maxBytesInFlight;
    private int inFlight;
    private long bytesInFlight;

    /**
     * @param contact      the server's Contact URI
     * @param currentState the live publication to notify for a resource key, or {@code null}
     * @param limits       the bounds of the NOTIFYs in flight
     * @param counters     the server's counters ({@link PresenceCounter})
     */
    PresenceNotifier(final ClientTransactions transactions, final TimerWheel wheel, final SipRequestWriter writer,
        final SipIdentifiers identifiers, final DestinationResolver resolver, final String contact,
        final LongSupplier clock, final Function<String, StoredPublication> currentState,
        final PresenceLimits limits, final Counters counters)
    {
        this.counters = counters;
        this.maxInFlight = limits.maxNotifiesInFlight();
        this.maxBytesInFlight = limits.maxNotifyBytesInFlight();
        this.transactions = transactions;
        this.wheel = wheel;
        this.writer = writer;
        this.identifiers = identifiers;
        this.resolver = resolver;
        this.contact = contact;
        this.clock = clock;
        this.currentState = currentState;
    }

    static String dialogKey(final String callId, final String subscriberTag, final String notifierTag)
    {
        return callId + "\n" + subscriberTag + "\n" + notifierTag;
    }

    /** The watcher of an in-dialog SUBSCRIBE, or {@code null}. */
    Watcher find(final SIPRequest subscribe)
    {
        return byDialog.get(dialogKey(subscribe.getCallId().getCallId(), subscribe.getFromTag(),
            subscribe.getToTag()));
    }

    /**
     * Adds a watcher for an initial SUBSCRIBE that was accepted with {@code notifierTag} as To tag.
     *
     * @param granted the granted lifetime in seconds (0: a fetch; the watcher only gets its final NOTIFY)
     */
    Watcher add(final SIPRequest subscribe, final String resourceKey, final String event, final String notifierTag,
        final InetSocketAddress source, final int granted)
    {
        final Watcher watcher = new Watcher(this, resourceKey,
            subscribe.getTo().getAddress().getURI().toString(), subscribe.getFrom().getAddress().getURI().toString(),
            event, subscribe.getCallId().getCallId(), subscribe.getFromTag(), notifierTag, source);
        watcher.remoteTarget = DialogHeaders.contactUri(subscribe);
        watcher.routeSet = DialogHeaders.recordRoute(subscribe);
        watcher.nextHop = hopOf(watcher);
        watcher.cseq = 0;
        if (granted > 0)
        {
            byDialog.put(watcher.dialogKey(), watcher);
            byResource.computeIfAbsent(resourceKey, k -> new LinkedHashSet<>()).add(watcher);
            count.incrementAndGet();
            publishGauges();
            refresh(watcher, granted);
        }
        else
        {
            watcher.terminated = true;
            watcher.terminateReason = TIMEOUT;
        }
        return watcher;
    }

    /** A refreshing SUBSCRIBE was accepted: a new expiry; its Contact refreshes the target. */
    void refresh(final Watcher watcher, final int granted, final SIPRequest subscribe)
    {
        final String target = DialogHeaders.contactUri(subscribe);
        if (null != target)
        {
            watcher.remoteTarget = target;
            watcher.nextHop = hopOf(watcher);
        }
        refresh(watcher, granted);
    }

    /** Ends a watcher with a final NOTIFY ({@code terminated;reason=timeout}). */
    void end(final Watcher watcher)
    {
        if (!watcher.terminated)
        {
            watcher.terminated = true;
            watcher.terminateReason = TIMEOUT;
            forget(watcher);
        }
        send(watcher);
    }

    /**
     * Sends the current state to one watcher (or owes it one when a NOTIFY is in flight, or puts it in the
     * waiting line when the NOTIFYs in flight are at their limit).
     */
    void send(final Watcher watcher)
    {
        if (watcher.inFlight)
        {
            watcher.owed = true;
            return;
        }
        if (inFlight >= maxInFlight || bytesInFlight >= maxBytesInFlight)
        {
            if (waiting.add(watcher))
            {
                counters.increment(PresenceCounter.NOTIFIES_DEFERRED.ordinal());
            }
            return;
        }
        waiting.remove(watcher);
        final long now = clock.getAsLong();
        final String state = watcher.terminated ? "terminated;reason=" + watcher.terminateReason
            : "active;expires=" + Math.max(0, (watcher.expiresAtMillis - now + MILLIS - 1) / MILLIS);
        final StoredPublication publication = WINFO.equals(watcher.event) ? null
            : currentState.apply(watcher.resourceKey);
        final byte[] body = null == publication || null == publication.body() ? null
            : publication.body().getBytes(StandardCharsets.UTF_8);
        final String contentType = null == body ? null
            : null == publication.contentType() ? "application/pidf+xml" : publication.contentType();
        final DialogRequest head = new DialogRequest(NOTIFY,
            null == watcher.remoteTarget ? watcher.watcherUri : watcher.remoteTarget, watcher.watcherUri,
            watcher.subscriberTag, watcher.presentityUri, watcher.notifierTag, watcher.callId, ++watcher.cseq,
            watcher.routeSet, watcher.event, contact);
        final String branch = identifiers.branch();
        final byte[] message = writer.dialogRequest(head, branch, "Subscription-State: " + state, contentType, body);
        watcher.owed = false;
        final ClientTransaction transaction = transactions.start(branch, NOTIFY, message, watcher.nextHop, this,
            watcher);
        if (null != transaction)
        {
            watcher.inFlight = true;
            watcher.notifyBytes = message.length;
            inFlight++;
            bytesInFlight += message.length;
            counters.increment(PresenceCounter.NOTIFIES_SENT.ordinal());
            publishGauges();
        }
    }

    /** A publication of the resource changed (new, modified, removed, expired): notify its watchers. */
    void resourceChanged(final String resourceKey)
    {
        final Set<Watcher> watchers = byResource.get(resourceKey);
        if (null == watchers)
        {
            return;
        }
        for (final Watcher watcher : new ArrayList<>(watchers))
        {
            send(watcher);
        }
    }

    /** Live watchers. Any thread. */
    int count()
    {
        return count.get();
    }

    void onWatcherExpired(final Watcher watcher)
    {
        if (!watcher.terminated)
        {
            end(watcher);
        }
    }

    @Override
    public void onFinalResponse(final ClientTransaction transaction, final ReceivedResponse response)
    {
        afterNotify((Watcher)transaction.context(), response.status());
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        afterNotify((Watcher)transaction.context(), REQUEST_TIMEOUT);
    }

    private void afterNotify(final Watcher watcher, final int status)
    {
        watcher.inFlight = false;
        inFlight--;
        bytesInFlight -= watcher.notifyBytes;
        watcher.notifyBytes = 0;
        if (NO_SUCH_DIALOG == status || REQUEST_TIMEOUT == status)
        {
            if (!watcher.terminated)
            {
                watcher.terminated = true;
                forget(watcher);
            }
            waiting.remove(watcher);
        }
        else if (watcher.owed)
        {
            send(watcher);
        }
        sendWaiting();
        publishGauges();
    }

    /** Sends the NOTIFYs that waited for room, oldest first, while there is room. */
    private void sendWaiting()
    {
        while (!waiting.isEmpty() && inFlight < maxInFlight && bytesInFlight < maxBytesInFlight)
        {
            final Watcher watcher = waiting.iterator().next();
            waiting.remove(watcher);
            send(watcher);
        }
    }

    private void publishGauges()
    {
        counters.set(PresenceCounter.NOTIFIES_IN_FLIGHT.ordinal(), inFlight);
        counters.set(PresenceCounter.NOTIFY_BYTES_IN_FLIGHT.ordinal(), bytesInFlight);
        counters.set(PresenceCounter.WATCHERS.ordinal(), count.get());
    }

    private void refresh(final Watcher watcher, final int granted)
    {
        watcher.expiresAtMillis = clock.getAsLong() + granted * MILLIS;
        wheel.schedule(watcher, watcher.expiresAtMillis);
    }

    private void forget(final Watcher watcher)
    {
        wheel.cancel(watcher);
        if (byDialog.remove(watcher.dialogKey()) == watcher)
        {
            count.decrementAndGet();
            publishGauges();
        }
        final Set<Watcher> watchers = byResource.get(watcher.resourceKey);
        if (null != watchers && watchers.remove(watcher) && watchers.isEmpty())
        {
            byResource.remove(watcher.resourceKey);
        }
    }

    private InetSocketAddress hopOf(final Watcher watcher)
    {
        final List<String> routes = watcher.routeSet;
        final String uri = routes.isEmpty() ? watcher.remoteTarget : DialogHeaders.routeUri(routes.get(0));
        final Destination destination = null == uri ? null : resolver.resolve(uri);
        return destination instanceof Destination.Resolved resolved ? resolved.address() : watcher.source;
    }
}
