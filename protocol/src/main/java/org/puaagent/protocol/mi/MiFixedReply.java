package org.puaagent.protocol.mi;

import java.util.Objects;

/**
 * One of the one-line errors Kamailio's MI transports write themselves (never followed by an empty line):
 *
 * <table>
 * <caption>texts per framing</caption>
 * <tr><th>kind</th><th>FIFO</th><th>datagram</th></tr>
 * <tr><td>COMMAND_NOT_AVAILABLE</td><td>{@code 500 command 'X' not available}</td>
 *     <td>{@code 500 command not available}</td></tr>
 * <tr><td>PARSE_ERROR</td><td>{@code 400 parse error in command 'X'}</td>
 *     <td>{@code 400 parse error in command}</td></tr>
 * <tr><td>COMMAND_FAILED</td><td>{@code 500 command 'X' failed}</td><td>{@code 500 command failed}</td></tr>
 * <tr><td>INTERNAL_ERROR</td><td>{@code 500 Internal server error}</td>
 *     <td>{@code 500 Internal server error}</td></tr>
 * </table>
 *
 * <p>With a {@code null} command the FIFO texts leave out the quoted name ({@code 500 command failed} is
 * what the 4.4 FIFO writes when an asynchronous command completes without a tree). Immutable.
 *
 * @param kind    which error
 * @param command the command name, or {@code null}
 */
public record MiFixedReply(Kind kind, String command) implements MiReply
{
    /** The fixed errors. */
    public enum Kind
    {
        COMMAND_NOT_AVAILABLE(500, "command", "not available"),
        PARSE_ERROR(400, "parse error in command", ""),
        COMMAND_FAILED(500, "command", "failed"),
        INTERNAL_ERROR(500, "Internal server error", null);

        private final int code;
        private final String head;
        private final String tail;

        Kind(final int code, final String head, final String tail)
        {
            this.code = code;
            this.head = head;
            this.tail = tail;
        }
    }

    public MiFixedReply
    {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public int code()
    {
        return kind.code;
    }

    /** The line as written on this framing, including the final {@code \n}. */
    public String text(final MiFraming framing)
    {
        final StringBuilder sb = new StringBuilder(48).append(kind.code).append(' ').append(kind.head);
        if (kind.tail != null)
        {
            if (framing == MiFraming.FIFO && command != null)
            {
                sb.append(" '").append(command).append('\'');
            }
            if (!kind.tail.isEmpty())
            {
                sb.append(' ').append(kind.tail);
            }
        }
        return sb.append('\n').toString();
    }
}
