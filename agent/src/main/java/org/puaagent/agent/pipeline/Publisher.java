package org.puaagent.agent.pipeline;

import org.puaagent.agent.sip.ClientTransaction;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.Destination;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.SipText;
import org.puaagent.agent.sip.TimerWheel;
import org.puaagent.agent.sip.TransactionUser;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The PUBLISH side of the pipeline: the publication table, the choice of action per command (spec pua.md
 * section 3.2, body rules of section 4: presence tuple ids, the dialog;sla version), one PUBLISH in flight per series with the later commands of that series waiting in order,
 * refresh and expiry timers, and the recovery rules.
 *
 * <p>Deliberate differences from Kamailio's pua, all in the caller's favour:
 * <ul>
 * <li>every command gets exactly one outcome, also when pua never answers (nothing to remove, a 2xx without
 *     SIP-ETag/Expires: {@code Failed(500, ...)}, the series is deleted);</li>
 * <li>412 to a modify or refresh: the ETag is dropped and ONE fresh initial PUBLISH is sent with the new
 *     body, or the last body sent (none known: {@code Failed(412)});</li>
 * <li>423 with Min-Expires: the PUBLISH is sent once more with Expires = Min-Expires (desired end kept);</li>
 * <li>refreshes are sent before the granted expiry runs out, while the desired end is later (or the
 *     publication has none): at {@code granted_until - lead}, lead = max(5 s, 10% of the granted time) but at
 *     most half of it; a publication that is not refreshed is forgotten when its granted time ends (pua waits
 *     10 s more);</li>
 * <li>timer refreshes and 412/423 retries go to the next hop of the last successful PUBLISH of the series
 *     (pua sends timer refreshes to its default proxy or the R-URI, ignoring the per-request proxy).</li>
 * <li>the series are held within a byte budget ({@code --publications-bytes}, {@link RecordSizes#series}): a new
 *     publication that does not fit, or a modify whose body would take them more than an eighth above it, gets
 *     {@link PublishOutcome.LimitReached}; refreshes, removals and other modifies always go on (pua: shared
 *     memory runs out).</li>
 * </ul>
 * Not thread-safe: owner thread only.
 */
final class Publisher implements TransactionUser
{
    private static final String PUBLISH = "PUBLISH";
    private static final long MILLIS = 1000L;
    private static final long MIN_REFRESH_LEAD_MILLIS = 5000L;
    private static final int REFRESH_LEAD_PERCENT_DIVISOR = 10;
    private static final int LOCAL_TIMEOUT = 408;
    private static final int TRANSPORT_ERROR = 503;
    private static final int TOO_LARGE = 513;
    private static final int CONDITIONAL_REQUEST_FAILED = 412;
    private static final int INTERVAL_TOO_BRIEF = 423;
    private static final int INVALID_2XX = 500;

    private final Map<SeriesKey, List<Series>> table = new HashMap<>();
    private final PipelineConfig config;
    private final TimerWheel wheel;
    private final ClientTransactions transactions;
    private final SipRequestWriter writer;
    private final SipIdentifiers identifiers;
    private final DestinationResolver resolver;
    private final Destination defaultProxy;
    private final DialogInfoDocument dialogInfoDocument = new DialogInfoDocument();
    private final Counters counters;
    private final LongSupplier clock;
    private final ByteBudget publications;
    private final CommandBudget commandBudget;
    private final Runnable callbackError;
    private final String tupleIdPrefix;
    private long tupleSequence;
    private int pendingCommands;
    private int seriesCount;

    Publisher(final PipelineConfig config, final TimerWheel wheel, final ClientTransactions transactions,
        final SipRequestWriter writer, final SipIdentifiers identifiers, final DestinationResolver resolver,
        final Counters counters, final LongSupplier clock, final CommandBudget commandBudget)
    {
        this.config = config;
        this.wheel = wheel;
        this.transactions = transactions;
        this.writer = writer;
        this.identifiers = identifiers;
        this.resolver = resolver;
        this.defaultProxy = null == config.defaultOutboundProxy() ? null
            : resolver.resolve(config.defaultOutboundProxy());
        if (defaultProxy instanceof Destination.Refused)
        {
            throw new IllegalArgumentException(
                "default outbound proxy: " + ((Destination.Refused)defaultProxy).why());
        }
        this.counters = counters;
        this.clock = clock;
        this.publications = new ByteBudget(config.limits().publicationBytes());
        this.commandBudget = commandBudget;
        this.callbackError = () -> counters.increment(PipelineCounter.CALLBACK_ERRORS.ordinal());
        this.tupleIdPrefix = "0x" + Integer.toHexString(new SecureRandom().nextInt() & 0x7fffffff);
    }

    /** Commands accepted and not yet finished (in flight or waiting in their series). */
    int pendingCommands()
    {
        return pendingCommands;
    }

    /** Series in the table. */
    int seriesCount()
    {
        return seriesCount;
    }

    /** The estimated bytes the series hold ({@link RecordSizes#series}). */
    long heldBytes()
    {
        return publications.used();
    }

    /** Takes a command from the queue; gives its bytes back at once when it is answered without SIP. */
    void onCommand(final PublishCommand command)
    {
        counters.increment(PipelineCounter.PUBLISH_REQUESTS.ordinal());
        accept(command);
        if (!command.pending)
        {
            command.release(commandBudget);
        }
    }

    private void accept(final PublishCommand command)
    {
        final PublishRequest request = command.request;
        final EventPackage event = request.event();
        if (!event.registered())
        {
            complete(command, new PublishOutcome.NotPublishable("event '" + event.wireName() + "' is not supported"));
            return;
        }
        if (EventPackage.PRESENCE_WINFO == event && request.hasBody())
        {
            complete(command, new PublishOutcome.NotPublishable("event 'presence.winfo' takes no body"));
            return;
        }
        if (!SipText.isHeaderValue(request.presentity()) || !SipText.isSingleLine(request.contentType()))
        {
            complete(command, new PublishOutcome.Unroutable(
                "presentity URI contains a line break, space or angle bracket, or content type a line break"));
            return;
        }
        final SeriesKey key = new SeriesKey(command.source, request.presentity(), event);
        Series series = select(key, request);
        if (null == series)
        {
            if (null != request.etag())
            {
                complete(command, PublishOutcome.WRONG_ETAG);
                return;
            }
            if (0 == request.expires())
            {
                complete(command, PublishOutcome.NOTHING_TO_REMOVE);
                return;
            }
            if (!request.hasBody())
            {
                complete(command, PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION);
                return;
            }
            final long bytes = RecordSizes.newSeries(request);
            if (!publications.admits(bytes))
            {
                complete(command, PublishOutcome.LIMIT_REACHED);
                return;
            }
            series = new Series(key, request.id(), this);
            series.heldBytes = bytes;
            publications.add(bytes);
            table.computeIfAbsent(key, k -> new ArrayList<>(2)).add(series);
            seriesCount++;
        }
        else if (request.hasBody() && 0 != request.expires()
            && !publications.allowsGrowth(RecordSizes.bodyChange(request.body(), series.body)))
        {
            complete(command, PublishOutcome.LIMIT_REACHED);
            return;
        }
        pendingCommands++;
        command.pending = true;
        if (series.isBusy())
        {
            series.enqueue(command);
            if (PublishMode.HANDED_OFF == command.mode)
            {
                complete(command, PublishOutcome.HANDED_OFF);
            }
            return;
        }
        runCommand(series, command);
        advance(series);
    }

    /** The series timer fired: refresh, or forget an expired record. */
    void onSeriesTimer(final Series series)
    {
        if (series.isBusy() || !series.hasRecord())
        {
            return;
        }
        final long now = clock.getAsLong();
        if (!series.timerIsRefresh || now >= series.grantedUntilMillis)
        {
            counters.increment(PipelineCounter.EXPIRED.ordinal());
            series.clearRecord();
            advance(series);
            return;
        }
        final int expiresHeader = Series.FOREVER == series.desiredEndMillis ? config.defaultExpires() + 1
            : secondsUntil(series.desiredEndMillis, now) + 1;
        final PublishAttempt attempt = new PublishAttempt(series, null, PublishAttempt.Kind.REFRESH, series.etag,
            expiresHeader, null, null, series.extraHeaders, series.tupleId, series.desiredEndMillis,
            series.nextHop, false, false);
        counters.increment(PipelineCounter.REFRESH_SENT.ordinal());
        final PublishOutcome refused = send(attempt);
        if (null != refused)
        {
            counters.increment(PipelineCounter.REFRESH_FAILED.ordinal());
            series.clearRecord();
            advance(series);
            return;
        }
        account(series);
    }

    @Override
    public void onFinalResponse(final ClientTransaction transaction, final ReceivedResponse response)
    {
        final PublishAttempt attempt = (PublishAttempt)transaction.context();
        try
        {
            applyFinalResponse(attempt, response);
        }
        catch (final RuntimeException ex)
        {
            settleAfterBug(attempt, ex);
        }
        account(attempt.series);
    }

    @Override
    public void onTimeout(final ClientTransaction transaction)
    {
        final PublishAttempt attempt = (PublishAttempt)transaction.context();
        try
        {
            attempt.series.inFlight = null;
            counters.increment(PipelineCounter.PUBLISH_TIMEOUTS.ordinal());
            finishAttempt(attempt, new PublishOutcome.Failed(LOCAL_TIMEOUT, "Request Timeout"), clock.getAsLong());
        }
        catch (final RuntimeException ex)
        {
            settleAfterBug(attempt, ex);
        }
        account(attempt.series);
    }

    /** A bug while applying a result: the caller still gets exactly one outcome, the series is dropped. */
    private void settleAfterBug(final PublishAttempt attempt, final RuntimeException ex)
    {
        counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
        if (attempt.finished)
        {
            return;
        }
        final Series series = attempt.series;
        if (series.inFlight == attempt)
        {
            series.inFlight = null;
        }
        if (!series.isBusy())
        {
            series.clearRecord();
            finishAttempt(attempt, new PublishOutcome.Internal("publish failed: " + ex), clock.getAsLong());
        }
    }

    private void applyFinalResponse(final PublishAttempt attempt, final ReceivedResponse response)
    {
        final Series series = attempt.series;
        series.inFlight = null;
        final long now = clock.getAsLong();
        final int status = response.status();
        PublishOutcome outcome;
        if (status < 300)
        {
            outcome = onSuccess(attempt, response, now);
        }
        else if (CONDITIONAL_REQUEST_FAILED == status && !attempt.recovered412
            && (PublishAttempt.Kind.MODIFY == attempt.kind || PublishAttempt.Kind.REFRESH == attempt.kind))
        {
            outcome = recoverFrom412(attempt, response, now);
        }
        else if (INTERVAL_TOO_BRIEF == status && !attempt.retried423 && response.minExpires() > 0
            && PublishAttempt.Kind.REMOVE != attempt.kind)
        {
            counters.increment(PipelineCounter.RETRY_423.ordinal());
            outcome = send(attempt.retryAfter423(response.minExpires()));
            if (null != outcome)
            {
                series.clearRecord();
            }
        }
        else
        {
            series.clearRecord();
            outcome = new PublishOutcome.Failed(status, response.reason());
        }
        if (null != outcome)
        {
            finishAttempt(attempt, outcome, now);
        }
    }

    /**
     * Completes every command still pending (pipeline shutdown): the in-flight ones (from the aborted
     * transactions) and the waiting ones.
     */
    void abandonAll(final List<ClientTransaction> aborted, final String why)
    {
        final PublishOutcome outcome = new PublishOutcome.Internal(why);
        for (final ClientTransaction transaction : aborted)
        {
            if (transaction.context() instanceof PublishAttempt)
            {
                final PublishAttempt attempt = (PublishAttempt)transaction.context();
                attempt.series.inFlight = null;
                if (null != attempt.command)
                {
                    finishCommand(attempt.command, outcome);
                }
            }
        }
        for (final List<Series> group : table.values())
        {
            for (final Series series : group)
            {
                PublishCommand waiting;
                while (null != (waiting = series.pollWaiting()))
                {
                    finishCommand(waiting, outcome);
                }
                wheel.cancel(series);
            }
        }
        table.clear();
        seriesCount = 0;
        publications.clear();
    }

    /**
     * Completes a command with {@code Internal} unless it was completed, and gives its bytes back unless it is
     * still pending in a series.
     *
     * @param countRequest whether the command was never taken by {@link #onCommand} (shutdown), so that
     *                     it still counts as a request
     */
    void reject(final PublishCommand command, final String why, final boolean countRequest)
    {
        if (!command.isCompleted())
        {
            if (countRequest)
            {
                counters.increment(PipelineCounter.PUBLISH_REQUESTS.ordinal());
            }
            complete(command, new PublishOutcome.Internal(why));
        }
        if (!command.pending)
        {
            command.release(commandBudget);
        }
    }

    private Series select(final SeriesKey key, final PublishRequest request)
    {
        final List<Series> group = table.get(key);
        if (null == group)
        {
            return null;
        }
        for (int i = 0; i < group.size(); i++)
        {
            final Series series = group.get(i);
            if (null != request.id() && !request.id().equals(series.id))
            {
                continue;
            }
            if (null != request.etag() && !request.etag().equals(series.etag))
            {
                continue;
            }
            return series;
        }
        return null;
    }

    /** Starts the command's PUBLISH, or finishes the command when nothing is sent. */
    private void runCommand(final Series series, final PublishCommand command)
    {
        PublishOutcome outcome;
        try
        {
            outcome = startCommand(series, command);
        }
        catch (final RuntimeException ex)
        {
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            series.inFlight = null;
            outcome = new PublishOutcome.Internal("publish failed: " + ex);
        }
        if (null != outcome)
        {
            finishCommand(command, outcome);
        }
        else if (PublishMode.HANDED_OFF == command.mode)
        {
            complete(command, PublishOutcome.HANDED_OFF);
        }
    }

    private PublishOutcome startCommand(final Series series, final PublishCommand command)
    {
        final PublishRequest request = command.request;
        final long now = clock.getAsLong();
        final PublishAttempt.Kind kind;
        if (!series.hasRecord())
        {
            if (null != request.etag())
            {
                return PublishOutcome.WRONG_ETAG;
            }
            if (0 == request.expires())
            {
                return PublishOutcome.NOTHING_TO_REMOVE;
            }
            if (!request.hasBody())
            {
                return PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION;
            }
            kind = PublishAttempt.Kind.INITIAL;
        }
        else if (0 == request.expires())
        {
            kind = PublishAttempt.Kind.REMOVE;
        }
        else
        {
            kind = request.hasBody() ? PublishAttempt.Kind.MODIFY : PublishAttempt.Kind.REFRESH;
        }
        final Destination destination = null != request.outboundProxy() ? resolver.resolve(request.outboundProxy())
            : null != defaultProxy ? defaultProxy : resolver.resolve(request.presentity());
        if (destination instanceof Destination.Refused)
        {
            return new PublishOutcome.Unroutable(((Destination.Refused)destination).why());
        }
        final InetSocketAddress nextHop = ((Destination.Resolved)destination).address();
        String body = null;
        String tupleId = series.tupleId;
        if (PublishAttempt.Kind.INITIAL == kind || PublishAttempt.Kind.MODIFY == kind)
        {
            body = request.body();
            if (EventPackage.PRESENCE == request.event())
            {
                final long sequence = ++tupleSequence;
                final PresenceDocument.Scan scan = null != command.presenceScan ? command.presenceScan
                    : PresenceDocument.forThisThread().scan(body);
                final PresenceDocument.Result prepared = PresenceDocument.apply(body, scan, series.tupleId,
                    () -> tupleIdPrefix + Long.toHexString(sequence));
                if (prepared instanceof PresenceDocument.Refused)
                {
                    return new PublishOutcome.NotPublishable(((PresenceDocument.Refused)prepared).why());
                }
                body = ((PresenceDocument.Prepared)prepared).body();
                tupleId = ((PresenceDocument.Prepared)prepared).tupleId();
            }
            else if (EventPackage.DIALOG_SLA == request.event())
            {
                body = dialogInfoDocument.withVersion(body, series.version);
                if (null == body)
                {
                    return new PublishOutcome.NotPublishable("dialog;sla body is not a well-formed <dialog-info>");
                }
                series.version++;
            }
        }
        final int expires = request.expires();
        final int expiresHeader;
        final long desiredEnd;
        if (expires > 0)
        {
            expiresHeader = Math.min(expires, Integer.MAX_VALUE - 1) + 1;
            desiredEnd = now + expires * MILLIS;
        }
        else if (expires < 0)
        {
            expiresHeader = config.defaultExpires() + 1;
            desiredEnd = Series.FOREVER;
        }
        else
        {
            expiresHeader = config.minExpires();
            desiredEnd = now;
        }
        final PublishAttempt attempt = new PublishAttempt(series, command, kind,
            PublishAttempt.Kind.INITIAL == kind ? null : series.etag, expiresHeader, body,
            null == body ? null : request.contentType(), request.extraHeaders(), tupleId, desiredEnd, nextHop,
            false, false);
        return send(attempt);
    }

    /**
     * Sends a PUBLISH and makes it the series' in-flight attempt.
     *
     * @return {@code null} when sent, else the outcome for the caller
     */
    private PublishOutcome send(final PublishAttempt attempt)
    {
        final Series series = attempt.series;
        final byte[] bodyBytes = null == attempt.body ? null : attempt.body.getBytes(StandardCharsets.UTF_8);
        final String branch = identifiers.branch();
        final byte[] message = writer.publish(series.key.presentity(), branch, identifiers.tag(),
            identifiers.callId(), series.key.event().wireName(), attempt.expiresHeader, attempt.ifMatch,
            attempt.contentType, attempt.extraHeaders, bodyBytes);
        if (message.length > SipEndpoint.MAX_DATAGRAM)
        {
            return new PublishOutcome.Failed(TOO_LARGE, "Message Too Large");
        }
        final ClientTransaction transaction =
            transactions.start(branch, PUBLISH, message, attempt.nextHop, this, attempt);
        if (null == transaction)
        {
            return new PublishOutcome.Failed(TRANSPORT_ERROR, "Service Unavailable (transport error)");
        }
        series.inFlight = attempt;
        wheel.cancel(series);
        return null;
    }

    private PublishOutcome onSuccess(final PublishAttempt attempt, final ReceivedResponse response, final long now)
    {
        final Series series = attempt.series;
        final int status = response.status();
        if (null == response.sipEtag() || response.expires() < 0)
        {
            series.clearRecord();
            return new PublishOutcome.Failed(INVALID_2XX, "Invalid " + status + " response: no SIP-ETag/Expires");
        }
        if (PublishAttempt.Kind.REMOVE == attempt.kind || 0 == response.expires())
        {
            series.clearRecord();
            return new PublishOutcome.Published(status, response.sipEtag(), 0);
        }
        series.etag = response.sipEtag();
        series.grantedMillis = response.expires() * MILLIS;
        series.grantedUntilMillis = now + series.grantedMillis;
        series.desiredEndMillis = attempt.desiredEndMillis;
        if (null != attempt.body)
        {
            series.body = attempt.body;
            series.contentType = attempt.contentType;
            series.tupleId = attempt.tupleId;
        }
        series.extraHeaders = attempt.extraHeaders;
        series.nextHop = attempt.nextHop;
        return new PublishOutcome.Published(status, response.sipEtag(), response.expires());
    }

    private PublishOutcome recoverFrom412(final PublishAttempt attempt, final ReceivedResponse response,
        final long now)
    {
        final Series series = attempt.series;
        final String body = null != attempt.body ? attempt.body : series.body;
        final String contentType = null != attempt.body ? attempt.contentType : series.contentType;
        series.clearRecord();
        if (null == body)
        {
            return new PublishOutcome.Failed(response.status(), response.reason());
        }
        if (Series.FOREVER != attempt.desiredEndMillis && attempt.desiredEndMillis <= now)
        {
            return new PublishOutcome.Failed(response.status(), response.reason());
        }
        counters.increment(PipelineCounter.RETRY_412.ordinal());
        final int expiresHeader = Series.FOREVER == attempt.desiredEndMillis ? config.defaultExpires() + 1
            : secondsUntil(attempt.desiredEndMillis, now) + 1;
        return send(attempt.recoveryAfter412(expiresHeader, body, contentType, attempt.tupleId));
    }

    private void finishAttempt(final PublishAttempt attempt, final PublishOutcome outcome, final long now)
    {
        attempt.finished = true;
        final Series series = attempt.series;
        if (attempt.isTimerRefresh())
        {
            if (!(outcome instanceof PublishOutcome.Published))
            {
                counters.increment(PipelineCounter.REFRESH_FAILED.ordinal());
            }
        }
        else
        {
            finishCommand(attempt.command, outcome);
        }
        if (series.hasRecord())
        {
            scheduleTimer(series, now);
        }
        advance(series);
    }

    /** Starts the next waiting commands of an idle series; drops the series when it is idle and empty. */
    private void advance(final Series series)
    {
        while (!series.isBusy())
        {
            final PublishCommand next = series.pollWaiting();
            if (null == next)
            {
                break;
            }
            runCommand(series, next);
        }
        if (!series.isBusy() && !series.hasRecord())
        {
            wheel.cancel(series);
            final List<Series> group = table.get(series.key);
            if (null != group && group.remove(series))
            {
                seriesCount--;
                if (group.isEmpty())
                {
                    table.remove(series.key);
                }
            }
            publications.add(-series.heldBytes);
            series.heldBytes = 0;
            return;
        }
        account(series);
    }

    /** Brings the series' share of the budget up to date (nothing for a series already dropped). */
    private void account(final Series series)
    {
        if (series.heldBytes > 0)
        {
            final long now = RecordSizes.series(series);
            publications.add(now - series.heldBytes);
            series.heldBytes = now;
        }
    }

    private void scheduleTimer(final Series series, final long now)
    {
        final long granted = series.grantedMillis;
        final boolean wantsMore = Series.FOREVER == series.desiredEndMillis
            || series.desiredEndMillis > series.grantedUntilMillis + config.minExpires() * MILLIS;
        if (wantsMore && granted > 0)
        {
            final long lead = Math.min(Math.max(MIN_REFRESH_LEAD_MILLIS, granted / REFRESH_LEAD_PERCENT_DIVISOR),
                granted / 2);
            series.timerIsRefresh = true;
            wheel.schedule(series, Math.max(now, series.grantedUntilMillis - lead));
        }
        else
        {
            series.timerIsRefresh = false;
            wheel.schedule(series, series.grantedUntilMillis);
        }
    }

    private void finishCommand(final PublishCommand command, final PublishOutcome outcome)
    {
        pendingCommands--;
        command.pending = false;
        command.release(commandBudget);
        if (command.isCompleted())
        {
            if (!(outcome instanceof PublishOutcome.Published))
            {
                counters.increment(PipelineCounter.RESULT_AFTER_HANDOFF_FAILED.ordinal());
            }
            return;
        }
        complete(command, outcome);
    }

    /** Completes the command once; one no longer pending gets its bytes back before its caller hears. */
    private void complete(final PublishCommand command, final PublishOutcome outcome)
    {
        if (!command.pending)
        {
            command.release(commandBudget);
        }
        if (!command.isCompleted())
        {
            counters.increment(counterOf(outcome).ordinal());
            command.completeOnce(outcome, callbackError);
        }
    }

    private static PipelineCounter counterOf(final PublishOutcome outcome)
    {
        if (outcome instanceof PublishOutcome.Published)
        {
            return PipelineCounter.PUBLISHED;
        }
        if (outcome instanceof PublishOutcome.Failed)
        {
            return PipelineCounter.PUBLISH_FAILED;
        }
        if (outcome instanceof PublishOutcome.HandedOff)
        {
            return PipelineCounter.HANDED_OFF;
        }
        if (outcome instanceof PublishOutcome.NothingToRemove)
        {
            return PipelineCounter.NOTHING_TO_REMOVE;
        }
        if (outcome instanceof PublishOutcome.WrongEtag)
        {
            return PipelineCounter.WRONG_ETAG;
        }
        if (outcome instanceof PublishOutcome.NoBodyForNewPublication)
        {
            return PipelineCounter.NO_BODY;
        }
        if (outcome instanceof PublishOutcome.NotPublishable)
        {
            return PipelineCounter.NOT_PUBLISHABLE;
        }
        if (outcome instanceof PublishOutcome.Unroutable)
        {
            return PipelineCounter.PUBLISH_UNROUTABLE;
        }
        if (outcome instanceof PublishOutcome.LimitReached)
        {
            return PipelineCounter.PUBLISH_LIMIT_REACHED;
        }
        return PipelineCounter.PUBLISH_INTERNAL;
    }

    private static int secondsUntil(final long deadlineMillis, final long now)
    {
        final long seconds = Math.max(0, deadlineMillis - now) / MILLIS;
        return (int)Math.min(seconds, Integer.MAX_VALUE - 1);
    }
}
