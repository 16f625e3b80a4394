package org.puaagent.protocol.jsonrpc;

import java.util.ArrayList;
import java.util.List;

import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Named parameters for the pua methods (OpenSIPS style), turned into the positional list the methods read.
 * Immutable; any thread.
 *
 * <p>Kamailio takes the members of an object {@code "params"} in document order and ignores their names. The
 * agent does the same, except for the pua methods below when <em>every</em> member name is one of that method's
 * parameter names (case-sensitive) and no position is named twice: then each value goes to the position its
 * name stands for, whatever the member order. Anything else (an unknown name, a position named twice, another
 * method) falls back to Kamailio's document order, so a request Kamailio accepts keeps its meaning (e.g. the
 * captured {@code {"uri", "expires", "event", "ctype", "id", "etag", "ob", "hdrs", "body"}} object, which uses
 * names from the table in table order).
 *
 * <p>{@code pua.publish}, {@code pua.send_publish}, and MI {@code pua_publish} with
 * {@code publish_with_ob_proxy=1}:
 * <table>
 *   <caption>publish parameters</caption>
 *   <tr><th>#</th><th>names</th><th>when absent</th></tr>
 *   <tr><td>0</td><td>presentity, presentity_uri, pres_uri, uri</td><td>mandatory</td></tr>
 *   <tr><td>1</td><td>expires</td><td>mandatory</td></tr>
 *   <tr><td>2</td><td>event, event_package</td><td>mandatory</td></tr>
 *   <tr><td>3</td><td>content_type, ctype</td><td>"."</td></tr>
 *   <tr><td>4</td><td>id</td><td>"."</td></tr>
 *   <tr><td>5</td><td>etag</td><td>"."</td></tr>
 *   <tr><td>6</td><td>outbound_proxy, ob_proxy, ob</td><td>"."</td></tr>
 *   <tr><td>7</td><td>extra_headers, headers, hdrs</td><td>"."</td></tr>
 *   <tr><td>8</td><td>body</td><td>no body (the list ends)</td></tr>
 * </table>
 * MI {@code pua_publish} with the default {@code publish_with_ob_proxy=0} has no position 6 (its names are then
 * unknown); the later positions move up by one.
 *
 * <p>{@code pua.subscribe} and MI {@code pua_subscribe}:
 * <table>
 *   <caption>subscribe parameters</caption>
 *   <tr><th>#</th><th>names</th><th>when absent</th></tr>
 *   <tr><td>0</td><td>presentity, presentity_uri, pres_uri, uri</td><td>mandatory</td></tr>
 *   <tr><td>1</td><td>watcher, watcher_uri</td><td>mandatory</td></tr>
 *   <tr><td>2</td><td>event, event_package</td><td>mandatory</td></tr>
 *   <tr><td>3</td><td>expires</td><td>mandatory</td></tr>
 * </table>
 *
 * <p>A missing mandatory parameter ends the list there, so the method reports "too few parameters" exactly as
 * for a short positional list. Values keep their JSON type (a number stays a number: {@code "expires": 3600}
 * fails for publish as it does positionally).
 */
public final class PuaNamedParams
{
    private static final RpcString DOT = new RpcString(".");

    private enum Absent
    {
        MANDATORY, DOT, ENDS_LIST
    }

    private record Slot(Absent absent, String... names)
    {
        boolean matches(final String name)
        {
            for (final String n : names)
            {
                if (n.equals(name))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Slot PRESENTITY =
        new Slot(Absent.MANDATORY, "presentity", "presentity_uri", "pres_uri", "uri");
    private static final Slot EVENT = new Slot(Absent.MANDATORY, "event", "event_package");
    private static final Slot EXPIRES = new Slot(Absent.MANDATORY, "expires");

    private static final Slot[] PUBLISH = {
        PRESENTITY,
        EXPIRES,
        EVENT,
        new Slot(Absent.DOT, "content_type", "ctype"),
        new Slot(Absent.DOT, "id"),
        new Slot(Absent.DOT, "etag"),
        new Slot(Absent.DOT, "outbound_proxy", "ob_proxy", "ob"),
        new Slot(Absent.DOT, "extra_headers", "headers", "hdrs"),
        new Slot(Absent.ENDS_LIST, "body"),
    };

    private static final Slot[] MI_PUBLISH_WITHOUT_OB_PROXY = {
        PUBLISH[0], PUBLISH[1], PUBLISH[2], PUBLISH[3], PUBLISH[4], PUBLISH[5], PUBLISH[7], PUBLISH[8],
    };

    private static final Slot[] SUBSCRIBE = {
        PRESENTITY,
        new Slot(Absent.MANDATORY, "watcher", "watcher_uri"),
        EVENT,
        EXPIRES,
    };

    private final boolean miPublishWithObProxy;

    /**
     * @param miPublishWithObProxy pua_mi's {@code publish_with_ob_proxy}: whether MI {@code pua_publish} has the
     *                             outbound proxy position (Kamailio's default: false)
     */
    public PuaNamedParams(final boolean miPublishWithObProxy)
    {
        this.miPublishWithObProxy = miPublishWithObProxy;
    }

    /**
     * The positional parameters for an object {@code "params"} of {@code method}, or {@code null} when the
     * names do not apply (not a pua method, an unknown name, a position named twice): then the caller uses the
     * member values in document order.
     */
    public List<RpcValue> positional(final String method, final List<RpcStruct.Member> members)
    {
        final Slot[] layout = layoutOf(method);
        if (layout == null)
        {
            return null;
        }
        final RpcValue[] byPosition = new RpcValue[layout.length];
        for (final RpcStruct.Member member : members)
        {
            final int position = positionOf(layout, member.name());
            if (position < 0 || byPosition[position] != null)
            {
                return null;
            }
            byPosition[position] = member.value();
        }
        final List<RpcValue> params = new ArrayList<>(layout.length);
        for (int i = 0; i < layout.length; i++)
        {
            if (byPosition[i] != null)
            {
                params.add(byPosition[i]);
            }
            else if (layout[i].absent() == Absent.DOT)
            {
                params.add(DOT);
            }
            else
            {
                break;
            }
        }
        return params;
    }

    private Slot[] layoutOf(final String method)
    {
        switch (method)
        {
            case "pua.publish":
            case "pua.send_publish":
                return PUBLISH;
            case "pua_publish":
                return miPublishWithObProxy ? PUBLISH : MI_PUBLISH_WITHOUT_OB_PROXY;
            case "pua.subscribe":
            case "pua_subscribe":
                return SUBSCRIBE;
            default:
                return null;
        }
    }

    private static int positionOf(final Slot[] layout, final String name)
    {
        if (name == null)
        {
            return -1;
        }
        for (int i = 0; i < layout.length; i++)
        {
            if (layout[i].matches(name))
            {
                return i;
            }
        }
        return -1;
    }
}
