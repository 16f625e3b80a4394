package org.puaagent.agent.runtime;

/**
 * How much of the heap what clients and peers send may take: one limit in bytes for every store that grows
 * with input, and the most requests in one JSON-RPC batch. The defaults are shares of the JVM's maximum heap
 * ({@link #forHeap}), so that together they take under half of any heap (about 470 MiB of the 1 GiB that
 * {@code make run} gives; docs/limits.md has the table, the estimates per record and the measurements).
 * Immutable; any thread.
 *
 * @param publicationBytes   publication series held by the pipeline owner (records with their last bodies); a new
 *                           publication beyond it is refused, changes of existing ones may go 1/8 above it
 * @param subscriptionBytes  subscriptions held by the owner (dialogs, last notified state, retired Call-IDs); a
 *                           new subscription beyond it is refused
 * @param commandBytes       commands submitted and not yet finished by the owner (queued, waiting in their series,
 *                           in flight with the copies of their bodies); a submit beyond it is answered 503 at once
 * @param sipAnswerBytes     final responses kept for retransmitted requests (Timer J); the oldest go first
 * @param resolverCacheBytes next hops resolved from URIs; the least recently used go first
 * @param eventBufferBytes   notifications kept by the hub for readers; the oldest are released early (a gap)
 * @param webhookQueueBytes  notifications waiting for one webhook; the oldest are dropped
 * @param jsonrpcBatch       requests in one JSON-RPC batch at most; a larger batch gets one error reply
 */
