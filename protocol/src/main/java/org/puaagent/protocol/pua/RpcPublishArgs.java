package org.puaagent.protocol.pua;

import java.util.List;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Decodes the parameters of {@code pua.publish} / {@code pua.send_publish} (Kamailio 5.6 pua_rpc,
 * pua.md sections 2.1 and 3.1 rows 2-6) into a {@link PublishRequest} or the fault Kamailio gives.
 *
 * <p>Parameters: presentity URI, expires, event, content type, id, ETag, outbound proxy, extra headers
 * (all mandatory strings), then an optional body string; further parameters are ignored. Checks, in
 * Kamailio's order:
 * <ol>
 *   <li>fewer than 8 parameters, or one of them (or a present body) not a string: 400
 *       {@code Too few or wrong type of parameters (N)}, N = minus the number read successfully before the
 *       failure ({@code (0)} with no parameters at all, absent or empty);</li>
 *   <li>URI check ({@link SipUriSyntax}): 400 {@code Invalid presentity uri '<uri>'};</li>
 *   <li>expires text ({@code -}? digits; {@code ""} and {@code "-"} read as 0): 400
 *       {@code Invalid expires value '<text without the sign>'};</li>
 *   <li>no body and content type not exactly {@code .}: 400 {@code Body is missing};</li>
 *   <li>event not accepted by the commands ({@link EventPackage#acceptedByCommands()}): 400
 *       {@code Unknown event}. {@code conference} passes here, as in Kamailio, and fails later in the
 *       pipeline with 500 {@code I'm terribly sorry, server error occurred (1/RPC/PUBLISH)}.</li>
 * </ol>
 * Placeholders: a content type of one character (any, not only {@code .}) or empty means the event's
 * default; {@code .} (or an empty string) for id, ETag, outbound proxy and extra headers means none. An
 * absent body is {@code null}; a body {@code "."} is a body made of a dot; an empty body string stays an
 * empty body.
 *
 * <p><b>Leniency</b> (deliberate deviation): expires may also be an integer ({@link RpcInt}, or an
 * {@link RpcDouble} with an integral value in int range). kamcmd types {@code 3600} as an int and kamctl
 * sends it as a JSON number; Kamailio refuses both with {@code (-1)}, the agent accepts them. A fractional
 * double is still refused with {@code (-1)}. Expires text outside the int range is refused as an invalid
 * value (Kamailio wraps it around).
 *
 * <p>Stateless: any thread.
 */
public final class RpcPublishArgs
{
    /** The number of mandatory parameters. */
    public static final int MANDATORY = 8;

    private static final int EXPIRES = 1;
    private static final int BODY = 8;

    private RpcPublishArgs()
    {
    }

    /**
     * Decodes the positional parameters.
     *
     * @param params the parameters, or {@code null} when the request had none at all (JSON-RPC without
     *               {@code params}); both give {@code (0)}
     */
    public static PuaArgs<PublishRequest> decode(final List<RpcValue> params)
    {
        final List<RpcValue> p = params == null ? List.of() : params;
        final String[] text = new String[MANDATORY];
        long expires = ExpiresText.INVALID;
        for (int i = 0; i < MANDATORY; i++)
        {
            final RpcValue v = i < p.size() ? p.get(i) : null;
            if (v instanceof RpcString s)
            {
                text[i] = s.value();
            }
            else if (i == EXPIRES && integral(v) != ExpiresText.INVALID)
            {
                expires = integral(v);
            }
            else
            {
                return tooFew(i);
            }
        }
        String body = null;
        if (p.size() > BODY)
        {
            if (!(p.get(BODY) instanceof RpcString s))
            {
                return tooFew(BODY);
            }
            body = s.value();
        }

        final String presentity = text[0];
        if (!SipUriSyntax.isValid(presentity))
        {
            return PuaArgs.fault(400, "Invalid presentity uri '" + presentity + "'");
        }
        if (text[EXPIRES] != null)
        {
            expires = ExpiresText.parse(text[EXPIRES]);
            if (expires == ExpiresText.INVALID)
            {
                return PuaArgs.fault(400, "Invalid expires value '" + ExpiresText.withoutSign(text[EXPIRES]) + "'");
            }
        }
        final String contentType = text[3];
        if (body == null && !".".equals(contentType))
        {
            return PuaArgs.fault(400, "Body is missing");
        }
        final EventPackage event = EventPackage.byWireName(text[2]);
        if (event == null || !event.acceptedByCommands())
        {
            return PuaArgs.fault(400, "Unknown event");
        }
        return new PuaArgs.Ok<>(new PublishRequest(
            presentity,
            (int) expires,
            event,
            contentType.length() > 1 ? contentType : event.defaultContentType(),
            optional(text[4]),
            optional(text[5]),
            optional(text[6]),
            optional(text[7]),
            body));
    }

    private static PuaArgs<PublishRequest> tooFew(final int read)
    {
        return PuaArgs.fault(400, "Too few or wrong type of parameters (" + (-read) + ")");
    }

    /** The int value of an RpcInt or an integral RpcDouble in int range, else INVALID. */
    static long integral(final RpcValue v)
    {
        if (v instanceof RpcInt i)
        {
            return i.value();
        }
        if (v instanceof RpcDouble d)
        {
            final double x = d.value();
            if (x == Math.rint(x) && x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE)
            {
                return (long) x;
            }
        }
        return ExpiresText.INVALID;
    }

    /** "." and "" mean "none". */
    static String optional(final String value)
    {
        return value.isEmpty() || ".".equals(value) ? null : value;
    }
}
