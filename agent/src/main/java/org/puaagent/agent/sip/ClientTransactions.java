package org.puaagent.agent.sip;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The lean non-INVITE client transaction layer: a table keyed by Via branch, timers on the owner's
 * {@link TimerWheel}, sends through the {@link SipEndpoint}. Responses are matched by branch and CSeq
 * method (RFC 3261 section 17.1.3) and, unless {@link ResponseSources#ANY} is configured, by source: a
 * response from another address than the one its request was sent to is counted
 * ({@link SipStatistics#RESPONSES_WRONG_SOURCE}) and changes nothing (docs/sip-security.md). 1xx only move
 * Timer E to T2; the first final response ends the transaction and is handed to its {@link TransactionUser}.
 * The live branches are also kept as hashes ({@link TokenHashes}) for {@link #mayBeLive}, the check a response
 * gets before it is parsed. Not thread-safe: owner thread only.
 */
public final class ClientTransactions
{
    /** Sends a message; false on an I/O error. */
    @FunctionalInterface
    public interface Sender
    {
        boolean send(byte[] message, InetSocketAddress destination);
    }

    private final Map<String, ClientTransaction> byBranch = new HashMap<>();
    private final TokenHashes liveBranches = new TokenHashes();
    private final ResponseSources responseSources;
    private final Sender sender;
    private final TimerWheel wheel;
    private final SipTimers timers;
    private final SipStatistics statistics;
    private final LongSupplier clock;

    /**
     * Takes responses only from the address each request was sent to ({@link ResponseSources#NEXT_HOP}).
     *
     * @param sender     the UDP send path
     * @param wheel      the owner's timer wheel
     * @param timers     T1, T2, Timer F
     * @param statistics where retransmissions, timeouts, strays and statuses are counted
     * @param clock      the owner's clock in milliseconds (the wheel's clock)
     */
    public ClientTransactions(final Sender sender, final TimerWheel wheel, final SipTimers timers,
        final SipStatistics statistics, final LongSupplier clock)
    {
        this(sender, wheel, timers, statistics, clock, ResponseSources.NEXT_HOP);
    }

    /**
     * @param sender          the UDP send path
     * @param wheel           the owner's timer wheel
     * @param timers          T1, T2, Timer F
     * @param statistics      where retransmissions, timeouts, strays and statuses are counted
     * @param clock           the owner's clock in milliseconds (the wheel's clock)
     * @param responseSources from where responses are taken
     */
    public ClientTransactions(final Sender sender, final TimerWheel wheel, final SipTimers timers,
        final SipStatistics statistics, final LongSupplier clock, final ResponseSources responseSources)
    {
        this.responseSources = Objects.requireNonNull(responseSources, "responseSources");
        this.sender = sender;
        this.wheel = wheel;
        this.timers = timers;
        this.statistics = statistics;
        this.clock = clock;
    }

    /**
     * Sends a request and starts its transaction.
     *
     * @param branch      the Via branch written in {@code message}
     * @param method      the request method (matched against the response's CSeq)
     * @param message     the request bytes (kept for retransmissions)
     * @param destination the next hop
     * @param user        who receives the end of the transaction
     * @param context     anything the user wants back
     * @return the transaction, or {@code null} when the first send failed (nothing is kept)
     */
    public ClientTransaction start(final String branch, final String method, final byte[] message,
        final InetSocketAddress destination, final TransactionUser user, final Object context)
    {
        if (!sender.send(message, destination))
        {
            return null;
        }
        statistics.increment(SipStatistics.REQUESTS_SENT);
        final ClientTransaction transaction = new ClientTransaction(
            this, branch, method, message, destination, user, context, clock.getAsLong(), timers);
        if (null != byBranch.put(branch, transaction))
        {
            throw new IllegalStateException("branch in use: " + branch);
        }
        liveBranches.add(TokenHashes.hash(branch));
        wheel.schedule(transaction, transaction.nextDueMillis());
        return transaction;
    }

    /**
     * Matches a response to its transaction.
     *
     * @return false when no transaction matches (a stray, counted) or the response comes from another address
     *         than its request went to (counted; the transaction goes on)
     */
    public boolean onResponse(final ReceivedResponse response)
    {
        final String branch = response.branch();
        final ClientTransaction transaction = null == branch ? null : byBranch.get(branch);
        if (null == transaction || !transaction.method().equals(response.cseqMethod()))
        {
            statistics.increment(SipStatistics.STRAY_RESPONSES);
            return false;
        }
        if (ResponseSources.NEXT_HOP == responseSources && !transaction.destination().equals(response.source()))
        {
            statistics.increment(SipStatistics.RESPONSES_WRONG_SOURCE);
            return false;
        }
        statistics.increment(SipStatistics.RESPONSES_RECEIVED);
        statistics.countStatus(response.status());
        if (response.isProvisional())
        {
            transaction.onProvisional(clock.getAsLong(), timers.t2Millis());
            wheel.schedule(transaction, transaction.nextDueMillis());
            return true;
        }
        end(transaction);
        transaction.user().onFinalResponse(transaction, response);
        return true;
    }

    /**
     * Whether a response whose top Via branch is {@code datagram[start, end)} may match a live transaction (no:
     * it certainly matches none). Allocation-free ({@link SipEndpoint.Screen#mayBeLiveBranch}).
     */
    public boolean mayBeLive(final ByteBuffer datagram, final int start, final int end)
    {
        return liveBranches.contains(TokenHashes.hash(datagram, start, end));
    }

    /** The number of live transactions. */
    public int size()
    {
        return byBranch.size();
    }

    /**
     * Ends every live transaction without calling its user (shutdown).
     *
     * @return the transactions that were live, for the caller to settle
     */
    public List<ClientTransaction> abortAll()
    {
        final List<ClientTransaction> live = new ArrayList<>(byBranch.values());
        for (final ClientTransaction transaction : live)
        {
            end(transaction);
        }
        return live;
    }

    void onTimer(final ClientTransaction transaction)
    {
        if (transaction.isTerminated())
        {
            return;
        }
        final long now = clock.getAsLong();
        if (transaction.isTimedOut(now))
        {
            statistics.increment(SipStatistics.TIMEOUTS);
            end(transaction);
            transaction.user().onTimeout(transaction);
            return;
        }
        if (now >= transaction.nextDueMillis())
        {
            statistics.increment(SipStatistics.RETRANSMISSIONS);
            sender.send(transaction.message(), transaction.destination());
            transaction.advanceRetransmission(now, timers.t2Millis());
        }
        wheel.schedule(transaction, transaction.nextDueMillis());
    }

    private void end(final ClientTransaction transaction)
    {
        transaction.terminate();
        wheel.cancel(transaction);
        if (byBranch.remove(transaction.branch()) == transaction)
        {
            liveBranches.remove(TokenHashes.hash(transaction.branch()));
        }
    }
}
