package org.puaagent.protocol.pua;

import java.util.List;
import org.puaagent.protocol.mi.MiNode;

/**
 * Decodes the parameter nodes of the Kamailio 4.4 MI command {@code pua_subscribe} (pua_mi, mi-fifo.md
 * section 3.2): presentity URI, watcher URI, event, expires, exactly four.
 *
 * <p>pua_mi walks the nodes one by one; a node missing when it is reached, or a fifth node (checked after
 * the event), gives {@link PuaArgs.CommandFailed} ({@code 500 command 'pua_subscribe' failed}). Other
 * checks, in order: presentity URI empty or not parsable: {@code 400 Bad uri}; watcher URI likewise:
 * {@code 400 Bad uri}; event empty: {@code 400 Empty event parameter}; expires empty:
 * {@code 400 Bad expires}; expires not {@code -}?digits: CommandFailed; event not accepted by the commands:
 * {@code 400 Unknown event}. Success is answered {@code 202 accepted} by the caller.
 *
 * <p>Stateless: any thread.
 */
public final class MiSubscribeArgs
{
    private static final int PARAMS = 4;
    private static final int EVENT = 2;

    private MiSubscribeArgs()
    {
    }

    /** Decodes the nodes. */
    public static PuaArgs<SubscribeRequest> decode(final List<MiNode> params)
    {
        final String[] uris = new String[2];
        for (int n = 0; n < uris.length; n++)
        {
            if (params.size() <= n)
            {
                return new PuaArgs.CommandFailed<>();
            }
            final MiNode node = params.get(n);
            if (node.isEmpty() || !SipUriSyntax.isValid(node.value()))
            {
                return PuaArgs.fault(400, "Bad uri");
            }
            uris[n] = node.value();
        }
        if (params.size() <= EVENT)
        {
            return new PuaArgs.CommandFailed<>();
        }
        if (params.get(EVENT).isEmpty())
        {
            return PuaArgs.fault(400, "Empty event parameter");
        }
        if (params.size() != PARAMS)
        {
            return new PuaArgs.CommandFailed<>();
        }
        final MiNode expiresNode = params.get(PARAMS - 1);
        if (expiresNode.isEmpty())
        {
            return PuaArgs.fault(400, "Bad expires");
        }
        final long expires = ExpiresText.parse(expiresNode.value());
        if (expires == ExpiresText.INVALID)
        {
            return new PuaArgs.CommandFailed<>();
        }
        final EventPackage event = EventPackage.byWireName(params.get(EVENT).value());
        if (event == null || !event.acceptedByCommands())
        {
            return PuaArgs.fault(400, "Unknown event");
        }
        return new PuaArgs.Ok<>(new SubscribeRequest(uris[0], uris[1], event, (int) expires));
    }
}
