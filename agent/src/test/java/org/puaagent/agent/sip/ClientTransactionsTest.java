package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3261 non-INVITE client transaction timing on a hand-driven clock. */
class ClientTransactionsTest
{
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5070);
    private static final byte[] REQUEST = "PUBLISH".getBytes();

    private final List<Long> sends = new ArrayList<>();
    private final List<String> ends = new ArrayList<>();
    private final SipStatistics statistics = new SipStatistics();
    private long now = 0;
    private boolean sendWorks = true;
    private final TimerWheel wheel = new TimerWheel(10, 512, 0, () -> { });
    private final ClientTransactions transactions = new ClientTransactions((bytes, to) ->
    {
        sends.add(now);
        return sendWorks;
    }, wheel, SipTimers.RFC_3261, statistics, () -> now);

    private final TransactionUser user = new TransactionUser()
    {
        @Override
        public void onFinalResponse(final ClientTransaction transaction, final ReceivedResponse response)
        {
            ends.add(response.status() + "@" + now);
        }

        @Override
        public void onTimeout(final ClientTransaction transaction)
        {
            ends.add("timeout@" + now);
        }
    };

    @Test
    void retransmitsAtT1DoublingToT2AndTimesOutAtTimerF()
    {
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        runUntil(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L),
            sends);
        assertEquals(List.of("timeout@32000"), ends);
        assertEquals(10, statistics.get(SipStatistics.RETRANSMISSIONS));
        assertEquals(1, statistics.get(SipStatistics.TIMEOUTS));
        assertEquals(0, transactions.size());
    }

    @Test
    void finalResponseEndsTheTransactionAndLateCopiesAreStrays()
    {
        final ClientTransaction transaction = transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, "ctx");
        assertSame("ctx", transaction.context());
        runUntil(700);
        assertTrue(transactions.onResponse(response("b1", "PUBLISH", 200)));
        assertFalse(transactions.onResponse(response("b1", "PUBLISH", 200)), "retransmitted 200");
        runUntil(40_000);
        assertEquals(List.of(0L, 500L), sends);
        assertEquals(List.of("200@700"), ends);
        assertEquals(1, statistics.get(SipStatistics.STRAY_RESPONSES));
        assertEquals(1, statistics.statusCount(200));
        assertTrue(transaction.isTerminated());
    }

    @Test
    void provisionalResponseMovesRetransmissionsToT2()
    {
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        runUntil(100);
        assertTrue(transactions.onResponse(response("b1", "PUBLISH", 100)));
        runUntil(13_000);
        assertEquals(List.of(0L, 4100L, 8100L, 12_100L), sends);
        assertTrue(ends.isEmpty());
    }

    @Test
    void responsesMatchBranchAndMethod()
    {
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        assertFalse(transactions.onResponse(response("b1", "SUBSCRIBE", 200)));
        assertFalse(transactions.onResponse(response("b2", "PUBLISH", 200)));
        assertFalse(transactions.onResponse(response(null, "PUBLISH", 200)));
        assertEquals(3, statistics.get(SipStatistics.STRAY_RESPONSES));
        assertTrue(transactions.onResponse(response("b1", "PUBLISH", 412)));
        assertEquals(List.of("412@0"), ends);
    }

    @Test
    void aFailedFirstSendKeepsNothing()
    {
        sendWorks = false;
        assertNull(transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null));
        assertEquals(0, transactions.size());
        assertEquals(0, wheel.size());
    }

    @Test
    void abortAllEndsEverythingWithoutCallingUsers()
    {
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        transactions.start("b2", "SUBSCRIBE", REQUEST, SERVER, user, null);
        assertEquals(2, transactions.abortAll().size());
        runUntil(40_000);
        assertTrue(ends.isEmpty());
        assertEquals(2, sends.size());
    }

    @Test
    void aResponseFromAnotherPortIsAStrayAndTheRealOneStillEndsTheTransaction()
    {
        final InetSocketAddress forger = new InetSocketAddress("127.0.0.1", 5071);
        final ClientTransaction transaction = transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        assertFalse(transactions.onResponse(response("b1", "PUBLISH", 100, forger)), "a forged 100");
        assertFalse(transactions.onResponse(response("b1", "PUBLISH", 200, forger)), "a forged 200");
        assertFalse(transactions.onResponse(response("b1", "PUBLISH", 200,
            new InetSocketAddress("127.0.0.2", SERVER.getPort()))), "the right port on another address");
        assertFalse(transaction.isTerminated());
        runUntil(600);
        assertEquals(List.of(0L, 500L), sends, "Timer E goes on: the forged 100 did not move it to T2");
        assertTrue(transactions.onResponse(response("b1", "PUBLISH", 200, SERVER)));
        assertEquals(List.of("200@600"), ends);
        assertEquals(3, statistics.get(SipStatistics.RESPONSES_WRONG_SOURCE));
        assertEquals(0, statistics.get(SipStatistics.STRAY_RESPONSES));
        assertEquals(1, statistics.get(SipStatistics.RESPONSES_RECEIVED));
        assertEquals(0, statistics.statusCount(100), "forged responses are not counted as statuses");
    }

    @Test
    void withAnySourceAResponseFromElsewhereIsTaken()
    {
        final ClientTransactions relaxed = new ClientTransactions((bytes, to) -> true, wheel, SipTimers.RFC_3261,
            statistics, () -> now, ResponseSources.ANY);
        relaxed.start("b9", "PUBLISH", REQUEST, SERVER, user, null);
        assertTrue(relaxed.onResponse(response("b9", "PUBLISH", 200, new InetSocketAddress("127.0.0.1", 5071))));
        assertEquals(List.of("200@0"), ends);
        assertEquals(0, statistics.get(SipStatistics.RESPONSES_WRONG_SOURCE));
    }

    @Test
    void liveBranchesAreKnownBeforeParsingAndForgottenAtTheEnd()
    {
        final ByteBuffer b1 = ByteBuffer.wrap("b1".getBytes(StandardCharsets.US_ASCII));
        assertFalse(transactions.mayBeLive(b1, 0, 2));
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        assertTrue(transactions.mayBeLive(b1, 0, 2));
        assertTrue(transactions.onResponse(response("b1", "PUBLISH", 200)));
        assertFalse(transactions.mayBeLive(b1, 0, 2), "ended");
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        runUntil(40_000);
        assertFalse(transactions.mayBeLive(b1, 0, 2), "timed out");
        transactions.start("b1", "PUBLISH", REQUEST, SERVER, user, null);
        transactions.abortAll();
        assertFalse(transactions.mayBeLive(b1, 0, 2), "aborted");
    }

    private void runUntil(final long until)
    {
        while (now < until)
        {
            now++;
            wheel.expire(now);
        }
    }

    private static ReceivedResponse response(final String branch, final String method, final int status)
    {
        return response(branch, method, status, SERVER);
    }

    private static ReceivedResponse response(final String branch, final String method, final int status,
        final InetSocketAddress source)
    {
        return new ReceivedResponse(status, "x", branch, method, "call", null, -1, -1, source);
    }
}
