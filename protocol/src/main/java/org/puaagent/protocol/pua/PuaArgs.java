package org.puaagent.protocol.pua;

import java.util.Objects;
import org.puaagent.protocol.rpc.RpcFault;

/**
 * The outcome of decoding the positional arguments of a pua command: the validated request, the fault
 * Kamailio answers for these arguments, or (MI only) "the command returned nothing".
 *
 * <ul>
 *   <li>{@link Ok}: the request, "." placeholders resolved. Later failures (unregistered event
 *       {@code conference}, wrong ETag, refused body) are the pipeline's business.</li>
 *   <li>{@link Fault}: code and message. RPC transports send it as a fault (binrpc fault, JSON-RPC error);
 *       MI transports write it as the tree reply {@code <code> <message>} (followed by the FIFO's empty
 *       line), which is exactly what pua_mi does.</li>
 *   <li>{@link CommandFailed}: MI only. pua_mi returned no tree (missing parameter, expires not a number);
 *       the MI transport writes its one-line {@code 500 command '<name>' failed}
 *       ({@code MiFixedReply.Kind.COMMAND_FAILED}).</li>
 * </ul>
 *
 * <p>Immutable.
 *
 * @param <T> {@link PublishRequest} or {@link SubscribeRequest}
 */
public sealed interface PuaArgs<T> permits PuaArgs.Ok, PuaArgs.Fault, PuaArgs.CommandFailed
{
    /** The arguments are valid. */
    record Ok<T>(T request) implements PuaArgs<T>
    {
        public Ok
        {
            Objects.requireNonNull(request, "request");
        }
    }

    /** The arguments are refused with this code and message. */
    record Fault<T>(RpcFault fault) implements PuaArgs<T>
    {
        public Fault
        {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /** MI: the command "failed" without a reply tree ({@code 500 command '<name>' failed}). */
    record CommandFailed<T>() implements PuaArgs<T>
    {
    }

    /** Shorthand for a {@link Fault}. */
    static <T> PuaArgs<T> fault(final int code, final String message)
    {
        return new Fault<>(new RpcFault(code, message));
    }
}
