package org.puaagent.agent.bench;

/**
 * What one request of the load generator got back. Immutable.
 */
public sealed interface Answer permits Answer.Reply, Answer.Fault, Answer.Broken
{
    /**
     * A successful reply.
     *
     * @param hasEtag whether the reply carried a {@code SIP-ETag} member (the final-reply publish's 200)
     */
    record Reply(boolean hasEtag) implements Answer
    {
        static final Reply WITH_ETAG = new Reply(true);
        static final Reply WITHOUT_ETAG = new Reply(false);
    }

    /** A fault (binrpc fault, JSON-RPC error object). */
    record Fault(int code) implements Answer
    {
    }

    /**
     * No usable answer: the connection failed, timed out, or the answer was not readable. The connection is
     * closed; the next request opens a new one.
     *
     * @param kind a short stable label for counting ({@code connect}, {@code closed}, {@code timeout},
     *             {@code io}, {@code protocol})
     * @param detail what happened, for the first occurrence's message
     */
    record Broken(String kind, String detail) implements Answer
    {
    }
}
