package org.puaagent.protocol.mi;

import java.nio.ByteBuffer;

/**
 * Decoder for one Kamailio 4.x MI datagram request (mi-fifo.md section 2): a first line
 * {@code :command:\n} (nothing between the second {@code :} and the {@code \n}), then parameter lines up
 * to the end of the datagram, with the FIFO's parameter syntax except that a quoted value must close on
 * its own line.
 *
 * <p>Lines of only blanks are skipped anywhere, an empty line included, so a FIFO-style request with its
 * final empty line decodes the same. A bad first line gives {@link MiDecodeError.Kind#BAD_COMMAND_LINE}
 * with the reply {@code 500 command not available} (what 4.4 sends: it does not tell a malformed line
 * from an unknown command); a parameter error gives {@code 400 parse error in command}. A datagram longer
 * than {@value #MAX_DATAGRAM_BYTES} bytes (Kamailio's receive buffer) is refused with the parse error
 * reply.
 *
 * <p>Stateless: any thread.
 */
public final class MiDatagramDecoder
{
    /** Kamailio's MI datagram buffer size. */
    public static final int MAX_DATAGRAM_BYTES = 65457;

    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final int DETAIL_LIMIT = 80;

    private MiDatagramDecoder()
    {
    }

    /** Decodes the datagram between position and limit (the buffer is not modified). */
    public static MiDecoded decode(final ByteBuffer datagram)
    {
        final byte[] b = new byte[datagram.remaining()];
        datagram.get(datagram.position(), b);
        return decode(b, 0, b.length);
    }

    /** Decodes {@code b[offset, offset + length)}. */
    public static MiDecoded decode(final byte[] b, final int offset, final int length)
    {
        final int to = offset + length;
        final int nl = length == 0 ? -1 : MiParameterParser.indexOf(b, LF, offset, to);
        final int separator = nl < 0 || b[offset] != COLON ? -1 : MiParameterParser.indexOf(b, COLON, offset + 1, nl);
        if (separator <= offset + 1 || separator != nl - 1)
        {
            return new MiDecodeError(MiDecodeError.Kind.BAD_COMMAND_LINE, null, null,
                "first line is not ':command:': "
                    + MiParameterParser.utf8(b, offset, Math.min(to, offset + DETAIL_LIMIT)),
                new MiFixedReply(MiFixedReply.Kind.COMMAND_NOT_AVAILABLE, null));
        }
        final String command = MiParameterParser.utf8(b, offset + 1, separator);
        if (length > MAX_DATAGRAM_BYTES)
        {
            return new MiDecodeError(MiDecodeError.Kind.PARAMETERS_TOO_LONG, command, null,
                "datagram longer than " + MAX_DATAGRAM_BYTES + " bytes",
                new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
        }
        final MiParameterParser.Outcome outcome = new MiParameterParser(false).parse(b, nl + 1, to);
        if (outcome.error != null)
        {
            return new MiDecodeError(MiDecodeError.Kind.PARSE_ERROR, command, null, outcome.error,
                new MiFixedReply(MiFixedReply.Kind.PARSE_ERROR, command));
        }
        return new MiRequest(command, null, outcome.nodes);
    }
}
