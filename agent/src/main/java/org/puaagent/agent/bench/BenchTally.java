package org.puaagent.agent.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests of one phase as they are sent, and their answers by kind: successful replies, replies
 * without the expected {@code SIP-ETag}, faults by code, broken requests by kind (with the first detail seen of
 * each). Any thread.
 */
final class BenchTally
{
    private final boolean expectsEtag;
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder withoutEtag = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Map<Integer, LongAdder> faults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> broken = new ConcurrentHashMap<>();
    private final Map<String, String> firstDetail = new ConcurrentHashMap<>();

    BenchTally(final boolean expectsEtag)
    {
        this.expectsEtag = expectsEtag;
    }

    /** A request is about to be sent (counted before its answer, so that a lost answer shows). */
    void sending()
    {
        sent.increment();
    }

    void count(final Answer answer)
    {
        if (!(answer instanceof Answer.Broken))
        {
            answered.increment();
        }
        if (answer instanceof Answer.Reply reply)
        {
            if (reply.hasEtag() || !expectsEtag)
            {
                ok.increment();
            }
            else
            {
                withoutEtag.increment();
                failures.increment();
            }
        }
        else if (answer instanceof Answer.Fault fault)
        {
            faults.computeIfAbsent(fault.code(), c -> new LongAdder()).increment();
            failures.increment();
        }
        else
        {
            final Answer.Broken b = (Answer.Broken) answer;
            broken.computeIfAbsent(b.kind(), k -> new LongAdder()).increment();
            firstDetail.putIfAbsent(b.kind(), b.detail());
            failures.increment();
        }
    }

    long sent()
    {
        return sent.sum();
    }

    long ok()
    {
        return ok.sum();
    }

    /** Replies and faults. */
    long answered()
    {
        return answered.sum();
    }

    long withoutEtag()
    {
        return withoutEtag.sum();
    }

    /** Everything that is not ok. */
    long failures()
    {
        return failures.sum();
    }

    Map<Integer, Long> faults()
    {
        final Map<Integer, Long> snapshot = new TreeMap<>();
        faults.forEach((code, n) -> snapshot.put(code, n.sum()));
        return snapshot;
    }

    Map<String, Long> broken()
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        broken.forEach((kind, n) -> snapshot.put(kind, n.sum()));
        return snapshot;
    }

    Map<String, String> firstDetails()
    {
        return new TreeMap<>(firstDetail);
    }
}