public record Limits(
    long publicationBytes,
    long subscriptionBytes,
    long commandBytes,
    long sipAnswerBytes,
    long resolverCacheBytes,
    long eventBufferBytes,
    long webhookQueueBytes,
    int jsonrpcBatch)
{
    /** Share of the maximum heap for publications by default: a quarter. */
    public static final int PUBLICATION_HEAP_DIVISOR = 4;
    /** Share of the maximum heap for subscriptions by default: a sixteenth. */
    public static final int SUBSCRIPTION_HEAP_DIVISOR = 16;
    /** Share of the maximum heap for pending commands by default: a sixteenth. */
    public static final int COMMAND_HEAP_DIVISOR = 16;
    /** Share of the maximum heap for the SIP answers kept for retransmissions: a 64th. */
    public static final int SIP_ANSWER_HEAP_DIVISOR = 64;
    /** Share of the maximum heap for the resolver cache: a 1024th. */
    public static final int RESOLVER_HEAP_DIVISOR = 1024;
    /** Share of the maximum heap for the notification buffer: a sixteenth. */
    public static final int EVENT_BUFFER_HEAP_DIVISOR = 16;
    /** Share of the maximum heap for the queue of one webhook: a 128th. */
    public static final int WEBHOOK_QUEUE_HEAP_DIVISOR = 128;
    /** Requests in one JSON-RPC batch by default. */
    public static final int DEFAULT_JSONRPC_BATCH = 1000;
    /** No default byte limit is smaller than this, whatever the heap. */
    public static final long MIN_DEFAULT_BYTES = 64 * ByteSize.KIB;
    /** Above this share of the heap (in percent) the limits leave G1 too little room: the agent warns. */
    public static final int WARN_HEAP_PERCENT = 75;

    private static final int PERCENT = 100;

    public Limits
    {
        positive("publicationBytes", publicationBytes);
        positive("subscriptionBytes", subscriptionBytes);
        positive("commandBytes", commandBytes);
        positive("sipAnswerBytes", sipAnswerBytes);
        positive("resolverCacheBytes", resolverCacheBytes);
        positive("eventBufferBytes", eventBufferBytes);
        positive("webhookQueueBytes", webhookQueueBytes);
        positive("jsonrpcBatch", jsonrpcBatch);
    }

    /** The defaults for this JVM's maximum heap ({@code -Xmx}, or the JVM's own choice without it). */
    public static Limits defaults()
    {
        return forHeap(Runtime.getRuntime().maxMemory());
    }

    /** The defaults for a maximum heap of {@code maxHeapBytes}: each limit its share of it. */
    public static Limits forHeap(final long maxHeapBytes)
    {
        return new Limits(share(maxHeapBytes, PUBLICATION_HEAP_DIVISOR), share(maxHeapBytes, SUBSCRIPTION_HEAP_DIVISOR),
            share(maxHeapBytes, COMMAND_HEAP_DIVISOR), share(maxHeapBytes, SIP_ANSWER_HEAP_DIVISOR),
            share(maxHeapBytes, RESOLVER_HEAP_DIVISOR), share(maxHeapBytes, EVENT_BUFFER_HEAP_DIVISOR),
            share(maxHeapBytes, WEBHOOK_QUEUE_HEAP_DIVISOR), DEFAULT_JSONRPC_BATCH);
    }

    /**
     * Every byte limit as large as the whole heap, the JSON-RPC batch limit the default: for the load generator
     * and the memory bench, whose pipelines measure how far the heap itself goes.
     */
    public static Limits wholeHeap(final long maxHeapBytes)
    {
        final long all = Math.max(MIN_DEFAULT_BYTES, maxHeapBytes);
        return new Limits(all, all, all, all, all, all, all, DEFAULT_JSONRPC_BATCH);
    }

    /** What every byte limit adds up to with {@code webhooks} webhooks configured (each has its own queue). */
    public long totalBytes(final int webhooks)
    {
        return publicationBytes + subscriptionBytes + commandBytes + sipAnswerBytes + resolverCacheBytes
            + eventBufferBytes + webhookQueueBytes * Math.max(0, webhooks);
    }

    /** Whether the limits take more than {@value #WARN_HEAP_PERCENT}% of a heap of {@code maxHeapBytes}. */
    public boolean tooLargeFor(final long maxHeapBytes, final int webhooks)
    {
        return totalBytes(webhooks) > maxHeapBytes / PERCENT * WARN_HEAP_PERCENT;
    }

    /** One line for the start-up banner: each limit and the sum against the heap. */
    public String describe(final long maxHeapBytes, final int webhooks)
    {
        return "limits: publications " + ByteSize.format(publicationBytes) + ", subscriptions "
            + ByteSize.format(subscriptionBytes) + ", commands " + ByteSize.format(commandBytes) + ", events buffer "
            + ByteSize.format(eventBufferBytes) + ", webhook queue " + ByteSize.format(webhookQueueBytes) + " x "
            + webhooks + ", SIP answers " + ByteSize.format(sipAnswerBytes) + ", resolver cache "
            + ByteSize.format(resolverCacheBytes) + ": " + ByteSize.format(totalBytes(webhooks)) + " of the "
            + ByteSize.format(maxHeapBytes) + " heap; JSON-RPC batches up to " + jsonrpcBatch + " requests";
    }

    /** A builder starting from {@code from}. */
    public static Builder builder(final Limits from)
    {
        return new Builder(from);
    }

    private static long share(final long maxHeapBytes, final int divisor)
    {
        return Math.max(MIN_DEFAULT_BYTES, maxHeapBytes / divisor);
    }

    private static void positive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** Changes some limits of a {@link Limits}. Not thread-safe. */
    public static final class Builder
    {
        private long publicationBytes;
        private long subscriptionBytes;
        private long commandBytes;
        private long sipAnswerBytes;
        private long resolverCacheBytes;
        private long eventBufferBytes;
        private long webhookQueueBytes;
        private int jsonrpcBatch;

        private Builder(final Limits from)
        {
            publicationBytes = from.publicationBytes;
            subscriptionBytes = from.subscriptionBytes;
            commandBytes = from.commandBytes;
            sipAnswerBytes = from.sipAnswerBytes;
            resolverCacheBytes = from.resolverCacheBytes;
            eventBufferBytes = from.eventBufferBytes;
            webhookQueueBytes = from.webhookQueueBytes;
            jsonrpcBatch = from.jsonrpcBatch;
        }

        public Builder publicationBytes(final long value)
        {
            publicationBytes = value;
            return this;
        }

        public Builder subscriptionBytes(final long value)
        {
            subscriptionBytes = value;
            return this;
        }

        public Builder commandBytes(final long value)
        {
            commandBytes = value;
            return this;
        }

        public Builder sipAnswerBytes(final long value)
        {
            sipAnswerBytes = value;
            return this;
        }

        public Builder resolverCacheBytes(final long value)
        {
            resolverCacheBytes = value;
            return this;
        }

        public Builder eventBufferBytes(final long value)
        {
            eventBufferBytes = value;
            return this;
        }

        public Builder webhookQueueBytes(final long value)
        {
            webhookQueueBytes = value;
            return this;
        }

        public Builder jsonrpcBatch(final int value)
        {
            jsonrpcBatch = value;
            return this;
        }

        public Limits build()
        {
            return new Limits(publicationBytes, subscriptionBytes, commandBytes, sipAnswerBytes, resolverCacheBytes,
                eventBufferBytes, webhookQueueBytes, jsonrpcBatch);
        }
    }
}
