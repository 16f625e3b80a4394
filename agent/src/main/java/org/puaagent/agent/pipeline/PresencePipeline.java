package org.puaagent.agent.pipeline;

import org.jctools.queues.MpscArrayQueue;
import org.puaagent.agent.sip.AnsweredRequests;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.SipStatistics;
import org.puaagent.agent.sip.TimerWheel;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The PUBLISH/SUBSCRIBE pipeline: the agent's only way to SIP. Transports (through the dispatcher) submit
 * commands; one owner thread keeps the publication table and the subscription dialogs, sends
 * PUBLISH/SUBSCRIBE over its own UDP endpoint, answers NOTIFYs and hands them to the notification sink,
 * runs the transaction timers and refreshes, and completes every accepted command exactly once.
 *
 * <p>What the owner holds is bounded in bytes ({@link PipelineConfig#limits()}): publications and subscriptions
 * (a new one beyond the limit is answered {@code LimitReached}), the commands submitted and not yet finished
 * with their bodies (a submit beyond the limit returns false at once, like a full queue), the SIP answers kept
 * for retransmissions and the resolver cache (the oldest are evicted).
 *
 * <p>Threading: {@link #submitPublish}, {@link #submitSubscribe}, {@link #submitUnsubscribe},
 * {@link #querySubscriptions}, {@link #querySubscription}, {@link #counters()},
 * {@link #sipAddress()} and {@link #close()}: any thread; they never block on SIP (close waits for the owner
 * thread to finish). Completions run on the owner thread and must not block.
 */
public final class PresencePipeline implements AutoCloseable
{
    private static final int WHEEL_SLOTS = 512;
    private static final long JOIN_MILLIS = 5000;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int QUERY_QUEUE_CAPACITY = 1024;
    /** Timer J over UDP is 64 * T1 (RFC 3261 17.2.2). */
    private static final int TIMER_J_T1_MULTIPLE = 64;

    private final MpscArrayQueue<Object> commands;
    private final MpscArrayQueue<SubscriptionQuery> queries;
    private final CommandBudget commandBudget;
    private final PipelineConfig config;
    private final Counters counters;
    private final SipStatistics sipStatistics;
    private final SipEndpoint endpoint;
    private final PipelineOwner owner;
    private final Thread ownerThread;
    private final AtomicInteger submitting = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean accepting = true;

    private PresencePipeline(final PipelineConfig config) throws IOException
    {
        this.commands = new MpscArrayQueue<>(config.commandQueueCapacity());
        this.queries = new MpscArrayQueue<>(QUERY_QUEUE_CAPACITY);
        this.commandBudget = new CommandBudget(config.limits().commandBytes());
        this.config = config;
        this.counters = new Counters(PipelineCounter.names());
        this.sipStatistics = new SipStatistics();
        this.endpoint = SipEndpoint.open(config.listen(), sipStatistics);
        try
        {
            final LongSupplier clock = () -> System.nanoTime() / NANOS_PER_MILLI;
            final TimerWheel wheel = new TimerWheel(config.timerTickMillis(), WHEEL_SLOTS, clock.getAsLong(),
                () -> counters.increment(PipelineCounter.INTERNAL_ERRORS.ordinal()));
            final InetSocketAddress local = endpoint.localAddress();
            final String host = null != config.advertisedHost() ? config.advertisedHost() : advertisedHost(local);
            final ClientTransactions transactions =
                new ClientTransactions(endpoint::send, wheel, config.sipTimers(), sipStatistics, clock,
                    config.acceptResponsesFrom());
            final SipRequestWriter writer = new SipRequestWriter(host, local.getPort(), config.userAgent());
            final SipIdentifiers identifiers = new SipIdentifiers(host);
            final DestinationResolver resolver = new DestinationResolver(config.limits().resolverCacheBytes(),
                () -> counters.increment(PipelineCounter.RESOLVER_EVICTED.ordinal()));
            final Publisher publisher = new Publisher(config, wheel, transactions, writer, identifiers, resolver,
                counters, clock, commandBudget);
            final Subscriber subscriber = new Subscriber(config, wheel, transactions, writer, identifiers, resolver,
                counters, clock, "sip:" + host + ":" + local.getPort(), commandBudget);
            final RequestAnswerer answerer = new RequestAnswerer(endpoint, sipStatistics, counters, identifiers,
                subscriber::onNotify, config.userAgent(),
                new AnsweredRequests(TIMER_J_T1_MULTIPLE * config.sipTimers().t1Millis(),
                    config.limits().sipAnswerBytes()), clock);
            this.owner = new PipelineOwner(commands, queries, endpoint, wheel, transactions, publisher, subscriber, answerer,
                resolver, counters, clock, submitting, config, endpoint::close);
            this.ownerThread = new Thread(owner, "pua-pipeline");
            this.ownerThread.setDaemon(true);
        }
        catch (final RuntimeException ex)
        {
            endpoint.close();
            throw ex;
        }
    }

    /**
     * Binds the SIP endpoint and starts the owner thread.
     *
     * @throws IOException when the SIP socket cannot be bound
     * @throws IllegalArgumentException when the default outbound proxy is not usable
     */
    public static PresencePipeline start(final PipelineConfig config) throws IOException
    {
        final PresencePipeline pipeline = new PresencePipeline(config);
        pipeline.ownerThread.start();
        return pipeline;
    }

    /**
     * Submits a publish. Never blocks.
     *
     * @param request    the validated command
     * @param source     which command family (separate series per source)
     * @param mode       when to complete
     * @param completion called exactly once on the owner thread when {@code true} is returned; must not block
     * @return false when the command queue is full (in entries or in bytes) or the pipeline is closed (nothing
     *         will be called; the caller answers "busy")
     */
    public boolean submitPublish(final PublishRequest request, final PublishSource source, final PublishMode mode,
        final Consumer<PublishOutcome> completion)
    {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(completion, "completion");
        final PublishCommand command = new PublishCommand(request, source, mode, completion);
        return submit(command, command.charge);
    }

    /**
     * Submits a subscribe. Never blocks.
     *
     * @param request    the validated command
     * @param completion called exactly once on the owner thread when {@code true} is returned; must not block
     * @return false when the command queue is full or the pipeline is closed
     */
    public boolean submitSubscribe(final SubscribeRequest request, final Consumer<SubscribeOutcome> completion)
    {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(completion, "completion");
        final SubscribeCommand command = new SubscribeCommand(request, false, completion);
        return submit(command, command.charge);
    }

    /**
     * Submits an unsubscribe ({@code pua.unsubscribe}): an in-dialog SUBSCRIBE with Expires 0, completed
     * with its final outcome ({@code Subscribed} with state {@code terminated}), or {@code NoSuchSubscription}.
     * Never blocks.
     *
     * @return false when the command queue is full or the pipeline is closed
     */
    public boolean submitUnsubscribe(final String presentity, final String watcher, final EventPackage event,
        final Consumer<SubscribeOutcome> completion)
    {
        Objects.requireNonNull(completion, "completion");
        final SubscribeCommand command =
            new SubscribeCommand(new SubscribeRequest(presentity, watcher, event, 0), true, completion);
        return submit(command, command.charge);
    }

    /**
     * Asks the owner for every subscription (in creation order). Never blocks; queries do not wait behind
     * SIP commands.
     *
     * @param answer called once on the owner thread when {@code true} is returned; must not block
     * @return false when the query queue is full or the pipeline is closed
     */
    public boolean querySubscriptions(final Consumer<List<SubscriptionView>> answer)
    {
        Objects.requireNonNull(answer, "answer");
        return query(new SubscriptionQuery.ListAll(answer));
    }

    /**
     * Asks the owner for one subscription by (presentity, watcher, event). Never blocks.
     *
     * @param answer called once on the owner thread when {@code true} is returned (empty: no such
     *               subscription); must not block
     * @return false when the query queue is full or the pipeline is closed
     */
    public boolean querySubscription(final String presentity, final String watcher, final EventPackage event,
        final Consumer<Optional<SubscriptionView>> answer)
    {
        Objects.requireNonNull(presentity, "presentity");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(answer, "answer");
        return query(new SubscriptionQuery.FindOne(presentity, watcher, event, answer));
    }

    /**
     * The selector the owner thread selects on once per duty cycle and waits on when idle; stream listeners may
     * register with it and serve their ready keys through {@link #addDuty}, so that they run on the owner thread.
     * Any thread.
     */
    public java.nio.channels.Selector selector()
    {
        return endpoint.selector();
    }

    /**
     * Adds work the owner thread runs in each duty cycle, after the cycle's select and before it takes commands;
     * it must never block nor select, and returns the amount of work done (0: none). Any thread.
     */
    public void addDuty(final java.util.function.IntSupplier duty)
    {
        owner.addDuty(duty);
    }

    /**
     * A snapshot of the counters, by name (sorted): requests, outcomes, retries, refreshes, queue full, SIP
     * status classes and codes, retransmissions, timeouts, strays, and a few gauges. Any thread.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        counters.snapshotInto("", snapshot);
        sipStatistics.snapshotInto(snapshot);
        snapshot.put("commands.queued", (long)commands.size());
        snapshot.put("commands.bytes", commandBudget.used());
        snapshot.put("commands.bytes_limit", commandBudget.limit());
        snapshot.put("publish.bytes_limit", config.limits().publicationBytes());
        snapshot.put("subscribe.bytes_limit", config.limits().subscriptionBytes());
        snapshot.put("sip.requests.answers_bytes_limit", config.limits().sipAnswerBytes());
        snapshot.put("sip.resolver.bytes_limit", config.limits().resolverCacheBytes());
        return snapshot;
    }

    /** The bound SIP address (the real port when an ephemeral one was asked for). Any thread. */
    public InetSocketAddress sipAddress()
    {
        return endpoint.localAddress();
    }

    /**
     * Stops accepting commands, completes every pending one with {@code Internal("pipeline closed")}, stops
     * the owner thread and closes the SIP socket. Any thread; idempotent. Called from a completion (the owner
     * thread) it only asks the owner to stop and returns at once.
     */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        accepting = false;
        owner.requestStop();
        if (Thread.currentThread() == ownerThread)
        {
            return;
        }
        try
        {
            ownerThread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
    }

    private boolean query(final SubscriptionQuery query)
    {
        submitting.incrementAndGet();
        try
        {
            if (!accepting)
            {
                counters.increment(PipelineCounter.REJECTED_CLOSED.ordinal());
                return false;
            }
            if (!queries.offer(query))
            {
                counters.increment(PipelineCounter.QUERY_QUEUE_FULL.ordinal());
                return false;
            }
        }
        finally
        {
            submitting.decrementAndGet();
        }
        owner.wake();
        return true;
    }

    /** Reserves the command's bytes, then offers it; gives the bytes back when it is not taken. */
    private boolean submit(final Object command, final long charge)
    {
        submitting.incrementAndGet();
        try
        {
            if (!accepting)
            {
                counters.increment(PipelineCounter.REJECTED_CLOSED.ordinal());
                return false;
            }
            if (!commandBudget.tryReserve(charge))
            {
                counters.increment(PipelineCounter.COMMAND_BYTES_FULL.ordinal());
                return false;
            }
            if (!commands.offer(command))
            {
                commandBudget.release(charge);
                counters.increment(PipelineCounter.QUEUE_FULL.ordinal());
                return false;
            }
        }
        finally
        {
            submitting.decrementAndGet();
        }
        owner.wake();
        return true;
    }

    private static String advertisedHost(final InetSocketAddress local)
    {
        if (local.getAddress().isAnyLocalAddress())
        {
            return "127.0.0.1";
        }
        final String host = local.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
