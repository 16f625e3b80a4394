package org.puaagent.agent.pipeline;

import org.puaagent.agent.sip.ClientTransaction;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.Destination;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.SipText;
import org.puaagent.agent.sip.TimerWheel;
import org.puaagent.agent.sip.TransactionUser;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The SUBSCRIBE side, as far as {@code pua.subscribe} goes today: an initial out-of-dialog SUBSCRIBE as
 * Kamailio sends it (From and Contact = watcher URI, Expires e+10, sent to the Request-URI: pua uses no proxy
 * for SUBSCRIBE), completed with {@code Sent} once handed to SIP; the final response is only counted. The
 * Call-IDs of the subscriptions sent are remembered for their lifetime (+64 s) so that a NOTIFY for one of
 * them is answered 200 rather than 481. Dialog handling (refresh, unsubscribe) is a later issue. Not
 * thread-safe: owner thread only.
 */
final class Subscriber implements TransactionUser
{
    private static final String SUBSCRIBE = "SUBSCRIBE";
    private static final int SUBSCRIBE_EXPIRES_EXTRA = 10;
    private static final long NOTIFY_GRACE_MILLIS = 64_000L;
    private static final long PRUNE_PERIOD_MILLIS = 30_000L;
    private static final long MILLIS = 1000L;
    private static final int TRANSPORT_ERROR = 503;

    private final Map<String, Long> knownCallIds = new HashMap<>();
    private final PipelineConfig config;
    private final TimerWheel wheel;
    private final ClientTransactions transactions;
    private final SipRequestWriter writer;
    private final SipIdentifiers identifiers;
    private final DestinationResolver resolver;
    private final Counters counters;
    private final LongSupplier clock;
    private final Runnable callbackError;
    private final TimerWheel.Timer pruneTimer = new TimerWheel.Timer()
    {
        @Override
        protected void onExpire(final long deadlineMillis)
        {
            prune();
        }
    };

    Subscriber(final PipelineConfig config, final TimerWheel wheel, final ClientTransactions transactions,
        final SipRequestWriter writer, final SipIdentifiers identifiers, final DestinationResolver resolver,
        final Counters counters, final LongSupplier clock)
    {
        this.config = config;
        this.wheel = wheel;
        this.transactions = transactions;
        this.writer = writer;
        this.identifiers = identifiers;
        this.resolver = resolver;
        this.counters = counters;
        this.clock = clock;
        this.callbackError = () -> counters.increment(PipelineCounter.CALLBACK_ERRORS.ordinal());
    }

    void onCommand(final SubscribeCommand command)
    {
        counters.increment(PipelineCounter.SUBSCRIBE_REQUESTS.ordinal());
        SubscribeOutcome outcome;
        try
        {
            outcome = start(command.request);
        }
        catch (final RuntimeException ex)
        {
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            outcome = new SubscribeOutcome.Internal("subscribe failed: " + ex);
        }
        complete(command, outcome);
    }

    /** Whether a NOTIFY with this Call-ID belongs to a subscription this agent sent. */
    boolean isKnownSubscription(final String callId)
    {
        final Long until = knownCallIds.get(callId);
        return null != until && until > clock.getAsLong();
    }

