package org.puaagent.protocol.pua;

import java.util.List;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Decodes the parameters of {@code pua.subscribe} (Kamailio 5.6 pua_rpc, pua.md sections 2.3 and 3.5):
 * presentity URI, watcher URI, event (strings) and expires (integer); further parameters are ignored.
 *
 * <p>Checks, in Kamailio's order:
 * <ol>
 *   <li>fewer than 4 parameters, or a wrong type: 500 {@code Not enough parameters};</li>
 *   <li>presentity URI ({@link SipUriSyntax}): 400 {@code Invalid presentity URI};</li>
 *   <li>watcher URI: 400 {@code Invalid watcher URI};</li>
 *   <li>event not accepted by the commands: 404 {@code Unknown event}. {@code conference} passes, as in
 *       Kamailio, and fails later in the pipeline (500 {@code Execution failure}).</li>
 * </ol>
 *
 * <p><b>Leniency</b> (deliberate deviation): expires may be an integer, an {@code RpcDouble} with an
 * integral value, or a decimal string ({@code -}? digits, int range). Kamailio refuses a binrpc string
 * ({@code kamcmd ... s:3600}: 500 {@code Not enough parameters}) and reads a JSON string as 0, i.e. as an
 * unsubscribe; the agent uses the number written. A fractional double ({@code kamcmd ... 1.5}), an empty
 * or non-decimal string, and any other type are refused with 500 {@code Not enough parameters} (Kamailio's
 * JSON-RPC would silently read them as 0 or truncate).
 *
 * <p>Stateless: any thread.
 */
public final class RpcSubscribeArgs
{
    /** The number of mandatory parameters. */
    public static final int MANDATORY = 4;

    private static final int EXPIRES = 3;

    private RpcSubscribeArgs()
    {
    }

    /** Decodes the positional parameters ({@code null}: none at all). */
    public static PuaArgs<SubscribeRequest> decode(final List<RpcValue> params)
    {
        final List<RpcValue> p = params == null ? List.of() : params;
        if (p.size() < MANDATORY)
        {
            return notEnough();
        }
        final String[] text = new String[EXPIRES];
        for (int i = 0; i < EXPIRES; i++)
        {
            if (!(p.get(i) instanceof RpcString s))
            {
                return notEnough();
            }
            text[i] = s.value();
        }
        final RpcValue e = p.get(EXPIRES);
        final long expires = e instanceof RpcString s
            ? ExpiresText.parseDecimal(s.value())
            : RpcPublishArgs.integral(e);
        if (expires == ExpiresText.INVALID)
        {
            return notEnough();
        }
        if (!SipUriSyntax.isValid(text[0]))
        {
            return PuaArgs.fault(400, "Invalid presentity URI");
        }
        if (!SipUriSyntax.isValid(text[1]))
        {
            return PuaArgs.fault(400, "Invalid watcher URI");
        }
        final EventPackage event = EventPackage.byWireName(text[2]);
        if (event == null || !event.acceptedByCommands())
        {
            return PuaArgs.fault(404, "Unknown event");
        }
        return new PuaArgs.Ok<>(new SubscribeRequest(text[0], text[1], event, (int) expires));
    }

    private static PuaArgs<SubscribeRequest> notEnough()
    {
        return PuaArgs.fault(500, "Not enough parameters");
    }
}
