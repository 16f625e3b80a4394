package org.puaagent.protocol.mi;

import java.util.List;
import java.util.Objects;

/**
 * A tree reply: {@code <code> <reason>} then the nodes depth-first (see {@link MiReplyWriter}).
 * Immutable.
 *
 * @param code   the root code (200, 202, 400, ...)
 * @param reason the root reason text ("OK", "accepted", "Unknown event", ...)
 * @param nodes  the top-level nodes
 */
public record MiTreeReply(int code, String reason, List<MiNode> nodes) implements MiReply
{
    public MiTreeReply
    {
        Objects.requireNonNull(reason, "reason");
        nodes = List.copyOf(nodes);
    }

    /** A reply without nodes, e.g. {@code 202 accepted} or {@code 400 Unknown event}. */
    public static MiTreeReply of(final int code, final String reason)
    {
        return new MiTreeReply(code, reason, List.of());
    }
}
