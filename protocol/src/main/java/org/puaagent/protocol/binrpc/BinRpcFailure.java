package org.puaagent.protocol.binrpc;

import java.util.Objects;

/**
 * A decoding failure with its context: which error, the packet's cookie (0 when the header was unusable),
 * where it happened and, for requests, how far decoding got. Immutable.
 *
 * @param error      what is wrong
 * @param cookie     the packet's cookie, 0 if the header could not be read
 * @param method     the request's method name if it was decoded before the failure, else {@code null}
 * @param paramIndex for a request: -1 if the header or the method record failed, else the 0-based index of
 *                   the parameter (Kamailio's numbering: the first record after the method is 0); for other
 *                   packets the 0-based index of the top-level value, or -1 for the header
 * @param offset     byte offset of the failure, relative to the start of the input or packet body
 *                   (diagnostics only)
 */
public record BinRpcFailure(BinRpcError error, int cookie, String method, int paramIndex, int offset)
{
    public BinRpcFailure
    {
        Objects.requireNonNull(error, "error");
    }

    /** A failure of the header or framing: no cookie, no method. */
    public static BinRpcFailure ofHeader(final BinRpcError error, final int offset)
    {
        return new BinRpcFailure(error, 0, null, -1, offset);
    }

    /** What a Kamailio-compatible server does about it (see {@link BinRpcServerFaults#reaction}). */
    public BinRpcReaction serverReaction()
    {
        return BinRpcServerFaults.reaction(this);
    }
}
