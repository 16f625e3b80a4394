package org.puaagent.protocol.jsonrpc;

/**
 * What {@link FifoFramer#decode} produced: a complete document, the notice that a document was too large, or
 * nothing yet. Immutable (a {@link Document}'s array belongs to the receiver).
 */
public sealed interface FifoFrame permits FifoFrame.Document, FifoFrame.TooLarge, FifoFrame.NeedMore
{
    /**
     * One complete JSON document: the bytes from its first <code>{</code> to the matching <code>}</code>, both
     * included (nothing before or after, so nothing to trim). The array is a fresh copy owned by the receiver.
     */
    record Document(byte[] json) implements FifoFrame
    {
    }

    /**
     * A document grew past {@code maxDocumentSize} bytes without ending: what was read of it is dropped, and the
     * rest of it is skipped up to its closing brace (Kamailio logs "input data too large" and then parses the rest
     * as new input). Reported once per oversized document.
     */
    record TooLarge(int maxDocumentSize) implements FifoFrame
    {
    }

    /** All input was consumed without completing a document. */
    enum NeedMore implements FifoFrame
    {
        INSTANCE
    }
}
