package org.puaagent.agent.bench;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

/**
 * One client of the SIP-direct target: on its own thread, asks the {@link Pace} for the next request, submits
 * one PUBLISH of the presentity {@link PresentityLeases} gives it to the bench's pipeline, waits for its outcome
 * (the final SIP response, after the pipeline's own 412/423 recovery), counts it and asks again, until the pace
 * says stop. The PUBLISH is kept "forever" (pua's expires -1: the pipeline refreshes it before each expiry);
 * the first of a presentity is an initial PUBLISH, the later ones modify it (SIP-If-Match). Latencies as in
 * {@link BenchWorker}: from the submit (closed loop) or the due time (open loop) to the outcome.
 *
 * <p>Threading: {@link #run} on the worker thread; the recorders may be drained and the volatile figures read
 * from one other thread.
 */
final class SipWorker implements Runnable
{
    private static final int FOREVER = -1;

    /** What the workers of a run share: where they send, what, and where they count. Any thread. */
    record Shared(PresencePipeline pipeline, Pace pace, SipWorkload workload, BodyTemplate body,
        PresentityLeases leases, AtomicIntegerArray sequences, BenchTally warmupTally, BenchTally measuredTally,
        Map<String, LongAdder> outcomes, LongAdder initial, LongAdder modify, LongAdder duplicates,
        long timeoutNanos, CountDownLatch done)
    {
    }

    private final Shared shared;
    private final LatencyRecorders recorders = new LatencyRecorders();
    private volatile boolean busy;

    SipWorker(final Shared shared)
    {
        this.shared = shared;
    }

    @Override
    public void run()
    {
        try
        {
            Pace.Ticket ticket;
            while (null != (ticket = shared.pace().next()))
            {
                busy = true;
                publishOne(ticket);
                busy = false;
            }
        }
        finally
        {
            busy = false;
            shared.done().countDown();
        }
    }

    private void publishOne(final Pace.Ticket ticket)
    {
        final boolean measured = ticket.phase() == Pace.Phase.MEASURED;
        final BenchTally tally = measured ? shared.measuredTally() : shared.warmupTally();
        final int index = shared.leases().acquire();
        final int sequence = shared.sequences().getAndIncrement(index);
        final String presentity = shared.workload().presentity(index);
        final PublishRequest request = new PublishRequest(presentity, FOREVER, EventPackage.PRESENCE,
            EventPackage.PRESENCE.defaultContentType(), null, null, null, null,
            shared.body().render(presentity, index, sequence));
        final PublishCall call = new PublishCall(shared.duplicates());
        tally.sending();
        final long started = System.nanoTime();
        final long from = ticket.scheduled() ? ticket.intendedNanos() : started;
        if (ticket.scheduled() && measured)
        {
            recorders.sentLate(from, started);
        }
        final boolean submitted = shared.pipeline().submitPublish(request, PublishSource.RPC_PUBLISH,
            PublishMode.FINAL_REPLY, call);
        final PublishOutcome outcome = submitted ? call.await(started + shared.timeoutNanos()) : null;
        final long finished = System.nanoTime();
        shared.leases().release(index);
        final Answer answer = answer(outcome, submitted);
        tally.count(answer);
        if (!(answer instanceof Answer.Broken))
        {
            recorders.answered(measured, from, finished);
        }
        if (measured)
        {
            (0 == sequence ? shared.initial() : shared.modify()).increment();
            shared.outcomes().computeIfAbsent(label(outcome, answer), k -> new LongAdder()).increment();
            recorders.measuredEnded(finished);
        }
    }

    /** The answer for an outcome; null outcome: refused by a full queue (not submitted) or none in time. */
    private static Answer answer(final PublishOutcome outcome, final boolean submitted)
    {
        if (outcome instanceof PublishOutcome.Published)
        {
            return Answer.Reply.WITH_ETAG;
        }
        if (outcome instanceof PublishOutcome.Failed failed)
        {
            return new Answer.Fault(failed.sipStatus());
        }
        if (outcome instanceof PublishOutcome.Internal internal)
        {
            return new Answer.Broken("internal", internal.detail());
        }
        if (outcome instanceof PublishOutcome.LimitReached)
        {
            return new Answer.Fault(OutcomeLabel.LIMIT_STATUS);
        }
        if (null != outcome)
        {
            return new Answer.Fault(OutcomeLabel.REFUSED_STATUS);
        }
        return submitted ? new Answer.Broken("timeout", "no outcome within the request timeout")
            : new Answer.Broken("busy", "the pipeline refused the command (queue full or closed)");
    }

    private static String label(final PublishOutcome outcome, final Answer answer)
    {
        if (null == outcome)
        {
            return ((Answer.Broken) answer).kind();
        }
        return OutcomeLabel.of(outcome);
    }

    boolean busy()
    {
        return busy;
    }

    LatencyRecorders recorders()
    {
        return recorders;
    }
}
