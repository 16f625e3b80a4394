package org.puaagent.protocol.jsonrpc;

import java.util.Objects;

/**
 * What {@link FifoFramer} produced: a complete document, bytes it rejected, or nothing yet. Immutable (a
 * {@link Document}'s array belongs to the receiver).
 */
public sealed interface FifoFrame permits FifoFrame.Document, FifoFrame.Rejected, FifoFrame.NeedMore
{
    /**
     * One complete JSON document: the bytes from its first <code>{</code> to the matching <code>}</code>, both
     * included (nothing before or after, so nothing to trim). The array is a fresh copy owned by the receiver.
     */
    record Document(byte[] json) implements FifoFrame
    {
    }

    /**
     * Bytes that are not a document to run, reported once each.
     *
     * @param reason    why they were dropped
     * @param replyName the {@code "reply_name"} found in them ({@link ReplyNameScanner}), or null: where the client
     *                  can be answered
     */
    record Rejected(Reason reason, String replyName) implements FifoFrame
    {
        public Rejected
        {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why bytes were rejected. */
    enum Reason
    {
        /**
         * The start of a document that never ended (a writer killed mid-write, a lone <code>{</code>), dropped when
         * a complete document was found after it or when the caller abandoned it.
         */
        TRUNCATED,
        /** A document longer than the maximum: what was read of it is dropped and the rest skipped. */
        OVERSIZED,
        /** A complete document holding a NUL byte (Kamailio's parser would stop there). */
        NUL,
        /**
         * The first byte of a run of bytes outside any document that are not white space (an unbalanced
         * <code>}</code>, text, NUL); the rest of the run is skipped silently.
         */
        GARBAGE
    }

    /** All input was consumed without completing a document. */
    enum NeedMore implements FifoFrame
    {
        INSTANCE
    }
}
