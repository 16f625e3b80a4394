package org.puaagent.protocol.pua;

import java.util.List;
import org.puaagent.protocol.mi.MiNode;

/**
 * Decodes the parameter nodes of the Kamailio 4.4 MI command {@code pua_publish} (pua_mi, mi-fifo.md
 * section 3.1) into a {@link PublishRequest} or pua_mi's reply.
 *
 * <p>Nodes in order (names are ignored): presentity URI, expires, event, content type, id, ETag,
 * outbound proxy (only when {@code publish_with_ob_proxy} is 1), extra headers, optional body. "Empty"
 * means a {@code name::} line without value or the value {@code ""}. pua_mi walks the nodes one by one,
 * so each check below happens when its node is reached; a node missing at that point gives
 * {@link PuaArgs.CommandFailed} ({@code 500 command 'pua_publish' failed}).
 *
 * <table>
 * <caption>checks, in order</caption>
 * <tr><th>condition</th><th>reply</th></tr>
 * <tr><td>URI absent ({@code name::})</td><td>404 Empty presentity URI</td></tr>
 * <tr><td>URI does not parse (also {@code ""})</td><td>404 Bad presentity URI</td></tr>
 * <tr><td>expires empty</td><td>400 Empty expires parameter</td></tr>
 * <tr><td>expires not {@code -}?digits (or outside int range)</td><td>CommandFailed</td></tr>
 * <tr><td>event empty</td><td>400 Empty event parameter</td></tr>
 * <tr><td>content type empty</td><td>400 Empty content type parameter</td></tr>
 * <tr><td>id empty</td><td>400 Empty id parameter</td></tr>
 * <tr><td>ETag empty</td><td>400 Empty etag parameter</td></tr>
 * <tr><td>outbound proxy empty (ob_proxy=1)</td><td>400 Empty outbound proxy</td></tr>
 * <tr><td>extra headers empty</td><td>400 Empty extra_headers</td></tr>
 * <tr><td>a node after the body</td><td>400 Too many parameters</td></tr>
 * <tr><td>body absent ({@code name::})</td><td>400 Empty body parameter</td></tr>
 * <tr><td>no body and content type not exactly {@code .}</td><td>400 Body parameter is missing</td></tr>
 * <tr><td>event not accepted by the commands</td><td>400 Unknown event</td></tr>
 * </table>
 *
 * <p>Placeholders as in 5.6: a one-character content type means the event's default; {@code .} for id,
 * ETag, outbound proxy, extra headers means none; a body {@code ""} stays an empty body. Expires
 * {@code "-"} reads as 0. {@code conference} passes (the pipeline answers {@code 500 MI/PUBLISH failed}).
 *
 * <p>Stateless: any thread.
 */
public final class MiPublishArgs
{
    /** Replies for empty content type, id, ETag [, outbound proxy], in node order. */
    private static final String[] EMPTY_WITHOUT_PROXY =
        {"Empty content type parameter", "Empty id parameter", "Empty etag parameter"};
    private static final String[] EMPTY_WITH_PROXY =
        {"Empty content type parameter", "Empty id parameter", "Empty etag parameter", "Empty outbound proxy"};

    private MiPublishArgs()
    {
    }

    /**
     * Decodes the nodes.
     *
     * @param params            the request's parameter nodes
     * @param withOutboundProxy pua_mi's {@code publish_with_ob_proxy}: whether the outbound proxy line exists
     */
    public static PuaArgs<PublishRequest> decode(final List<MiNode> params, final boolean withOutboundProxy)
    {
        int n = 0;
        if (params.size() <= n)
        {
            return new PuaArgs.CommandFailed<>();
        }
        final String presentity = params.get(n).value();
        if (presentity == null)
        {
            return PuaArgs.fault(404, "Empty presentity URI");
        }
        if (!SipUriSyntax.isValid(presentity))
        {
            return PuaArgs.fault(404, "Bad presentity URI");
        }
        if (params.size() <= ++n)
        {
            return new PuaArgs.CommandFailed<>();
        }
        if (params.get(n).isEmpty())
        {
            return PuaArgs.fault(400, "Empty expires parameter");
        }
        final long expires = ExpiresText.parse(params.get(n).value());
        if (expires == ExpiresText.INVALID)
        {
            return new PuaArgs.CommandFailed<>();
        }
        if (params.size() <= ++n)
        {
            return new PuaArgs.CommandFailed<>();
        }
        if (params.get(n).isEmpty())
        {
            return PuaArgs.fault(400, "Empty event parameter");
        }
        final String eventName = params.get(n).value();
        final String[] texts = new String[4];
        final String[] emptyReasons = withOutboundProxy ? EMPTY_WITH_PROXY : EMPTY_WITHOUT_PROXY;
        for (int k = 0; k < emptyReasons.length; k++)
        {
            if (params.size() <= ++n)
            {
                return new PuaArgs.CommandFailed<>();
            }
            if (params.get(n).isEmpty())
            {
                return PuaArgs.fault(400, emptyReasons[k]);
            }
            texts[k] = params.get(n).value();
        }
        if (params.size() <= ++n)
        {
            return new PuaArgs.CommandFailed<>();
        }
        if (params.get(n).isEmpty())
        {
            return PuaArgs.fault(400, "Empty extra_headers");
        }
        final String extraHeaders = params.get(n).value();
        String body = null;
        if (params.size() > ++n)
        {
            if (params.size() > n + 1)
            {
                return PuaArgs.fault(400, "Too many parameters");
            }
            body = params.get(n).value();
            if (body == null)
            {
                return PuaArgs.fault(400, "Empty body parameter");
            }
        }
        final String contentType = texts[0];
        if (body == null && !".".equals(contentType))
        {
            return PuaArgs.fault(400, "Body parameter is missing");
        }
        final EventPackage event = EventPackage.byWireName(eventName);
        if (event == null || !event.acceptedByCommands())
        {
            return PuaArgs.fault(400, "Unknown event");
        }
        return new PuaArgs.Ok<>(new PublishRequest(
            presentity,
            (int) expires,
            event,
            contentType.length() > 1 ? contentType : event.defaultContentType(),
            RpcPublishArgs.optional(texts[1]),
            RpcPublishArgs.optional(texts[2]),
            withOutboundProxy ? RpcPublishArgs.optional(texts[3]) : null,
            RpcPublishArgs.optional(extraHeaders),
            body));
    }
}
