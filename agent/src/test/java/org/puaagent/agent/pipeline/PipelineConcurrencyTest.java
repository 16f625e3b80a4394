package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.puaagent.agent.pipeline.PipelineHarness.pidf;
import static org.puaagent.agent.pipeline.PipelineHarness.presence;

/** Back-pressure, shutdown, and exactly one completion per accepted command under concurrent load. */
class PipelineConcurrencyTest
{
    private static final int REQUESTS = 10_000;
    private static final int THREADS = 4;
    private static final long SEED = 20240601L;
    private static final int KINDS = 9;

    @Test
    void exactlyOneCompletionPerAcceptedCommandUnderConcurrentMixedLoad() throws Exception
    {
        final int[] kinds = new int[REQUESTS];
        final Random random = new Random(SEED);
        for (int i = 0; i < REQUESTS; i++)
        {
            kinds[i] = random.nextInt(KINDS);
        }
        final AtomicIntegerArray completions = new AtomicIntegerArray(REQUESTS);
        final AtomicReferenceArray<PublishOutcome> outcomes = new AtomicReferenceArray<>(REQUESTS);
        final AtomicInteger done = new AtomicInteger();
        // at most 2048 commands pending: the owner leaves the rest in the command queue, so that the bursts
        // stay within the UDP socket buffers of the single-threaded test server. Timer F 10 s, not the
        // harness's 2 s: on a loaded 2-core machine a burst of 10,000 may take longer than 2 s to be answered,
        // and only the scripted 'timeout' users may time out here.
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS,
            b -> b.maxPendingCommands(2048).sipTimers(new org.puaagent.agent.sip.SipTimers(500, 4000, 10_000))))
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> submitters = new ArrayList<>();
            final AtomicInteger refused = new AtomicInteger();
            for (int t = 0; t < THREADS; t++)
            {
                final int first = t;
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        start.await();
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                    for (int i = first; i < REQUESTS; i += THREADS)
                    {
                        final int index = i;
                        final PublishRequest request = request(kinds[i], i);
                        final PublishMode mode = kinds[i] == 8 ? PublishMode.HANDED_OFF : PublishMode.FINAL_REPLY;
                        while (!h.pipeline.submitPublish(request, PublishSource.RPC_PUBLISH, mode, outcome ->
                        {
                            outcomes.set(index, outcome);
                            completions.incrementAndGet(index);
                            done.incrementAndGet();
                        }))
                        {
                            refused.incrementAndGet();
                            Thread.yield();
                        }
                    }
                }, "submitter-" + t);
                submitters.add(thread);
                thread.start();
            }
            start.countDown();
            for (final Thread thread : submitters)
            {
                thread.join(TimeUnit.SECONDS.toMillis(PipelineHarness.WAIT_SECONDS));
                assertFalse(thread.isAlive(), "submitter stuck");
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.get() < REQUESTS && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            h.pipeline.close();

            final Map<String, Long> counters = h.pipeline.counters();
            for (int i = 0; i < REQUESTS; i++)
            {
                assertEquals(1, completions.get(i), "request " + i + " kind " + kinds[i] + " (seed " + SEED + ")");
                assertExpected(kinds[i], outcomes.get(i), i);
            }
            assertEquals(REQUESTS, counters.get("publish.requests"));
            long sum = 0;
            for (final Map.Entry<String, Long> entry : counters.entrySet())
            {
                if (entry.getKey().startsWith("publish.outcome."))
                {
                    sum += entry.getValue();
                }
            }
            assertEquals(REQUESTS, sum, "every request has exactly one counted outcome: " + counters);
            assertEquals(count(kinds, 1) + count(kinds, 5) + count(kinds, 7), counters.get("publish.outcome.failed"));
            assertEquals(count(kinds, 2), counters.get("publish.outcome.nothing_to_remove"));
            assertEquals(count(kinds, 3), counters.get("publish.outcome.no_body_for_new_publication"));
            assertEquals(count(kinds, 4), counters.get("publish.outcome.wrong_etag"));
            assertEquals(count(kinds, 6), counters.get("publish.outcome.not_publishable"));
            assertEquals(count(kinds, 8), counters.get("publish.outcome.handed_off"));
            assertEquals(count(kinds, 0), counters.get("publish.outcome.published"));
            assertEquals(0, counters.get("publish.outcome.internal"));
            assertEquals(refused.get(), counters.get("commands.queue_full"));
            assertEquals(countTimeouts(kinds), counters.get("sip.timeouts"));
            assertEquals(0, counters.get("pipeline.callback_errors"));
        }
    }

    @Test
    void fullQueueRefusesAtOnceAndCountsIt() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(), b -> b.commandQueueCapacity(4)))
        {
            final CountDownLatch ownerStalled = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger completed = new AtomicInteger();
            // a completion that blocks (forbidden in real code) stalls the owner thread
            assertTrue(h.pipeline.submitPublish(presence("sip:stall@example.com", 0, null, null, null),
                PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY, outcome ->
                {
                    ownerStalled.countDown();
                    try
                    {
                        release.await(PipelineHarness.WAIT_SECONDS, TimeUnit.SECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                    completed.incrementAndGet();
                }));
            assertTrue(ownerStalled.await(PipelineHarness.WAIT_SECONDS, TimeUnit.SECONDS));
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 20; i++)
            {
                if (h.pipeline.submitPublish(presence("sip:u" + i + "@example.com", 0, null, null, null),
                    PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY, outcome -> completed.incrementAndGet()))
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }
            assertEquals(4, accepted, "the queue holds its capacity");
            assertEquals(16, refused);
            assertEquals(16, h.counter("commands.queue_full"));
            release.countDown();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PipelineHarness.WAIT_SECONDS);
            while (completed.get() < 1 + accepted && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertEquals(1 + accepted, completed.get());
        }
    }

    @Test
    void closeCompletesPendingCommandsAndRefusesNewOnes() throws Exception
    {
        final PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS,
            b -> b.sipTimers(new org.puaagent.agent.sip.SipTimers(500, 4000, 60_000)));
        try
        {
            final String timeout = "sip:timeout@example.com";
            final var inFlight = h.submit(presence(timeout, 60, null, null, pidf(timeout, "open")));
            final var waiting = h.submit(presence(timeout, 60, null, null, pidf(timeout, "closed")));
            h.relay.awaitRequest(r -> "timeout".equals(r.user()), PipelineHarness.WAIT_SECONDS * 1000)
                .orElseThrow();

            h.pipeline.close();

            assertEquals(new PublishOutcome.Internal("pipeline closed"), PipelineHarness.await(inFlight));
            assertEquals(new PublishOutcome.Internal("pipeline closed"), PipelineHarness.await(waiting));
            assertFalse(h.pipeline.submitPublish(presence(timeout, 0, null, null, null), PublishSource.RPC_PUBLISH,
                PublishMode.FINAL_REPLY, outcome -> { }));
            assertEquals(1, h.counter("commands.rejected_closed"));
        }
        finally
        {
            h.close();
        }
    }

    private static PublishRequest request(final int kind, final int i)
    {
        switch (kind)
        {
            case 0:
                return presence("sip:user" + i + "@example.com", 3600, null, null, pidf("sip:u@example.com", "open"));
            case 1:
                return presence("sip:e503x" + i + "@example.com", 3600, null, null, pidf("sip:u@example.com", "open"));
            case 2:
                return presence("sip:gone" + i + "@example.com", 0, null, null, null);
            case 3:
                return presence("sip:nobody" + i + "@example.com", 3600, null, null, null);
            case 4:
                return presence("sip:user" + i + "@example.com", 3600, null, "etag-" + i, pidf("sip:u@example.com", "x"));
            case 5:
                return presence("sip:e412x" + i + "@example.com", 3600, null, null, pidf("sip:u@example.com", "open"));
            case 6:
                return new PublishRequest("sip:conf" + i + "@example.com", 60, EventPackage.CONFERENCE, null, null,
                    null, null, null, "x");
            case 7:
                return i % 50 == 7
                    ? presence("sip:timeout" + i + "@example.com", 60, null, null, pidf("sip:u@example.com", "open"))
                    : presence("sip:e503y" + i + "@example.com", 60, null, null, pidf("sip:u@example.com", "open"));
            default:
                return presence("sip:handed" + i + "@example.com", 60, null, null, pidf("sip:u@example.com", "open"));
        }
    }

    private static void assertExpected(final int kind, final PublishOutcome outcome, final int i)
    {
        final String where = "request " + i + " (seed " + SEED + ")";
        switch (kind)
        {
            case 0:
                assertInstanceOf(PublishOutcome.Published.class, outcome, where);
                break;
            case 1:
                assertEquals(503, assertInstanceOf(PublishOutcome.Failed.class, outcome, where).sipStatus(), where);
                break;
            case 2:
                assertEquals(PublishOutcome.NOTHING_TO_REMOVE, outcome, where);
                break;
            case 3:
                assertEquals(PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION, outcome, where);
                break;
            case 4:
                assertEquals(PublishOutcome.WRONG_ETAG, outcome, where);
                break;
            case 5:
                assertEquals(412, assertInstanceOf(PublishOutcome.Failed.class, outcome, where).sipStatus(), where);
                break;
            case 6:
                assertInstanceOf(PublishOutcome.NotPublishable.class, outcome, where);
                break;
            case 7:
                final int status = assertInstanceOf(PublishOutcome.Failed.class, outcome, where).sipStatus();
                assertTrue(status == 408 || status == 503, where + ": " + status);
                break;
            default:
                assertEquals(PublishOutcome.HANDED_OFF, outcome, where);
                break;
        }
    }

    private static long count(final int[] kinds, final int kind)
    {
        long n = 0;
        for (final int k : kinds)
        {
            if (k == kind)
            {
                n++;
            }
        }
        return n;
    }

    private static long countTimeouts(final int[] kinds)
    {
        long n = 0;
        for (int i = 0; i < kinds.length; i++)
        {
            if (kinds[i] == 7 && i % 50 == 7)
            {
                n++;
            }
        }
        return n;
    }
}
