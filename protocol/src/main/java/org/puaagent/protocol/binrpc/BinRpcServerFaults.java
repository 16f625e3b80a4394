package org.puaagent.protocol.binrpc;

import java.nio.charset.StandardCharsets;

import org.puaagent.protocol.rpc.RpcFault;

/**
 * The faults Kamailio 5.6.3's ctl module sends for protocol-level problems, and the parameter-scan fault text
 * methods produce. Stateless; any thread.
 *
 * <p>Protocol errors (spec binrpc.md 7.3):
 * <ul>
 * <li>unusable header (bad magic/version/type): 400 {@code bad request: corrupted packet}, cookie 0, close;</li>
 * <li>a reply or fault sent as request: 400 {@code bad request: corrupted packet}, its cookie, close;</li>
 * <li>bad method record: 400 {@code bad request method: <binrpc error text>}, close;</li>
 * <li>packet larger than the maximum (or an incomplete datagram): no reply, close (datagram: ignore).</li>
 * </ul>
 * A failure in a parameter is not a protocol error in Kamailio (the method scans its parameters itself):
 * by default it becomes 400 {@code error at parameter N: expected any type but <text>} and the connection
 * stays open; a dispatcher that knows the expected type uses {@link #parameterFault}.
 */
public final class BinRpcServerFaults
{
    /** Fault code of every protocol-level fault. */
    public static final int BAD_REQUEST = 400;
    /** Fault code of "command X not found". */
    public static final int NOT_FOUND = 500;
    /** Message for an unusable header or a packet of the wrong type. */
    public static final String CORRUPTED_PACKET = "bad request: corrupted packet";
    /** Prefix of the message for a bad method record. */
    public static final String BAD_METHOD_PREFIX = "bad request method: ";
    /** Kamailio truncates formatted fault messages to this many bytes (plus the 0x00). */
    public static final int MAX_FAULT_MESSAGE_BYTES = 255;
    /** The type name Kamailio prints for a parameter read with the "any" scan type. */
    public static final String ANY_TYPE = "any";

    private BinRpcServerFaults()
    {
    }

    /** What the server does about a failure of a received request packet (or of its framing). */
    public static BinRpcReaction reaction(final BinRpcFailure failure)
    {
        final BinRpcError error = failure.error();
        switch (error)
        {
            case PACKET_TOO_LARGE:
            case TRUNCATED_PACKET:
                return BinRpcReaction.DropSilently.INSTANCE;
            case BAD_MAGIC:
            case BAD_VERSION:
            case BAD_PACKET_TYPE:
                return new BinRpcReaction.SendFault(new RpcFault(BAD_REQUEST, CORRUPTED_PACKET), 0, true);
            case NOT_A_REQUEST:
            case NOT_A_RESPONSE:
                return new BinRpcReaction.SendFault(new RpcFault(BAD_REQUEST, CORRUPTED_PACKET), failure.cookie(), true);
            default:
                if (failure.paramIndex() < 0)
                {
                    return new BinRpcReaction.SendFault(
                        new RpcFault(BAD_REQUEST, BAD_METHOD_PREFIX + error.kamailioCode().text()), failure.cookie(), true);
                }
                return new BinRpcReaction.SendFault(
                    parameterFault(failure.paramIndex(), ANY_TYPE, error.kamailioCode()), failure.cookie(), false);
        }
    }

    /**
     * The fault a Kamailio method's parameter scan produces: 400
     * {@code error at parameter <index>: expected <expectedType> type but <cause text>}, e.g.
     * {@code parameterFault(0, "float", INTERNAL_BUG)} for a double given to {@code core.echo}.
     *
     * @param index        0-based parameter index (the first record after the method is 0)
     * @param expectedType Kamailio's type name: integer, string, float, structure, bytes array or any
     *                     ({@code RpcValue.typeName()} gives these)
     * @param cause        the binrpc error the scan met
     */
    public static RpcFault parameterFault(final int index, final String expectedType, final BinRpcErrorCode cause)
    {
        return new RpcFault(BAD_REQUEST,
            truncate("error at parameter " + index + ": expected " + expectedType + " type but " + cause.text()));
    }

    /** Kamailio's answer to an unknown method: 500 {@code command <method> not found}. */
    public static RpcFault methodNotFound(final String method)
    {
        return new RpcFault(NOT_FOUND, truncate("command " + method + " not found"));
    }

    /**
     * Cuts a fault message to at most {@link #MAX_FAULT_MESSAGE_BYTES} UTF-8 bytes, at a character boundary
     * (Kamailio cuts at the byte; for ASCII messages the result is the same).
     */
    public static String truncate(final String message)
    {
        if (message.length() <= MAX_FAULT_MESSAGE_BYTES / 3)
        {
            return message;
        }
        final byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_FAULT_MESSAGE_BYTES)
        {
            return message;
        }
        int end = MAX_FAULT_MESSAGE_BYTES;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80)
        {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
