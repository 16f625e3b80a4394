package org.puaagent.protocol.mi;

import java.util.List;
import java.util.Objects;

/**
 * A decoded MI request: the command name, where to answer, and the parameter nodes in order.
 *
 * <p>{@code replyFifo} is the bare reply fifo name from the FIFO command line ({@code ""} when the client
 * gave none: Kamailio 4.4 then does not run a normal command at all and crashes on an asynchronous one, so a
 * transport should consume such a request without executing it); it is {@code null} for MI datagram
 * requests, whose reply goes to the datagram's source address. The name is not checked by the decoder:
 * the transport applies the reply FIFO name rule ({@code org.puaagent.protocol.fifo.ReplyFifoName}) and joins
 * it to its reply directory.
 *
 * <p>Immutable.
 *
 * @param command   the command name (non-empty)
 * @param replyFifo the reply fifo name, {@code ""}, or {@code null} (datagram)
 * @param params    the parameter nodes, in order
 */
public record MiRequest(String command, String replyFifo, List<MiNode> params) implements MiDecoded
{
    public MiRequest
    {
        Objects.requireNonNull(command, "command");
        params = List.copyOf(params);
    }
}
