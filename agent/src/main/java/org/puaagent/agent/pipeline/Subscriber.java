package org.puaagent.agent.pipeline;

import org.puaagent.agent.notify.Notification;
import org.puaagent.agent.notify.NotificationSink;
import org.puaagent.agent.runtime.Fatal;
import org.puaagent.agent.sip.ClientTransaction;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.Destination;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.DialogHeaders;
import org.puaagent.agent.sip.DialogRequest;
import org.puaagent.agent.sip.ReceivedRequest;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.SipText;
import org.puaagent.agent.sip.TimerWheel;
import org.puaagent.agent.sip.TransactionUser;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The SUBSCRIBE side of the pipeline: the agent's subscription dialogs (RFC 6665), owned by the pipeline's
 * owner thread.
 *
 * <ul>
 * <li>One subscription per (presentity, watcher, event): a repeated subscribe refreshes the dialog in-dialog,
 *     expires 0 (or {@code pua.unsubscribe}) sends an in-dialog {@code Expires: 0}. One SUBSCRIBE is in
 *     flight per subscription; later commands wait in order.</li>
 * <li>Wire format as pua (spec pua.md 5.2, 5.4): initial SUBSCRIBE to the Request-URI, CSeq 10, Expires e+10
 *     (default_expires+10 for e &lt; 0), in-dialog requests to the remote target (first Route when a route
 *     set exists) with CSeq+1. Contact is the agent ({@link SubscribeContact#AGENT}) or the watcher URI
 *     ({@link SubscribeContact#WATCHER}, then commands complete with {@code Sent} when handed to SIP).</li>
 * <li>The dialog is confirmed by the 2xx (To tag, Contact, Record-Route reversed) or by a NOTIFY that comes
 *     first (matched by Call-ID and our From tag; its From tag, Contact and Record-Route).</li>
 * <li>Refresh at granted_until - max(5 s, 10% of granted) (at most half of it) while the desired end is later
 *     or unlimited; else the subscription ends when its granted time ends.</li>
 * <li>NOTIFY: 200 (481 when no dialog matches, 489 for another event, 400 without Subscription-State, 500
 *     for a lower CSeq); a retransmission (same CSeq) is answered 200 and not delivered again. Every other
 *     NOTIFY goes to the {@link NotificationSink} and is kept as the subscription's last state.</li>
 * <li>{@code Subscription-State: terminated} (RFC 6665 4.1.3): no reason, {@code deactivated},
 *     {@code timeout} or an unknown reason: a fresh SUBSCRIBE (after {@code retry-after} when given);
 *     {@code probation}, {@code giveup}: a fresh SUBSCRIBE after {@code retry-after}, ended without it;
 *     {@code rejected}, {@code noresource}, {@code invariant}: ended. Only while the subscription is still
 *     wanted (kept forever, or its desired end is at least a second away). Automatic re-subscribes in quick
 *     succession back off (0, 1, 2, 4 ... 64 s; reset once a dialog lived 60 s) and give up after 10.</li>
 * <li>481 or 408 (or a local timeout) to an in-dialog refresh: one fresh initial SUBSCRIBE for the remaining
 *     lifetime. 423 with Min-Expires: one retry with that value. Another failure of a refresh ends the
 *     subscription for the codes of RFC 6665 4.1.2.2, else it stays valid until its granted expiry.</li>
 * <li>A failed initial SUBSCRIBE of a command is reported to it (a subscription that never had a dialog is
 *     then forgotten); a failed automatic re-subscribe is retried (408, 5xx) or ends the subscription.
 *     Ended subscriptions stay listed as {@code terminated} for {@link #LINGER_MILLIS}.</li>
 * <li>Subscriptions are held within a byte budget ({@code --subscriptions-bytes}, {@link RecordSizes}): a new
 *     subscription that does not fit gets {@link SubscribeOutcome.LimitReached}; refreshes and unsubscribes
 *     always go on. A NOTIFY whose state would take the subscriptions more than an eighth above the budget is
 *     answered and delivered as any other, but kept without its body (counted).</li>
 * </ul>
 * Not thread-safe: owner thread only.
 */
final class Subscriber implements TransactionUser
{
    /** How long an ended subscription stays listed (and its dialog answered) before it is forgotten. */
    static final long LINGER_MILLIS = 300_000L;

    private static final String SUBSCRIBE = "SUBSCRIBE";
    private static final int SUBSCRIBE_EXPIRES_EXTRA = 10;
    private static final long MILLIS = 1000L;
    private static final long MIN_REFRESH_LEAD_MILLIS = 5000L;
    private static final int REFRESH_LEAD_PERCENT_DIVISOR = 10;
    private static final long MIN_REMAINING_MILLIS = 1000L;
    private static final long RETIRED_MILLIS = 64_000L;
    private static final long PRUNE_PERIOD_MILLIS = 30_000L;
    private static final long STABLE_DIALOG_MILLIS = 60_000L;
    private static final long MAX_BACKOFF_MILLIS = 64_000L;
    private static final int MAX_RESTARTS = 10;
    private static final int OK = 200;
    private static final int ACCEPTED = 202;
    private static final int BAD_REQUEST = 400;
    private static final int NO_SUCH_DIALOG = 481;
    private static final int BAD_EVENT = 489;
    private static final int SERVER_ERROR = 500;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int INTERVAL_TOO_BRIEF = 423;
    private static final int TRANSPORT_ERROR = 503;
    private static final int TOO_LARGE = 513;
    private static final int SERVER_ERRORS_FROM = 500;
    private static final int SERVER_ERRORS_TO = 599;
    /** Failure codes to a refresh that end the subscription (RFC 6665 4.1.2.2); others leave it valid. */
    private static final Set<Integer> REFRESH_FAILURES_THAT_END = Set.of(404, 405, 410, 416, 480, 481, 482, 483,
        484, 485, 489, 501, 604);
    private static final String UNSUBSCRIBED = "unsubscribed";
    private static final String EXPIRED = "expired";
    private static final String GAVE_UP = "giveup";

    private final SubscriptionTable table;
    private final PipelineConfig config;
    private final TimerWheel wheel;
    private final ClientTransactions transactions;
    private final SipRequestWriter writer;
    private final SipIdentifiers identifiers;
    private final DestinationResolver resolver;
    private final Counters counters;
    private final LongSupplier clock;
    private final NotificationSink sink;
    private final String agentContact;
    private final boolean compat;
    private final Runnable callbackError;
    private final CommandBudget commandBudget;
    private int pendingCommands;
    private final TimerWheel.Timer pruneTimer = new TimerWheel.Timer()
    {
        @Override
        protected void onExpire(final long deadlineMillis)
        {
            prune();
        }
    };

    /**
     * @param agentContact the agent's own Contact URI ({@code sip:host:port})
     */
    Subscriber(final PipelineConfig config, final TimerWheel wheel, final ClientTransactions transactions,
        final SipRequestWriter writer, final SipIdentifiers identifiers, final DestinationResolver resolver,
        final Counters counters, final LongSupplier clock, final String agentContact,
        final CommandBudget commandBudget)
    {
        this.table = new SubscriptionTable(new ByteBudget(config.limits().subscriptionBytes()));
        this.commandBudget = commandBudget;
        this.config = config;
        this.wheel = wheel;
        this.transactions = transactions;
        this.writer = writer;
        this.identifiers = identifiers;
        this.resolver = resolver;
        this.counters = counters;
        this.clock = clock;
        this.sink = config.notificationSink();
        this.agentContact = agentContact;
        this.compat = SubscribeContact.WATCHER == config.subscribeContact();
        this.callbackError = () -> counters.increment(PipelineCounter.CALLBACK_ERRORS.ordinal());
    }

    /** Commands accepted and not yet finished (in flight or waiting behind another SUBSCRIBE). */
    int pendingCommands()
    {
        return pendingCommands;
    }

    /**
     * Whether a request with the Call-ID {@code datagram[start, end)} may be for one of the subscriptions'
     * dialogs (current or given up recently); false: certainly not. Allocation-free; for the look a request gets
     * before it is parsed ({@code SipEndpoint.Screen}).
     */
    boolean mayKnowDialog(final java.nio.ByteBuffer datagram, final int start, final int end)
    {
        return table.mayKnowCallId(datagram, start, end);
    }

    /** Subscriptions in the table (ended ones included while they linger). */
    int subscriptionCount()
    {
        return table.size();
    }

    /** The estimated bytes the subscriptions hold ({@link RecordSizes#subscription}, retired Call-IDs). */
    long heldBytes()
    {
        return table.heldBytes();
    }

    /** Takes a command from the queue; gives its bytes back at once when it is answered without SIP. */
    void onCommand(final SubscribeCommand command)
    {
        counters.increment(PipelineCounter.SUBSCRIBE_REQUESTS.ordinal());
        final SubscribeOutcome refused = accept(command);
        if (null != refused)
        {
            complete(command, refused);
        }
        if (!command.pending)
        {
            command.release(commandBudget);
        }
    }

    /** Answers a query from the table. */
    void onQuery(final SubscriptionQuery query)
    {
        counters.increment(PipelineCounter.SUBSCRIBE_QUERIES.ordinal());
        final long now = clock.getAsLong();
        try
        {
            if (query instanceof SubscriptionQuery.ListAll all)
            {
                final List<SubscriptionView> views = new ArrayList<>(table.size());
                for (final Subscription subscription : table.all())
                {
                    views.add(view(subscription, now));
                }
                all.answer().accept(Collections.unmodifiableList(views));
            }
            else
            {
                final SubscriptionQuery.FindOne one = (SubscriptionQuery.FindOne)query;
                final Subscription subscription =
                    table.get(new SubscriptionKey(one.presentity(), one.watcher(), one.event()));
                one.answer().accept(null == subscription ? Optional.empty() : Optional.of(view(subscription, now)));
            }
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            callbackError.run();
        }
    }

    /**
     * Handles a NOTIFY.
     *
     * @return the status to answer
     */
    int onNotify(final ReceivedRequest received)
    {
        counters.increment(PipelineCounter.NOTIFY_RECEIVED.ordinal());
        try
        {
            return handleNotify(IncomingNotify.read(received.message()));
        }
        catch (final RuntimeException ex)
        {
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            return SERVER_ERROR;
        }
    }

    private int handleNotify(final IncomingNotify notify)
    {
        final long now = clock.getAsLong();
        final Subscription subscription = table.byCallId(notify.callId());
        if (null == subscription)
        {
            if (table.isRetired(notify.callId(), now))
            {
                counters.increment(PipelineCounter.NOTIFY_STALE.ordinal());
                return OK;
            }
            return NO_SUCH_DIALOG;
        }
        if (null == notify.toTag() || !notify.toTag().equals(subscription.localTag)
            || (null != subscription.remoteTag && !subscription.remoteTag.equals(notify.fromTag())))
        {
            return NO_SUCH_DIALOG;
        }
        if (!sameEventPackage(notify.eventType(), subscription.key.event().wireName()))
        {
            counters.increment(PipelineCounter.NOTIFY_REFUSED.ordinal());
            return BAD_EVENT;
        }
        if (null == notify.state())
        {
            counters.increment(PipelineCounter.NOTIFY_REFUSED.ordinal());
            return BAD_REQUEST;
        }
        if (subscription.remoteCseq >= 0)
        {
            if (notify.cseq() == subscription.remoteCseq)
            {
                counters.increment(PipelineCounter.NOTIFY_RETRANSMISSIONS.ordinal());
                return OK;
            }
            if (notify.cseq() < subscription.remoteCseq)
            {
                counters.increment(PipelineCounter.NOTIFY_OUT_OF_ORDER.ordinal());
                return SERVER_ERROR;
            }
        }
        subscription.remoteCseq = notify.cseq();
        if (!subscription.isTerminated())
        {
            learnDialog(subscription, notify, now);
        }
        subscription.notifyCount++;
        final Notification received = new Notification(subscription.id, subscription.key.presentity(),
            subscription.key.watcher(), subscription.key.event().wireName(), notify.subscriptionState(),
            notify.contentType(), notify.body(), System.currentTimeMillis());
        subscription.last = keepable(subscription, received);
        deliver(received);
        if (!subscription.isTerminated())
        {
            applyState(subscription, notify, now);
        }
        table.account(subscription);
        return OK;
    }

    /** The notification as the subscription keeps it: without its body when the budget has no room for it. */
    private Notification keepable(final Subscription subscription, final Notification received)
    {
        if (null == received.body() || table.allowsGrowth(
            RecordSizes.notification(received) - RecordSizes.notification(subscription.last)))
        {
            return received;
        }
        counters.increment(PipelineCounter.NOTIFY_BODY_NOT_KEPT.ordinal());
        return new Notification(received.subscriptionId(), received.presentity(), received.watcher(),
            received.event(), received.subscriptionState(), received.contentType(), null,
            received.receivedAtMillis());
    }

    @Override
    public void onFinalResponse(final ClientTransaction transaction, final ReceivedResponse response)
    {
        onResult((SubscribeAttempt)transaction.context(), response.status(), response.reason(), response);
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        counters.increment(PipelineCounter.SUBSCRIBE_TIMEOUTS.ordinal());
        onResult((SubscribeAttempt)transaction.context(), REQUEST_TIMEOUT, "Request Timeout", null);
    }

    /** The subscription's timer fired. */
    void onSubscriptionTimer(final Subscription subscription)
    {
        final Subscription.TimerKind kind = subscription.timerKind;
        subscription.timerKind = Subscription.TimerKind.NONE;
        if (subscription.isBusy())
        {
            return;
        }
        final long now = clock.getAsLong();
        switch (kind)
        {
            case REFRESH:
                refreshByTimer(subscription, now);
                break;
            case EXPIRE:
                if (subscription.isTerminated())
                {
                    break;
                }
                if (subscription.isWanted(now, MIN_REMAINING_MILLIS))
                {
                    restart(subscription, 0, now);
                }
                else
                {
                    counters.increment(PipelineCounter.SUBSCRIBE_EXPIRED.ordinal());
                    terminate(subscription, EXPIRED, now);
                }
                break;
            case RETRY:
                if (Subscription.Phase.RETRYING == subscription.phase)
                {
                    resubscribe(subscription, now);
                }
                break;
            case LINGER:
                if (subscription.isTerminated() && subscription.waiting.isEmpty())
                {
                    table.remove(subscription);
                }
                break;
            default:
                break;
        }
        table.account(subscription);
        updateGauge();
    }

    /**
     * Completes a command with {@code Internal} unless it was completed, and gives its bytes back unless it is
     * still pending in its subscription.
     *
     * @param countRequest whether the command was never taken by {@link #onCommand} (shutdown)
     */
    void reject(final SubscribeCommand command, final String why, final boolean countRequest)
    {
        if (!command.isCompleted())
        {
            if (countRequest)
            {
                counters.increment(PipelineCounter.SUBSCRIBE_REQUESTS.ordinal());
            }
            complete(command, new SubscribeOutcome.Internal(why));
        }
        if (!command.pending)
        {
            command.release(commandBudget);
        }
    }

    /** Shutdown: every command still pending gets {@code Internal}; timers are cancelled; the table is emptied. */
    void abandonAll(final String why)
    {
        final SubscribeOutcome outcome = new SubscribeOutcome.Internal(why);
        for (final Subscription subscription : table.all())
        {
            final SubscribeAttempt attempt = subscription.inFlight;
            subscription.inFlight = null;
            if (null != attempt && null != attempt.command)
            {
                finishCommand(attempt.command, outcome);
            }
            SubscribeCommand waiting;
            while (null != (waiting = subscription.waiting.poll()))
            {
                finishCommand(waiting, outcome);
            }
            wheel.cancel(subscription);
        }
        table.clear();
        wheel.cancel(pruneTimer);
        updateGauge();
    }

    // ----------------------------------------------------------------------------------------------------
    // commands

    /** @return the outcome when the command is answered at once, {@code null} when it was queued */
    private SubscribeOutcome accept(final SubscribeCommand command)
    {
        final SubscribeRequest request = command.request;
        final SubscriptionKey key = new SubscriptionKey(request.presentity(), request.watcher(), request.event());
        Subscription subscription = table.get(key);
        if (command.isRemoval())
        {
            if (null == subscription
                || (subscription.isTerminated() && !subscription.isBusy() && subscription.waiting.isEmpty()))
            {
                return command.unsubscribe ? SubscribeOutcome.NO_SUCH_SUBSCRIPTION : SubscribeOutcome.NOTHING_TO_REMOVE;
            }
        }
        else
        {
            if (!request.event().registered())
            {
                return new SubscribeOutcome.NotSubscribable(
                    "event '" + request.event().wireName() + "' is not supported");
            }
            if (!SipText.isHeaderValue(request.presentity()) || !SipText.isHeaderValue(request.watcher()))
            {
                return new SubscribeOutcome.Unroutable("presentity or watcher URI contains a line break, space or "
                    + "angle bracket");
            }
            final Destination destination = resolver.resolve(request.presentity());
            if (destination instanceof Destination.Refused refused)
            {
                return new SubscribeOutcome.Unroutable(refused.why());
            }
            if (null == subscription)
            {
                subscription = table.create(key, this, RecordSizes.newSubscription(request));
                if (null == subscription)
                {
                    return SubscribeOutcome.LIMIT_REACHED;
                }
                updateGauge();
            }
        }
        pendingCommands++;
        command.pending = true;
        subscription.waiting.add(command);
        if (Subscription.TimerKind.LINGER == subscription.timerKind)
        {
            cancelTimer(subscription);
        }
        advance(subscription);
        return null;
    }

    /** Starts waiting commands while nothing is in flight; lets an ended, idle subscription linger. */
    private void advance(final Subscription subscription)
    {
        while (!subscription.isBusy())
        {
            final SubscribeCommand next = subscription.waiting.poll();
            if (null == next)
            {
                break;
            }
            SubscribeOutcome outcome;
            try
            {
                outcome = start(subscription, next);
            }
            catch (final RuntimeException ex)
            {
                counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
                subscription.inFlight = null;
                outcome = new SubscribeOutcome.Internal("subscribe failed: " + ex);
            }
            if (null != outcome)
            {
                finishCommand(next, outcome);
            }
            else if (compat)
            {
                complete(next, SubscribeOutcome.SENT);
            }
        }
        if (!subscription.isBusy() && subscription.waiting.isEmpty())
        {
            if (null == subscription.callId && Subscription.Phase.SUBSCRIBING == subscription.phase)
            {
                table.remove(subscription);
            }
            else if (subscription.isTerminated() && Subscription.TimerKind.LINGER != subscription.timerKind
                && table.get(subscription.key) == subscription)
            {
                schedule(subscription, Subscription.TimerKind.LINGER, clock.getAsLong() + LINGER_MILLIS);
            }
        }
        table.account(subscription);
        updateGauge();
    }

    /** @return {@code null} when a SUBSCRIBE is now in flight for the command, else its outcome */
    private SubscribeOutcome start(final Subscription subscription, final SubscribeCommand command)
    {
        final long now = clock.getAsLong();
        if (command.isRemoval())
        {
            if (subscription.isTerminated())
            {
                return command.unsubscribe ? SubscribeOutcome.NO_SUCH_SUBSCRIPTION : SubscribeOutcome.NOTHING_TO_REMOVE;
            }
            if (!subscription.hasDialog())
            {
                terminate(subscription, UNSUBSCRIBED, now);
                return subscribed(subscription, 0);
            }
            counters.increment(PipelineCounter.UNSUBSCRIBE_SENT.ordinal());
            return send(new SubscribeAttempt(subscription, command, SubscribeAttempt.Kind.UNSUBSCRIBE,
                config.minExpires(), now, false, false));
        }
        final int expires = command.request.expires();
        final long desiredEnd = expires > 0 ? now + expires * MILLIS : Subscription.FOREVER;
        subscription.restarts = 0;
        if (subscription.hasDialog())
        {
            return send(new SubscribeAttempt(subscription, command, SubscribeAttempt.Kind.REFRESH,
                expiresHeader(expires), desiredEnd, false, false));
        }
        final SubscribeOutcome opened = openDialog(subscription, now);
        if (null != opened)
        {
            return opened;
        }
        final SubscribeOutcome refused = send(new SubscribeAttempt(subscription, command,
            SubscribeAttempt.Kind.INITIAL, expiresHeader(expires), desiredEnd, false, false));
        if (null != refused)
        {
            failedWithoutDialog(subscription, refused, now);
        }
        return refused;
    }

    // ----------------------------------------------------------------------------------------------------
    // results of SUBSCRIBE transactions

    private void onResult(final SubscribeAttempt attempt, final int status, final String reason,
        final ReceivedResponse response)
    {
        final Subscription subscription = attempt.subscription;
        subscription.inFlight = null;
        final long now = clock.getAsLong();
        if (status < 300 && (null == response || response.expires() != 0))
        {
            counters.increment(PipelineCounter.SUBSCRIBE_ACCEPTED.ordinal());
        }
        else
        {
            counters.increment(PipelineCounter.SUBSCRIBE_REJECTED.ordinal());
        }
        SubscribeOutcome outcome;
        try
        {
            switch (attempt.kind)
            {
                case INITIAL:
                    outcome = afterInitial(attempt, status, reason, response, now);
                    break;
                case REFRESH:
                    outcome = afterRefresh(attempt, status, reason, response, now);
                    break;
                default:
                    terminate(subscription, UNSUBSCRIBED, now);
                    outcome = status < 300 || NO_SUCH_DIALOG == status ? subscribed(subscription, 0)
                        : new SubscribeOutcome.Failed(status, reason);
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            if (!subscription.isBusy())
            {
                terminate(subscription, "internal error", now);
            }
            outcome = new SubscribeOutcome.Internal("subscribe failed: " + ex);
        }
        if (null != outcome && null != attempt.command)
        {
            finishCommand(attempt.command, outcome);
        }
        advance(subscription);
    }

    private SubscribeOutcome afterInitial(final SubscribeAttempt attempt, final int status, final String reason,
        final ReceivedResponse response, final long now)
    {
        final Subscription subscription = attempt.subscription;
        if (status < 300)
        {
            if (Subscription.Phase.SUBSCRIBING == subscription.phase)
            {
                final List<String> routeSet = new ArrayList<>(response.recordRoute());
                Collections.reverse(routeSet);
                confirmDialog(subscription, response.toTag(), response.contact(), routeSet, now);
            }
            final int expires = response.expires() >= 0 ? response.expires() : attempt.expiresHeader;
            return afterSuccess(attempt, expires, ACCEPTED == status ? IncomingNotify.PENDING : IncomingNotify.ACTIVE,
                now);
        }
        if (INTERVAL_TOO_BRIEF == status && !attempt.retried423 && null != response && response.minExpires() > 0)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_RETRY_423.ordinal());
            final SubscribeOutcome refused = send(new SubscribeAttempt(subscription, attempt.command,
                SubscribeAttempt.Kind.INITIAL, response.minExpires(), attempt.desiredEndMillis, true,
                attempt.recovered));
            if (null == refused)
            {
                return null;
            }
            failedWithoutDialog(subscription, refused, now);
            return refused;
        }
        final SubscribeOutcome failed = new SubscribeOutcome.Failed(status, reason);
        if (null == attempt.command && isRetryable(status) && subscription.isWanted(now, MIN_REMAINING_MILLIS))
        {
            restart(subscription, 0, now);
            return failed;
        }
        failedWithoutDialog(subscription, failed, now);
        return failed;
    }

    private SubscribeOutcome afterRefresh(final SubscribeAttempt attempt, final int status, final String reason,
        final ReceivedResponse response, final long now)
    {
        final Subscription subscription = attempt.subscription;
        if (status < 300)
        {
            final int expires = response.expires() >= 0 ? response.expires() : attempt.expiresHeader;
            return afterSuccess(attempt, expires, null, now);
        }
        if (null == attempt.command)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_REFRESH_FAILED.ordinal());
        }
        final SubscribeOutcome failed = new SubscribeOutcome.Failed(status, reason);
        if (subscription.dialogEnded)
        {
            afterDialogEnded(subscription, now);
            return failed;
        }
        if (INTERVAL_TOO_BRIEF == status && !attempt.retried423 && null != response && response.minExpires() > 0)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_RETRY_423.ordinal());
            final SubscribeOutcome refused = send(new SubscribeAttempt(subscription, attempt.command,
                SubscribeAttempt.Kind.REFRESH, response.minExpires(), attempt.desiredEndMillis, true,
                attempt.recovered));
            if (null == refused)
            {
                return null;
            }
            scheduleLifetime(subscription, now);
            return refused;
        }
        if ((NO_SUCH_DIALOG == status || REQUEST_TIMEOUT == status) && !attempt.recovered)
        {
            return recover(attempt, failed, now);
        }
        if (REFRESH_FAILURES_THAT_END.contains(status))
        {
            table.retire(subscription, now + RETIRED_MILLIS);
            ensurePrune(now);
            terminate(subscription, status + " " + reason, now);
        }
        else
        {
            schedule(subscription, Subscription.TimerKind.EXPIRE, subscription.grantedUntilMillis);
        }
        return failed;
    }

    /** 481/408 to a refresh: one fresh initial SUBSCRIBE for the remaining lifetime, carrying the command. */
    private SubscribeOutcome recover(final SubscribeAttempt attempt, final SubscribeOutcome failed, final long now)
    {
        final Subscription subscription = attempt.subscription;
        counters.increment(PipelineCounter.SUBSCRIBE_RECOVERED.ordinal());
        final long desiredEnd = attempt.desiredEndMillis;
        table.retire(subscription, now + RETIRED_MILLIS);
        ensurePrune(now);
        if (Subscription.FOREVER != desiredEnd && desiredEnd - now < MIN_REMAINING_MILLIS)
        {
            terminate(subscription, EXPIRED, now);
            return failed;
        }
        final SubscribeOutcome opened = openDialog(subscription, now);
        if (null != opened)
        {
            terminate(subscription, describe(opened), now);
            return opened;
        }
        final SubscribeOutcome refused = send(new SubscribeAttempt(subscription, attempt.command,
            SubscribeAttempt.Kind.INITIAL, remainingExpiresHeader(desiredEnd, now), desiredEnd, false, true));
        if (null == refused)
        {
            return null;
        }
        terminate(subscription, describe(refused), now);
        return refused;
    }

    /** A 2xx with this Expires to an initial or refresh SUBSCRIBE. */
    private SubscribeOutcome afterSuccess(final SubscribeAttempt attempt, final int expires,
        final String stateFromStatus, final long now)
    {
        final Subscription subscription = attempt.subscription;
        if (subscription.dialogEnded)
        {
            afterDialogEnded(subscription, now);
            return new SubscribeOutcome.Subscribed(subscription.id, expires, subscription.displayState(),
                subscription.isTerminated() ? subscription.terminatedReason : null);
        }
        if (0 == expires)
        {
            terminate(subscription, EXPIRED, now);
            return subscribed(subscription, 0);
        }
        if (null == subscription.substate && null != stateFromStatus)
        {
            subscription.substate = stateFromStatus;
        }
        subscription.grantedMillis = expires * MILLIS;
        subscription.grantedUntilMillis = now + subscription.grantedMillis;
        subscription.desiredEndMillis = attempt.desiredEndMillis;
        scheduleLifetime(subscription, now);
        return subscribed(subscription, expires);
    }

    // ----------------------------------------------------------------------------------------------------
    // NOTIFY

    /** The dialog facts a NOTIFY carries: it confirms an early dialog, its Contact refreshes the target. */
    private void learnDialog(final Subscription subscription, final IncomingNotify notify, final long now)
    {
        if (Subscription.Phase.SUBSCRIBING == subscription.phase)
        {
            counters.increment(PipelineCounter.NOTIFY_EARLY.ordinal());
            confirmDialog(subscription, notify.fromTag(), notify.contact(), notify.recordRoute(), now);
            return;
        }
        if (null == subscription.remoteTag)
        {
            subscription.remoteTag = notify.fromTag();
        }
        if (null != notify.contact())
        {
            subscription.remoteTarget = notify.contact();
            subscription.nextHop = hopOf(subscription);
        }
    }

    /** What a NOTIFY's Subscription-State means for the subscription. */
    private void applyState(final Subscription subscription, final IncomingNotify notify, final long now)
    {
        if (IncomingNotify.TERMINATED.equals(notify.state()))
        {
            counters.increment(PipelineCounter.NOTIFY_TERMINATED.ordinal());
            subscription.dialogEnded = true;
            subscription.endReason = notify.reason();
            subscription.endRetryAfter = notify.retryAfter();
            if (!subscription.isBusy())
            {
                afterDialogEnded(subscription, now);
                updateGauge();
            }
            return;
        }
        if (IncomingNotify.ACTIVE.equals(notify.state()) || IncomingNotify.PENDING.equals(notify.state()))
        {
            subscription.substate = notify.state();
            final long until = now + notify.expires() * MILLIS;
            if (notify.expires() >= 0 && subscription.hasDialog() && !subscription.isBusy()
                && subscription.grantedMillis > 0 && until < subscription.grantedUntilMillis)
            {
                subscription.grantedMillis = Math.max(0, until - (subscription.grantedUntilMillis
                    - subscription.grantedMillis));
                subscription.grantedUntilMillis = until;
                scheduleLifetime(subscription, now);
            }
        }
    }

    /** The notifier ended the current dialog (RFC 6665 4.1.3): re-subscribe or end, by reason. */
    private void afterDialogEnded(final Subscription subscription, final long now)
    {
        final String reason = null == subscription.endReason ? "" : subscription.endReason;
        final int retryAfter = subscription.endRetryAfter;
        subscription.dialogEnded = false;
        final boolean wanted = subscription.isWanted(now, MIN_REMAINING_MILLIS);
        switch (reason)
        {
            case "rejected":
            case "noresource":
            case "invariant":
                terminate(subscription, reason, now);
                break;
            case "probation":
            case "giveup":
                if (retryAfter >= 0 && wanted)
                {
                    restart(subscription, retryAfter * MILLIS, now);
                }
                else
                {
                    terminate(subscription, reason, now);
                }
                break;
            default:
                if (wanted)
                {
                    restart(subscription, retryAfter >= 0 ? retryAfter * MILLIS : 0, now);
                }
                else
                {
                    terminate(subscription, reason.isEmpty() ? "timeout" : reason, now);
                }
                break;
        }
    }

    private void deliver(final Notification notification)
    {
        try
        {
            sink.onNotification(notification);
            counters.increment(PipelineCounter.NOTIFY_DELIVERED.ordinal());
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.NOTIFY_SINK_ERRORS.ordinal());
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // dialog life

    /** Starts a new dialog (new Call-ID, From tag, CSeq); @return an outcome when the presentity is unusable */
    private SubscribeOutcome openDialog(final Subscription subscription, final long now)
    {
        final Destination destination = resolver.resolve(subscription.key.presentity());
        if (destination instanceof Destination.Refused refused)
        {
            return new SubscribeOutcome.Unroutable(refused.why());
        }
        if (null != subscription.callId)
        {
            table.retire(subscription, now + RETIRED_MILLIS);
            ensurePrune(now);
        }
        subscription.callId = identifiers.callId();
        subscription.localTag = identifiers.tag();
        subscription.localCseq = Subscription.INITIAL_CSEQ - 1;
        subscription.remoteTag = null;
        subscription.remoteTarget = null;
        subscription.routeSet = List.of();
        subscription.remoteCseq = -1;
        subscription.initialHop = ((Destination.Resolved)destination).address();
        subscription.nextHop = subscription.initialHop;
        subscription.dialogSinceMillis = 0;
        subscription.dialogEnded = false;
        subscription.endReason = null;
        subscription.endRetryAfter = -1;
        subscription.substate = null;
        subscription.terminatedReason = null;
        subscription.grantedMillis = 0;
        subscription.grantedUntilMillis = 0;
        subscription.phase = Subscription.Phase.SUBSCRIBING;
        table.bind(subscription);
        return null;
    }

    private void confirmDialog(final Subscription subscription, final String remoteTag, final String contact,
        final List<String> routeSet, final long now)
    {
        subscription.remoteTag = remoteTag;
        subscription.remoteTarget = null != contact ? contact : subscription.key.presentity();
        subscription.routeSet = List.copyOf(routeSet);
        subscription.dialogSinceMillis = now;
        subscription.established = true;
        subscription.phase = Subscription.Phase.CONFIRMED;
        subscription.nextHop = hopOf(subscription);
    }

    /** The next hop inside the dialog: the first route, else the remote target; the first hop when unusable. */
    private InetSocketAddress hopOf(final Subscription subscription)
    {
        final String uri = subscription.routeSet.isEmpty() ? subscription.remoteTarget
            : DialogHeaders.routeUri(subscription.routeSet.get(0));
        final Destination destination = null == uri ? null : resolver.resolve(uri);
        return destination instanceof Destination.Resolved resolved ? resolved.address() : subscription.initialHop;
    }

    /** A command's SUBSCRIBE could not be sent or failed before any dialog: forget or end the subscription. */
    private void failedWithoutDialog(final Subscription subscription, final SubscribeOutcome outcome,
        final long now)
    {
        table.retire(subscription, now + RETIRED_MILLIS);
        ensurePrune(now);
        if (!subscription.established && subscription.waiting.isEmpty())
        {
            subscription.phase = Subscription.Phase.TERMINATED;
            table.remove(subscription);
            return;
        }
        terminate(subscription, describe(outcome), now);
    }

    /** Schedules a fresh SUBSCRIBE (a new dialog) after {@code delayMillis}, with back-off. */
    private void restart(final Subscription subscription, final long delayMillis, final long now)
    {
        if (subscription.dialogSinceMillis > 0 && now - subscription.dialogSinceMillis >= STABLE_DIALOG_MILLIS)
        {
            subscription.restarts = 0;
        }
        subscription.restarts++;
        table.retire(subscription, now + RETIRED_MILLIS);
        ensurePrune(now);
        if (subscription.restarts > MAX_RESTARTS)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_GAVE_UP.ordinal());
            terminate(subscription, GAVE_UP, now);
            return;
        }
        subscription.phase = Subscription.Phase.RETRYING;
        subscription.remoteTag = null;
        subscription.dialogSinceMillis = 0;
        subscription.substate = null;
        subscription.grantedMillis = 0;
        subscription.grantedUntilMillis = 0;
        final long backoff = subscription.restarts <= 1 ? 0
            : Math.min(MAX_BACKOFF_MILLIS, MILLIS << Math.min(subscription.restarts - 2, Long.SIZE - 2));
        schedule(subscription, Subscription.TimerKind.RETRY, now + Math.max(delayMillis, backoff));
    }

    private void resubscribe(final Subscription subscription, final long now)
    {
        if (!subscription.isWanted(now, MIN_REMAINING_MILLIS))
        {
            terminate(subscription, EXPIRED, now);
            return;
        }
        counters.increment(PipelineCounter.RESUBSCRIBE.ordinal());
        SubscribeOutcome refused = openDialog(subscription, now);
        if (null == refused)
        {
            refused = send(new SubscribeAttempt(subscription, null, SubscribeAttempt.Kind.INITIAL,
                remainingExpiresHeader(subscription.desiredEndMillis, now), subscription.desiredEndMillis, false,
                false));
        }
        if (null != refused)
        {
            terminate(subscription, describe(refused), now);
        }
    }

    private void refreshByTimer(final Subscription subscription, final long now)
    {
        if (!subscription.hasDialog())
        {
            return;
        }
        if (!subscription.isWanted(now, MIN_REMAINING_MILLIS))
        {
            schedule(subscription, Subscription.TimerKind.EXPIRE, subscription.grantedUntilMillis);
            return;
        }
        counters.increment(PipelineCounter.SUBSCRIBE_REFRESH_SENT.ordinal());
        final SubscribeOutcome refused = send(new SubscribeAttempt(subscription, null, SubscribeAttempt.Kind.REFRESH,
            remainingExpiresHeader(subscription.desiredEndMillis, now), subscription.desiredEndMillis, false, false));
        if (null != refused)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_REFRESH_FAILED.ordinal());
            schedule(subscription, Subscription.TimerKind.EXPIRE, subscription.grantedUntilMillis);
        }
    }

    private void terminate(final Subscription subscription, final String reason, final long now)
    {
        if (!subscription.isTerminated())
        {
            counters.increment(PipelineCounter.SUBSCRIBE_ENDED.ordinal());
        }
        subscription.phase = Subscription.Phase.TERMINATED;
        subscription.terminatedReason = reason;
        subscription.substate = null;
        subscription.dialogEnded = false;
        subscription.grantedMillis = 0;
        subscription.grantedUntilMillis = 0;
        schedule(subscription, Subscription.TimerKind.LINGER, now + LINGER_MILLIS);
    }

    /** Refresh before the granted expiry while more is wanted, else expire with it. */
    private void scheduleLifetime(final Subscription subscription, final long now)
    {
        final long granted = subscription.grantedMillis;
        final boolean wantsMore = Subscription.FOREVER == subscription.desiredEndMillis
            || subscription.desiredEndMillis > subscription.grantedUntilMillis + config.minExpires() * MILLIS;
        if (wantsMore && granted > 0)
        {
            final long lead = Math.min(Math.max(MIN_REFRESH_LEAD_MILLIS, granted / REFRESH_LEAD_PERCENT_DIVISOR),
                granted / 2);
            schedule(subscription, Subscription.TimerKind.REFRESH,
                Math.max(now, subscription.grantedUntilMillis - lead));
        }
        else
        {
            schedule(subscription, Subscription.TimerKind.EXPIRE, subscription.grantedUntilMillis);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // sending

    /**
     * Sends a SUBSCRIBE and makes it the subscription's in-flight attempt.
     *
     * @return {@code null} when sent, else the outcome for the caller
     */
    private SubscribeOutcome send(final SubscribeAttempt attempt)
    {
        final Subscription subscription = attempt.subscription;
        final boolean initial = SubscribeAttempt.Kind.INITIAL == attempt.kind;
        subscription.localCseq++;
        final SubscriptionKey key = subscription.key;
        final DialogRequest head = new DialogRequest(SUBSCRIBE,
            initial || null == subscription.remoteTarget ? key.presentity() : subscription.remoteTarget,
            key.presentity(), initial ? null : subscription.remoteTag, key.watcher(), subscription.localTag,
            subscription.callId, subscription.localCseq, initial ? List.of() : subscription.routeSet,
            key.event().wireName(), compat ? key.watcher() : agentContact);
        final String branch = identifiers.branch();
        final byte[] message = writer.dialogRequest(head, branch, "Expires: " + attempt.expiresHeader, null, null);
        if (message.length > SipEndpoint.MAX_DATAGRAM)
        {
            return new SubscribeOutcome.Failed(TOO_LARGE, "Message Too Large");
        }
        final ClientTransaction transaction = transactions.start(branch, SUBSCRIBE, message,
            initial ? subscription.initialHop : subscription.nextHop, this, attempt);
        if (null == transaction)
        {
            return new SubscribeOutcome.Failed(TRANSPORT_ERROR, "Service Unavailable (transport error)");
        }
        if (initial)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_INITIAL_SENT.ordinal());
        }
        subscription.inFlight = attempt;
        cancelTimer(subscription);
        return null;
    }

    private int expiresHeader(final int expires)
    {
        if (expires < 0)
        {
            return config.defaultExpires() + SUBSCRIBE_EXPIRES_EXTRA;
        }
        if (expires <= config.minExpires())
        {
            return config.minExpires();
        }
        return Math.min(expires, Integer.MAX_VALUE - SUBSCRIBE_EXPIRES_EXTRA) + SUBSCRIBE_EXPIRES_EXTRA;
    }

    private int remainingExpiresHeader(final long desiredEndMillis, final long now)
    {
        if (Subscription.FOREVER == desiredEndMillis)
        {
            return config.defaultExpires() + SUBSCRIBE_EXPIRES_EXTRA;
        }
        final long seconds = Math.max(0, desiredEndMillis - now) / MILLIS;
        return (int)Math.min(seconds, Integer.MAX_VALUE - SUBSCRIBE_EXPIRES_EXTRA) + SUBSCRIBE_EXPIRES_EXTRA;
    }

    // ----------------------------------------------------------------------------------------------------
    // bookkeeping

    private void schedule(final Subscription subscription, final Subscription.TimerKind kind, final long deadline)
    {
        subscription.timerKind = kind;
        wheel.schedule(subscription, deadline);
    }

    private void cancelTimer(final Subscription subscription)
    {
        subscription.timerKind = Subscription.TimerKind.NONE;
        wheel.cancel(subscription);
    }

    private void ensurePrune(final long now)
    {
        if (!pruneTimer.isScheduled())
        {
            wheel.schedule(pruneTimer, now + PRUNE_PERIOD_MILLIS);
        }
    }

    private void prune()
    {
        final long now = clock.getAsLong();
        if (table.pruneRetired(now))
        {
            wheel.schedule(pruneTimer, now + PRUNE_PERIOD_MILLIS);
        }
    }

    private void updateGauge()
    {
        counters.set(PipelineCounter.SUBSCRIPTIONS.ordinal(), table.size());
    }

    private SubscriptionView view(final Subscription subscription, final long now)
    {
        final Notification last = subscription.last;
        final long left = subscription.hasDialog() ? Math.max(0, subscription.grantedUntilMillis - now) / MILLIS : 0;
        return new SubscriptionView(subscription.id, subscription.key.presentity(), subscription.key.watcher(),
            subscription.key.event().wireName(), subscription.displayState(),
            subscription.isTerminated() ? subscription.terminatedReason : null, (int)Math.min(left, Integer.MAX_VALUE),
            null == last ? 0 : last.receivedAtMillis(), subscription.notifyCount,
            null == last ? null : last.subscriptionState(), null == last ? null : last.contentType(),
            null == last ? null : last.body());
    }

    private SubscribeOutcome subscribed(final Subscription subscription, final int expires)
    {
        return new SubscribeOutcome.Subscribed(subscription.id, expires, subscription.displayState(),
            subscription.isTerminated() ? subscription.terminatedReason : null);
    }

    private void finishCommand(final SubscribeCommand command, final SubscribeOutcome outcome)
    {
        pendingCommands--;
        command.pending = false;
        command.release(commandBudget);
        if (command.isCompleted())
        {
            if (!(outcome instanceof SubscribeOutcome.Subscribed))
            {
                counters.increment(PipelineCounter.SUBSCRIBE_SENT_FAILED_LATER.ordinal());
            }
            return;
        }
        complete(command, outcome);
    }

    /** Completes the command once; one no longer pending gets its bytes back before its caller hears. */
    private void complete(final SubscribeCommand command, final SubscribeOutcome outcome)
    {
        if (!command.pending)
        {
            command.release(commandBudget);
        }
        if (!command.isCompleted())
        {
            final SubscribeOutcome shown = compat && outcome instanceof SubscribeOutcome.Subscribed
                ? SubscribeOutcome.SENT : outcome;
            counters.increment(counterOf(shown).ordinal());
            command.completeOnce(shown, callbackError);
        }
    }

    private static boolean isRetryable(final int status)
    {
        return REQUEST_TIMEOUT == status || (status >= SERVER_ERRORS_FROM && status <= SERVER_ERRORS_TO);
    }

    private static boolean sameEventPackage(final String received, final String subscribed)
    {
        if (null == received)
        {
            return false;
        }
        final int semicolon = subscribed.indexOf(';');
        final String type = semicolon < 0 ? subscribed : subscribed.substring(0, semicolon);
        return type.equalsIgnoreCase(received.trim());
    }

    private static String describe(final SubscribeOutcome outcome)
    {
        if (outcome instanceof SubscribeOutcome.Failed failed)
        {
            return failed.sipStatus() + " " + failed.reason();
        }
        if (outcome instanceof SubscribeOutcome.Unroutable unroutable)
        {
            return "unroutable: " + unroutable.why();
        }
        return outcome.toString();
    }

    private static PipelineCounter counterOf(final SubscribeOutcome outcome)
    {
        if (outcome instanceof SubscribeOutcome.Subscribed)
        {
            return PipelineCounter.SUBSCRIBE_SUBSCRIBED;
        }
        if (outcome instanceof SubscribeOutcome.Sent)
        {
            return PipelineCounter.SUBSCRIBE_SENT;
        }
        if (outcome instanceof SubscribeOutcome.NothingToRemove)
        {
            return PipelineCounter.SUBSCRIBE_NOTHING_TO_REMOVE;
        }
        if (outcome instanceof SubscribeOutcome.NoSuchSubscription)
        {
            return PipelineCounter.NO_SUCH_SUBSCRIPTION;
        }
        if (outcome instanceof SubscribeOutcome.NotSubscribable)
        {
            return PipelineCounter.NOT_SUBSCRIBABLE;
        }
        if (outcome instanceof SubscribeOutcome.Unroutable)
        {
            return PipelineCounter.SUBSCRIBE_UNROUTABLE;
        }
        if (outcome instanceof SubscribeOutcome.Failed)
        {
            return PipelineCounter.SUBSCRIBE_FAILED;
        }
        if (outcome instanceof SubscribeOutcome.LimitReached)
        {
            return PipelineCounter.SUBSCRIBE_LIMIT_REACHED;
        }
        return PipelineCounter.SUBSCRIBE_INTERNAL;
    }
}
