package org.puaagent.protocol.mi;

import java.util.Objects;

/**
 * A request the decoder could not turn into an {@link MiRequest}, with what (if anything) to answer.
 *
 * <p>{@code reply} is what Kamailio 4.4 writes back in that situation, or {@code null} when it writes
 * nothing (on the FIFO no reply is possible before a valid command line has named the reply fifo). The
 * transport sends it to {@code replyFifo} (FIFO; nothing when that is {@code null} or empty) or to the
 * datagram's source address.
 *
 * <p>Immutable.
 *
 * @param kind      what went wrong
 * @param command   the command name when the command line was valid, else {@code null}
 * @param replyFifo the reply fifo name when known (FIFO), else {@code null}
 * @param detail    a short human-readable description for logs (never sent to the client)
 * @param reply     the reply to send, or {@code null}
 */
public record MiDecodeError(Kind kind, String command, String replyFifo, String detail, MiFixedReply reply)
    implements MiDecoded
{
    /** The kinds of decoding failure. */
    public enum Kind
    {
        /** The first line is not {@code :command:reply_fifo} (FIFO: no reply; datagram: "not available"). */
        BAD_COMMAND_LINE,
        /** FIFO: no end of line within the command line limit; no reply. */
        COMMAND_LINE_TOO_LONG,
        /** A parameter line breaks the MI syntax: reply "400 parse error in command". */
        PARSE_ERROR,
        /** The parameter lines exceed the size limit: reply "400 parse error in command" as well. */
        PARAMETERS_TOO_LONG,
        /** FIFO: a NUL byte in the request: reply "400 parse error in command" (when the reply fifo is usable). */
        NUL_BYTE,
        /**
         * FIFO: a request whose end never came, dropped by {@link MiFifoDecoder#abandon}: reply "400 parse error in
         * command" when its command line was complete.
         */
        TRUNCATED
    }

    public MiDecodeError
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
