package org.puaagent.protocol.mi;

/**
 * An MI reply: a tree ({@link MiTreeReply}) or one of the fixed one-line errors the MI transport writes by
 * itself ({@link MiFixedReply}). {@link MiReplyWriter} turns either into bytes. Immutable.
 */
public sealed interface MiReply permits MiTreeReply, MiFixedReply
{
    /** The numeric code of the first line. */
    int code();
}
