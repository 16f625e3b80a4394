package org.puaagent.agent.memory;

import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits new publications of presentities {@code sip:mem<i>@127.0.0.1} to a pipeline, at most {@code rate} a
 * second and {@code window} unanswered at once, and counts their final outcomes. {@link #publish}: one thread at
 * a time (the caller's; it blocks); the counters are updated by the pipeline's owner thread.
 */
public final class PublicationLoad
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long RETRY_PARK_NANOS = 1_000_000L;
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"";
    private static final String TUPLE = "\">\n<tuple id=\"mem\"><status><basic>open</basic></status><note>";
    private static final String TAIL = "</note></tuple>\n</presence>\n";
    private static final String PAD = "publication held by pua-agent for the memory figure. ";

    private final PresencePipeline pipeline;
    private final MemoryOptions options;
    private final String note;
    private final Semaphore window;
    private final AtomicLong published = new AtomicLong();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();

    public PublicationLoad(final PresencePipeline pipeline, final MemoryOptions options)
    {
        this.pipeline = pipeline;
        this.options = options;
        this.window = new Semaphore(options.window());
        final int fixed = HEAD.length() + presentity(options.publications() / 2).length() + TUPLE.length()
            + TAIL.length();
        final StringBuilder b = new StringBuilder();
        while (b.length() < options.bodyBytes() - fixed)
        {
            b.append(PAD, 0, Math.min(PAD.length(), options.bodyBytes() - fixed - b.length()));
        }
        this.note = b.toString();
    }

    /** The presentity of publication {@code i}. */
    public static String presentity(final int i)
    {
        return "sip:mem" + i + "@127.0.0.1";
    }

    /**
     * Publishes {@code from} (inclusive) to {@code to} (exclusive) and waits for their outcomes.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which it stops submitting and waiting
     * @return whether every submitted publication was answered before the deadline
     * @throws InterruptedException when interrupted
     */
    public boolean publish(final int from, final int to, final long deadlineNanos) throws InterruptedException
    {
        final long start = System.nanoTime();
        final long interval = NANOS_PER_SECOND / options.rate();
        for (int i = from; i < to; i++)
        {
            final long due = start + (i - from) * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(wait);
            }
            if (!window.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS))
            {
                return false;
            }
            final String presentity = presentity(i);
            final PublishRequest request = new PublishRequest(presentity, options.expires(), EventPackage.PRESENCE,
                EventPackage.PRESENCE.defaultContentType(), null, null, null, null,
                HEAD + presentity + TUPLE + note + TAIL);
            while (!pipeline.submitPublish(request, PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY,
                this::onOutcome))
            {
                if (System.nanoTime() > deadlineNanos)
                {
                    window.release();
                    return false;
                }
                LockSupport.parkNanos(RETRY_PARK_NANOS);
            }
        }
        final long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !window.tryAcquire(options.window(), left, TimeUnit.NANOSECONDS))
        {
            return false;
        }
        window.release(options.window());
        return true;
    }

    /** Publications answered with a 2xx and an ETag. */
    public long published()
    {
        return published.get();
    }

    /** Publications that ended otherwise, by outcome. */
    public Map<String, Long> failed()
    {
        final Map<String, Long> copy = new TreeMap<>();
        failed.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void onOutcome(final PublishOutcome outcome)
    {
        if (outcome instanceof PublishOutcome.Published)
        {
            published.incrementAndGet();
        }
        else
        {
            final String kind = outcome instanceof PublishOutcome.Failed f
                ? "failed " + f.sipStatus() : outcome.getClass().getSimpleName();
            failed.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
        window.release();
    }
}
