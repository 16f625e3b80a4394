package org.puaagent.protocol.mi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client side: writes MI requests that {@link MiFifoDecoder} / {@link MiDatagramDecoder} (and Kamailio 4.x)
 * read back as the same values.
 *
 * <p>A value is written bare when that is unambiguous, else quoted with {@code "} and {@code \"} for each
 * {@code "}. Quoted are: the empty value, values containing {@code ::}, {@code "} or {@code \n}, and
 * values with a leading or trailing blank (space, tab, CR, LF). A {@code null} value is written as the line
 * {@code ::} (an absent value, what pua_mi reports as "Empty ...").
 *
 * <p>Three kinds of value cannot be written at all, see {@link #problem(String, MiFraming)}: the syntax has
 * no way to express them. {@link #fifo} and {@link #datagram} reject them with an
 * {@link IllegalArgumentException}; check first when the values come from outside.
 *
 * <p>Stateless: any thread.
 */
public final class MiRequestEncoder
{
    /** Why a value cannot be written as an MI parameter. */
    public enum Problem
    {
        /** Contains an empty line ({@code \n\n}): an empty line ends a FIFO request. */
        EMPTY_LINE,
        /** Needs quotes and starts with {@code "}: 4.4 does not unescape a {@code \"} at the start. */
        LEADING_QUOTE,
        /** Needs quotes and ends with {@code \}: the closing quote would read as escaped. */
        TRAILING_BACKSLASH,
        /** Datagram only: contains {@code \n} (a quoted value must close on its own line). */
        LINE_BREAK_IN_DATAGRAM
    }

    private static final int INITIAL_CAPACITY = 256;

    private MiRequestEncoder()
    {
    }

    /**
     * The FIFO request {@code :command:replyFifo\n}, one line per value, and the final empty line.
     *
     * @throws IllegalArgumentException for a command or reply name the syntax cannot carry, or a value
     *                                  with a {@link Problem}
     */
    public static byte[] fifo(final String command, final String replyFifo, final List<String> values)
    {
        checkCommand(command);
        if (replyFifo.indexOf('.') >= 0 || replyFifo.indexOf('/') >= 0 || replyFifo.indexOf('\\') >= 0
            || hasLineBreak(replyFifo))
        {
            throw new IllegalArgumentException("reply fifo name not allowed: " + replyFifo);
        }
        final StringBuilder sb = new StringBuilder(INITIAL_CAPACITY);
        sb.append(':').append(command).append(':').append(replyFifo).append('\n');
        appendValues(sb, values, MiFraming.FIFO);
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The datagram request {@code :command:\n} and one line per value.
     *
     * @throws IllegalArgumentException as {@link #fifo}
     */
    public static byte[] datagram(final String command, final List<String> values)
    {
        checkCommand(command);
        final StringBuilder sb = new StringBuilder(INITIAL_CAPACITY);
        sb.append(':').append(command).append(":\n");
        appendValues(sb, values, MiFraming.DATAGRAM);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Why {@code value} cannot be sent on this framing, or {@code null} when it can. */
    public static Problem problem(final String value, final MiFraming framing)
    {
        if (value == null || value.isEmpty() || !needsQuotes(value))
        {
            return null;
        }
        if (value.contains("\n\n"))
        {
            return Problem.EMPTY_LINE;
        }
        if (value.charAt(0) == '"')
        {
            return Problem.LEADING_QUOTE;
        }
        if (value.charAt(value.length() - 1) == '\\')
        {
            return Problem.TRAILING_BACKSLASH;
        }
        if (framing == MiFraming.DATAGRAM && value.indexOf('\n') >= 0)
        {
            return Problem.LINE_BREAK_IN_DATAGRAM;
        }
        return null;
    }

    /** Whether {@code value} must be quoted to come back unchanged. */
    public static boolean needsQuotes(final String value)
    {
        if (value.isEmpty())
        {
            return true;
        }
        if (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))
        {
            return true;
        }
        return value.indexOf('"') >= 0 || value.contains("::") || value.indexOf('\n') >= 0;
    }

    private static void appendValues(final StringBuilder sb, final List<String> values, final MiFraming framing)
    {
        for (final String value : values)
        {
            if (value == null)
            {
                sb.append("::\n");
                continue;
            }
            final Problem problem = problem(value, framing);
            if (problem != null)
            {
                throw new IllegalArgumentException("value cannot be written (" + problem + ")");
            }
            if (needsQuotes(value))
            {
                sb.append('"').append(value.replace("\"", "\\\"")).append('"');
            }
            else
            {
                sb.append(value);
            }
            sb.append('\n');
        }
    }

    private static void checkCommand(final String command)
    {
        if (command.isEmpty() || command.indexOf(':') >= 0 || hasLineBreak(command)
            || isBlank(command.charAt(command.length() - 1)))
        {
            throw new IllegalArgumentException("command name not allowed: " + command);
        }
    }

    private static boolean hasLineBreak(final String s)
    {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    private static boolean isBlank(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
