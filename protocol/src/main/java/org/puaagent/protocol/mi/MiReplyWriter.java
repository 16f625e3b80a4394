package org.puaagent.protocol.mi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes MI replies as Kamailio 4.x's mi_fifo / mi_datagram do (mi-fifo.md sections 1.2 and 2).
 *
 * <p>A tree reply is {@code <code> <reason>\n}, then one line per node, depth-first: {@code indent} once per
 * level, {@code name:: } when the node has a name, the value when it has one, {@code  name=value} per
 * attribute, {@code \n}. The FIFO adds a final empty line; the datagram transport does not. Values are
 * written as they are (a value containing a line break spreads over several lines, as in Kamailio).
 * {@link MiFixedReply} lines are written as given by {@link MiFixedReply#text(MiFraming)}.
 *
 * <p>Immutable: any thread.
 */
public final class MiReplyWriter
{
    /** Kamailio's default {@code reply_indent}. */
    public static final String DEFAULT_INDENT = "\t";

    private static final int INITIAL_CAPACITY = 128;

    private final String indent;

    /** A writer with the default indentation (one TAB per level). */
    public MiReplyWriter()
    {
        this(DEFAULT_INDENT);
    }

    /** A writer with the given {@code reply_indent} (may be empty). */
    public MiReplyWriter(final String indent)
    {
        this.indent = Objects.requireNonNull(indent, "indent");
    }

    /** The reply as UTF-8 bytes. */
    public byte[] encode(final MiReply reply, final MiFraming framing)
    {
        return text(reply, framing).getBytes(StandardCharsets.UTF_8);
    }

    /** The reply text. */
    public String text(final MiReply reply, final MiFraming framing)
    {
        if (reply instanceof MiFixedReply fixed)
        {
            return fixed.text(framing);
        }
        final MiTreeReply tree = (MiTreeReply) reply;
        final StringBuilder sb = new StringBuilder(INITIAL_CAPACITY);
        sb.append(tree.code()).append(' ').append(tree.reason()).append('\n');
        writeNodes(sb, tree.nodes(), 0);
        if (framing == MiFraming.FIFO)
        {
            sb.append('\n');
        }
        return sb.toString();
    }

    private void writeNodes(final StringBuilder sb, final List<MiNode> nodes, final int level)
    {
        for (final MiNode node : nodes)
        {
            for (int i = 0; i < level; i++)
            {
                sb.append(indent);
            }
            if (node.name() != null)
            {
                sb.append(node.name()).append(":: ");
            }
            if (node.value() != null)
            {
                sb.append(node.value());
            }
            for (final MiNode.MiAttribute attribute : node.attributes())
            {
                sb.append(' ').append(attribute.name()).append('=').append(attribute.value());
            }
            sb.append('\n');
            writeNodes(sb, node.kids(), level + 1);
        }
    }
}