    @Override
    public void onFinalResponse(final ClientTransaction transaction, final ReceivedResponse response)
    {
        if (response.status() < 300 && response.expires() != 0)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_ACCEPTED.ordinal());
        }
        else
        {
            counters.increment(PipelineCounter.SUBSCRIBE_REJECTED.ordinal());
            knownCallIds.remove((String)transaction.context());
        }
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        counters.increment(PipelineCounter.SUBSCRIBE_REJECTED.ordinal());
        knownCallIds.remove((String)transaction.context());
    }

    /**
     * Completes a command with {@code Internal} unless it was completed.
     *
     * @param countRequest whether the command was never taken by {@link #onCommand} (shutdown)
     */
    void reject(final SubscribeCommand command, final String why, final boolean countRequest)
    {
        if (countRequest)
        {
            counters.increment(PipelineCounter.SUBSCRIBE_REQUESTS.ordinal());
        }
        complete(command, new SubscribeOutcome.Internal(why));
    }

    /** Shutdown: nothing waits for subscriptions (they complete when sent); forget the dialog hints. */
    void abandonAll(final List<ClientTransaction> aborted)
    {
        knownCallIds.clear();
        wheel.cancel(pruneTimer);
    }

    private SubscribeOutcome start(final SubscribeRequest request)
    {
        if (!request.event().registered())
        {
            return new SubscribeOutcome.NotSubscribable("event '" + request.event().wireName() + "' is not supported");
        }
        if (0 == request.expires())
        {
            return SubscribeOutcome.NOTHING_TO_REMOVE;
        }
        if (!SipText.isHeaderValue(request.presentity()) || !SipText.isHeaderValue(request.watcher()))
        {
            return new SubscribeOutcome.Unroutable("presentity or watcher URI contains a line break, space or "
                + "angle bracket");
        }
        final Destination destination = resolver.resolve(request.presentity());
        if (destination instanceof Destination.Refused)
        {
            return new SubscribeOutcome.Unroutable(((Destination.Refused)destination).why());
        }
        final int expires = request.expires();
        final int expiresHeader;
        if (expires < 0)
        {
            expiresHeader = config.defaultExpires() + SUBSCRIBE_EXPIRES_EXTRA;
        }
        else if (expires <= config.minExpires())
        {
            expiresHeader = config.minExpires();
        }
        else
        {
            expiresHeader = Math.min(expires, Integer.MAX_VALUE - SUBSCRIBE_EXPIRES_EXTRA) + SUBSCRIBE_EXPIRES_EXTRA;
        }
        final String branch = identifiers.branch();
        final String callId = identifiers.callId();
        final byte[] message = writer.subscribe(request.presentity(), request.watcher(), branch, identifiers.tag(),
            callId, request.event().wireName(), expiresHeader);
        final ClientTransaction transaction = transactions.start(branch, SUBSCRIBE, message,
            ((Destination.Resolved)destination).address(), this, callId);
        if (null == transaction)
        {
            return new SubscribeOutcome.Failed(TRANSPORT_ERROR, "Service Unavailable (transport error)");
        }
        knownCallIds.put(callId, clock.getAsLong() + expiresHeader * MILLIS + NOTIFY_GRACE_MILLIS);
        if (!pruneTimer.isScheduled())
        {
            wheel.schedule(pruneTimer, clock.getAsLong() + PRUNE_PERIOD_MILLIS);
        }
        return SubscribeOutcome.SENT;
    }

    private void prune()
    {
        final long now = clock.getAsLong();
        final Iterator<Long> untils = knownCallIds.values().iterator();
        while (untils.hasNext())
        {
            if (untils.next() <= now)
            {
                untils.remove();
            }
        }
        if (!knownCallIds.isEmpty())
        {
            wheel.schedule(pruneTimer, now + PRUNE_PERIOD_MILLIS);
        }
    }

    private void complete(final SubscribeCommand command, final SubscribeOutcome outcome)
    {
        if (!command.isCompleted())
        {
            counters.increment(counterOf(outcome).ordinal());
            command.completeOnce(outcome, callbackError);
        }
    }

    private static PipelineCounter counterOf(final SubscribeOutcome outcome)
    {
        if (outcome instanceof SubscribeOutcome.Sent)
        {
            return PipelineCounter.SUBSCRIBE_SENT;
        }
        if (outcome instanceof SubscribeOutcome.NothingToRemove)
        {
            return PipelineCounter.SUBSCRIBE_NOTHING_TO_REMOVE;
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
        return PipelineCounter.SUBSCRIBE_INTERNAL;
    }
}
