package org.puaagent.agent.pipeline;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.puaagent.agent.runtime.Fatal;
import org.puaagent.agent.sip.ClientTransaction;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.ReceivedRequest;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipEvent;
import org.puaagent.agent.sip.TimerWheel;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The owner thread's duty cycle (Agrona style): each cycle fires due timers, selects once without waiting
 * ({@link SipEndpoint#selectNow}), reads and handles the datagrams waiting on the SIP socket when it is ready
 * ({@link SipEndpoint#poll}: no receive thread, no queue), runs its duties, answers the queued
 * subscription queries and takes a bounded batch of commands (none while
 * {@link PipelineConfig#maxPendingCommands()} commands are pending), then idles when there was no work: it
 * spins for {@value #SPIN_NANOS} ns (not at all while commands come from other threads), then waits in the
 * endpoint's selector (which a datagram ends by itself) until the next timer tick.
 * Listeners can share the owner's selector and thread: each cycle then also polls them ({@link #addDuty}), and
 * their sockets end the owner's wait like the SIP socket does.
 * Producers wake a waiting owner ({@link #wake()}: a selector wake-up only while it waits). On stop it waits
 * for submitters that are inside a submit, completes every command still pending with {@code Internal}, and
 * runs {@code onStopped} (closing the SIP socket).
 * <p>Every unit of work (a command, a SIP event, a query, a duty, the timers of a cycle) runs inside a catch of
 * {@link Throwable}: an ordinary exception is counted ({@code pipeline.internal_errors}) and the owner goes on;
 * an {@link Error} (OutOfMemoryError, StackOverflowError, also one thrown by a completion, a notification sink
 * or inside a JCTools drain) ends the process at once ({@link Fatal#check}), because an owner that lost its
 * thread would leave a process that accepts requests and answers none.
 * Everything but {@link #wake()}, {@link #addDuty} and {@link #requestStop()}: owner thread only.
 */
final class PipelineOwner implements Runnable
{
    /**
     * Datagrams read from the SIP socket per duty cycle at most (the rest are read in the next cycles: the socket
     * stays selected while datagrams wait). One read per cycle costs far more: a select per datagram
     * (agent/BENCH-NOTES.md). It also bounds what a flood of datagrams can do to commands: after this many reads
     * the owner takes its commands; garbage, responses to no live branch and (beyond a ration) requests for no
     * known dialog are dropped before they are copied or parsed ({@link #screen}, docs/sip-security.md).
     */
    private static final int SIP_READS_PER_CYCLE = 1024;
    /**
     * How long the owner keeps spinning (one select per empty duty cycle) after its last work before it waits in
     * the selector. By time, not by a count of cycles: a cycle is a system call whose cost changes with the
     * channels on the selector. 50 µs covers the round trip to a presence server on the same host, so one client
     * at a time costs no wake-up per request (14,300 against 8,000 req/s with 20 spins, which spun about 15 µs);
     * under load the owner seldom idles and it makes no difference (agent/BENCH-NOTES.md). This long spin is for
     * work that comes to the owner itself: requests it reads from the listeners on its own selector (binrpc with
     * {@code --transport-thread pipeline}) and SIP.
     */
    private static final long SPIN_NANOS = 50_000L;
    /**
     * The spin when commands came from other threads in the last 10 ms (Undertow's I/O threads, the FIFO
     * readers, binrpc listeners on threads of their own): none. Those threads need the CPU a spin would take, on a
     * 2-core machine most of all. Measured with HTTP at 16 and 128 clients: about 31,000 and 40,000 req/s with the
     * 50 µs spin against 35,500-37,100 and 45,400-46,300 with a 3 µs one, and 3 % more again with none
     * (docs/measurements.md).
     */
    private static final long SHORT_SPIN_NANOS = 0L;
    /** How long after a command from another thread the owner keeps spinning briefly. */
    private static final long FOREIGN_WINDOW_NANOS = 10_000_000L;
    private static final long MAX_WAIT_MILLIS = 100L;
    private static final String CLOSED = "pipeline closed";

    private final MpscArrayQueue<Object> commands;
    private final MpscArrayQueue<SubscriptionQuery> queries;
    private final SipEndpoint endpoint;
    private final TimerWheel wheel;
    private final ClientTransactions transactions;
    private final Publisher publisher;
    private final Subscriber subscriber;
    private final RequestAnswerer answerer;
    private final DestinationResolver resolver;
    private final Counters counters;
    private final LongSupplier clock;
    private final AtomicInteger submitting;
    private final int batchLimit;
    private final int maxPending;
    private final long tickMillis;
    private final Runnable onStopped;
    private volatile boolean running = true;
    private volatile boolean parked;
    /** A command was submitted from a thread other than the owner since the owner last idled. */
    private volatile boolean foreignWork;
    /** The owner thread (set when it starts). */
    private volatile Thread ownerThread;
    /** Owner thread: the spin of the current idle period. */
    private long spinNanos = SPIN_NANOS;
    /** Owner thread: when it last saw a command from another thread. */
    private long foreignSeenNanos = Long.MIN_VALUE / 2;
    /** Work polled in every duty cycle (listeners on the owner's selector); copied on write. */
    private volatile IntSupplier[] duties = new IntSupplier[0];
    private boolean idling;
    private long idleSince;
    /** Whether the selected keys are those of a select that ended a wait, not yet served. */
    private boolean selectedByWait;
    private final MessagePassingQueue.Consumer<Object> commandHandler = this::onCommand;
    private final SipEndpoint.Sink sipEventHandler = this::onSipEvent;
    private final MessagePassingQueue.Consumer<SubscriptionQuery> queryHandler = this::onQuery;
    private final SipEndpoint.Screen screen = new SipEndpoint.Screen()
    {
        @Override
        public boolean mayBeLiveBranch(final ByteBuffer datagram, final int start, final int end)
        {
            return transactions.mayBeLive(datagram, start, end);
        }

        @Override
        public boolean mayBeKnownDialog(final ByteBuffer datagram, final int start, final int end)
        {
            return subscriber.mayKnowDialog(datagram, start, end);
        }
    };

    PipelineOwner(final MpscArrayQueue<Object> commands, final MpscArrayQueue<SubscriptionQuery> queries,
        final SipEndpoint endpoint,
        final TimerWheel wheel, final ClientTransactions transactions, final Publisher publisher,
        final Subscriber subscriber, final RequestAnswerer answerer, final DestinationResolver resolver,
        final Counters counters, final LongSupplier clock, final AtomicInteger submitting, final PipelineConfig config,
        final Runnable onStopped)
    {
        this.commands = commands;
        this.queries = queries;
        this.endpoint = endpoint;
        this.wheel = wheel;
        this.transactions = transactions;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.answerer = answerer;
        this.resolver = resolver;
        this.counters = counters;
        this.clock = clock;
        this.submitting = submitting;
        this.batchLimit = config.commandBatchLimit();
        this.maxPending = config.maxPendingCommands();
        this.tickMillis = config.timerTickMillis();
        this.onStopped = onStopped;
    }

    @Override
    public void run()
    {
        ownerThread = Thread.currentThread();
        while (running)
        {
            final int work = doWork();
            try
            {
                idle(work);
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            }
        }
        try
        {
            shutDown();
        }
        finally
        {
            onStopped.run();
        }
    }

    /** Asks the loop to stop. Any thread. */
    void requestStop()
    {
        running = false;
        endpoint.wakeUp();
    }

    /**
     * Adds work the owner polls in every duty cycle, after the cycle's select and before it takes commands (a
     * listener serving the keys of its own that the select found ready: {@code StreamServer#serveSelected}); it
     * must never block nor select, and returns the amount of work done. Any thread.
     */
    synchronized void addDuty(final IntSupplier duty)
    {
        final IntSupplier[] now = duties;
        final IntSupplier[] next = java.util.Arrays.copyOf(now, now.length + 1);
        next[now.length] = duty;
        duties = next;
        endpoint.wakeUp();
    }

    /**
     * Wakes the owner if it waits in the selector, and notes a command from another thread (the owner then spins
     * only briefly when it next idles). Any thread; cheap when the owner does not wait.
     */
    void wake()
    {
        if (!foreignWork && Thread.currentThread() != ownerThread)
        {
            foreignWork = true;
        }
        if (parked)
        {
            endpoint.wakeUp();
        }
    }

    /** One duty cycle. @return the amount of work done */
    int doWork()
    {
        int work = 0;
        try
        {
            work += wheel.expire(clock.getAsLong());
            if (!selectedByWait)
            {
                endpoint.selectNow();
            }
            selectedByWait = false;
            work += endpoint.poll(sipEventHandler, screen, SIP_READS_PER_CYCLE);
            for (final IntSupplier duty : duties)
            {
                work += runDuty(duty);
            }
            work += queries.drain(queryHandler, batchLimit);
            final int budget = Math.min(batchLimit,
                maxPending - publisher.pendingCommands() - subscriber.pendingCommands());
            if (budget > 0)
            {
                work += commands.drain(commandHandler, budget);
            }
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            work++;
        }
        if (work > 0)
        {
            counters.set(PipelineCounter.PENDING.ordinal(),
                publisher.pendingCommands() + subscriber.pendingCommands());
            counters.set(PipelineCounter.SERIES.ordinal(), publisher.seriesCount());
            counters.set(PipelineCounter.TRANSACTIONS.ordinal(), transactions.size());
            counters.set(PipelineCounter.PUBLICATION_BYTES.ordinal(), publisher.heldBytes());
            counters.set(PipelineCounter.SUBSCRIPTION_BYTES.ordinal(), subscriber.heldBytes());
            counters.set(PipelineCounter.REQUEST_ANSWER_BYTES.ordinal(), answerer.keptBytes());
            counters.set(PipelineCounter.RESOLVER_BYTES.ordinal(), resolver.cachedBytes());
        }
        return work;
    }

    /** One duty, on its own: a listener that fails does not keep the owner from its commands. */
    private int runDuty(final IntSupplier duty)
    {
        try
        {
            return duty.getAsInt();
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            return 1;
        }
    }

    private void onCommand(final Object command)
    {
        try
        {
            if (command instanceof PublishCommand)
            {
                publisher.onCommand((PublishCommand)command);
            }
            else
            {
                subscriber.onCommand((SubscribeCommand)command);
            }
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
            reject(command, "internal error: " + failure, false);
        }
    }

    private void onQuery(final SubscriptionQuery query)
    {
        try
        {
            subscriber.onQuery(query);
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
        }
    }

    private void onSipEvent(final SipEvent event)
    {
        try
        {
            if (event instanceof ReceivedResponse)
            {
                transactions.onResponse((ReceivedResponse)event);
            }
            else
            {
                answerer.onRequest((ReceivedRequest)event);
            }
        }
        catch (final Throwable failure)
        {
            Fatal.check(failure);
            counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal());
        }
    }

    private void idle(final int work)
    {
        if (work > 0)
        {
            idling = false;
            return;
        }
        final long now = System.nanoTime();
        if (!idling)
        {
            idling = true;
            idleSince = now;
            if (foreignWork)
            {
                foreignWork = false;
                foreignSeenNanos = now;
            }
            spinNanos = now - foreignSeenNanos < FOREIGN_WINDOW_NANOS ? SHORT_SPIN_NANOS : SPIN_NANOS;
        }
        if (now - idleSince < spinNanos)
        {
            Thread.onSpinWait();
        }
        else
        {
            parked = true;
            if (running && commands.isEmpty() && queries.isEmpty())
            {
                endpoint.await(0 == wheel.size() ? MAX_WAIT_MILLIS : tickMillis);
                selectedByWait = true;
            }
            parked = false;
        }
    }

    private void shutDown()
    {
        while (submitting.get() != 0)
        {
            Thread.yield();
        }
        Object command;
        while (null != (command = commands.relaxedPoll()))
        {
            reject(command, CLOSED, true);
        }
        final List<ClientTransaction> aborted = transactions.abortAll();
        publisher.abandonAll(aborted, CLOSED);
        subscriber.abandonAll(CLOSED);
        SubscriptionQuery query;
        while (null != (query = queries.relaxedPoll()))
        {
            onQuery(query);
        }
    }

    /** Completes a command with {@code Internal} unless it was completed; gives its bytes back unless pending. */
    private void reject(final Object command, final String why, final boolean countRequest)
    {
        if (command instanceof PublishCommand)
        {
            publisher.reject((PublishCommand)command, why, countRequest);
        }
        else if (command instanceof SubscribeCommand)
        {
            subscriber.reject((SubscribeCommand)command, why, countRequest);
        }
    }
}
