package org.puaagent.protocol.mi;

import java.util.ArrayList;
import java.util.List;

/**
 * Client side: reads an MI reply text (as {@link MiReplyWriter} or Kamailio 4.x write it) back into a tree.
 *
 * <p>The first line is {@code <code> <reason>}; each following line is one node whose depth is the number
 * of {@code indent} prefixes; {@code name:: value} is split at the first {@code ":: "}. The reply ends at
 * an empty line (FIFO) or at the end of the text (datagram, and the FIFO's one-line errors, which are read
 * as trees without nodes). The text format is ambiguous where Kamailio's is: a value containing a line
 * break or {@code ":: "} does not come back unchanged, and attributes stay part of the value.
 *
 * <p>Stateless: any thread.
 */
public final class MiReplyParser
{
    /** The outcome of {@link #parse}. Immutable. */
    public sealed interface Result permits Parsed, Malformed
    {
    }

    /**
     * A reply read successfully.
     *
     * @param reply      the tree
     * @param terminated whether the final empty line (FIFO tree replies) was present
     */
    public record Parsed(MiTreeReply reply, boolean terminated) implements Result
    {
    }

    /** Text that is not an MI reply; {@code reason} says why. */
    public record Malformed(String reason) implements Result
    {
    }

    private static final String NAME_SEPARATOR = ":: ";
    private static final int MAX_CODE_DIGITS = 9;

    private MiReplyParser()
    {
    }

    /** Parses a reply written with the default indentation (TAB). */
    public static Result parse(final String text)
    {
        return parse(text, MiReplyWriter.DEFAULT_INDENT);
    }

    /** Parses a reply written with {@code indent} per level (must not be empty for nested replies). */
    public static Result parse(final String text, final String indent)
    {
        final int firstEnd = text.indexOf('\n');
        if (firstEnd < 0)
        {
            return new Malformed("no complete first line");
        }
        final int space = text.indexOf(' ');
        if (space <= 0 || space > firstEnd || space > MAX_CODE_DIGITS)
        {
            return new Malformed("first line is not '<code> <reason>'");
        }
        int code = 0;
        for (int i = 0; i < space; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return new Malformed("code is not a number");
            }
            code = code * 10 + (c - '0');
        }
        final String reason = text.substring(space + 1, firstEnd);

        final List<List<MiNode>> levels = new ArrayList<>();
        final List<NodeDraft> open = new ArrayList<>();
        levels.add(new ArrayList<>());
        int pos = firstEnd + 1;
        boolean terminated = false;
        while (pos < text.length())
        {
            final int end = text.indexOf('\n', pos);
            if (end < 0)
            {
                return new Malformed("last line has no line end");
            }
            if (end == pos)
            {
                if (end + 1 != text.length())
                {
                    return new Malformed("text after the final empty line");
                }
                terminated = true;
                break;
            }
            int level = 0;
            int p = pos;
            while (!indent.isEmpty() && text.startsWith(indent, p) && p < end)
            {
                level++;
                p += indent.length();
            }
            if (level > open.size())
            {
                return new Malformed("node indented deeper than its parent allows");
            }
            closeTo(level, open, levels);
            final String content = text.substring(p, end);
            final int split = content.indexOf(NAME_SEPARATOR);
            final NodeDraft draft = split >= 0
                ? new NodeDraft(content.substring(0, split), content.substring(split + NAME_SEPARATOR.length()))
                : new NodeDraft(null, content);
            open.add(draft);
            levels.add(new ArrayList<>());
            pos = end + 1;
        }
        closeTo(0, open, levels);
        return new Parsed(new MiTreeReply(code, reason, levels.get(0)), terminated);
    }

    /** Finishes open nodes until only {@code level} remain open. */
    private static void closeTo(final int level, final List<NodeDraft> open, final List<List<MiNode>> levels)
    {
        while (open.size() > level)
        {
            final NodeDraft draft = open.remove(open.size() - 1);
            final List<MiNode> kids = levels.remove(levels.size() - 1);
            levels.get(levels.size() - 1).add(MiNode.of(draft.name, draft.value, kids));
        }
    }

    /** A node whose kids are still being read. */
    private record NodeDraft(String name, String value)
    {
    }
}
