package org.puaagent.agent.rpc;

import java.util.ArrayList;
import java.util.List;

import org.puaagent.agent.pipeline.PublishOutcome;
import org.puaagent.agent.pipeline.SubscribeOutcome;
import org.puaagent.protocol.mi.MiFixedReply;
import org.puaagent.protocol.mi.MiNode;
import org.puaagent.protocol.mi.MiReply;
import org.puaagent.protocol.mi.MiTreeReply;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcStruct;

/**
 * How each pipeline outcome is worded on the RPC transports (pua_rpc's shapes) and on MI (pua_mi's trees).
 *
 * <table>
 *   <caption>publish outcomes</caption>
 *   <tr><th>outcome</th><th>RPC (binrpc, JSON-RPC)</th><th>MI pua_publish</th></tr>
 *   <tr><td>200 with SIP-ETag/Expires</td><td>{@code {"SIP-ETag": e, "Expires": n}} (as Kamailio)</td>
 *       <td>{@code 200 OK / 200 OK / ETag:: e / Expires:: n} (as Kamailio)</td></tr>
 *   <tr><td>other final status, local 408</td><td>fault: code = SIP status, message = reason
 *       (Kamailio: empty {@code {}})</td><td>{@code 200 OK / <code> <reason>} (as Kamailio)</td></tr>
 *   <tr><td>handed off ({@code pua.send_publish})</td><td>{@code {}}</td><td>-</td></tr>
 *   <tr><td>expires 0, no publication</td><td>{@code {}} (Kamailio never answers)</td>
 *       <td>{@code 200 OK} without children (Kamailio never answers)</td></tr>
 *   <tr><td>wrong ETag</td><td>500 Wrong ETag</td><td>418 Wrong ETag</td></tr>
 *   <tr><td>new publication without body</td><td>500 I'm terribly sorry, server error occurred (10/RPC/PUBLISH)</td>
 *       <td>500 MI/PUBLISH failed</td></tr>
 *   <tr><td>not publishable (conference, bad presence body)</td>
 *       <td>500 I'm terribly sorry, server error occurred (1/RPC/PUBLISH)</td><td>500 MI/PUBLISH failed</td></tr>
 *   <tr><td>unroutable next hop (not a numeric IP: the agent never resolves names)</td>
 *       <td>500 Cannot route: ...</td><td>500 MI/PUBLISH failed</td></tr>
 *   <tr><td>command queue full (entries or bytes)</td><td>503 Service Unavailable</td>
 *       <td>503 Service Unavailable</td></tr>
 *   <tr><td>publication limit reached (a new publication beyond {@code --publications-bytes})</td>
 *       <td>503 Service Unavailable: publication limit reached</td>
 *       <td>503 Service Unavailable: publication limit reached</td></tr>
 * </table>
 *
 * <table>
 *   <caption>subscribe outcomes ({@code pua.subscribe}, MI {@code pua_subscribe}, {@code pua.unsubscribe})</caption>
 *   <tr><th>outcome</th><th>RPC (binrpc, JSON-RPC)</th><th>MI pua_subscribe</th></tr>
 *   <tr><td>2xx (agent as subscriber)</td><td>{@code {"id": s, "Expires": n, "state": active|pending|retrying|terminated}}
 *       plus {@code "reason"} when terminated (Kamailio: {@code {}} when handed off)</td>
 *       <td>{@code 200 OK / id:: s / Expires:: n / state:: active} (Kamailio: {@code 202 accepted})</td></tr>
 *   <tr><td>unsubscribed (expires 0, {@code pua.unsubscribe})</td>
 *       <td>{@code {"id": s, "Expires": 0, "state": "terminated", "reason": "unsubscribed"}}</td>
 *       <td>{@code 200 OK / id:: s / Expires:: 0 / state:: terminated / reason:: unsubscribed}</td></tr>
 *   <tr><td>SIP failure, local 408</td><td>fault: code = SIP status, message = reason</td>
 *       <td>{@code <code> <reason>}</td></tr>
 *   <tr><td>handed off (compat mode {@code --subscribe-contact watcher}), expires 0 without subscription</td>
 *       <td>{@code {}} (as Kamailio)</td><td>{@code 202 accepted} (as Kamailio)</td></tr>
 *   <tr><td>{@code pua.unsubscribe} of an unknown subscription</td><td>404 No such subscription</td><td>-</td></tr>
 *   <tr><td>not subscribable ({@code conference}), unroutable</td><td>500 Execution failure / 500 Cannot route: ...</td>
 *       <td>500 command 'pua_subscribe' failed</td></tr>
 *   <tr><td>subscription limit reached (a new subscription beyond {@code --subscriptions-bytes})</td>
 *       <td>503 Service Unavailable: subscription limit reached</td>
 *       <td>503 Service Unavailable: subscription limit reached</td></tr>
 * </table>
 * The limits answer 503, the status of a full queue, because they are the same kind of answer: the agent holds
 * all it may and the request can succeed later (once publications end) or elsewhere; on {@code /RPC} the HTTP
 * status is the fault code, so proxies and scripts see a plain 503.
 * Stateless; any thread.
 */
public final class PuaReplies
{
    /** The fault for a full command queue. */
    public static final RpcFault BUSY = new RpcFault(503, "Service Unavailable");
    /** The fault for a new publication beyond the publications' byte limit. */
    public static final RpcFault PUBLICATION_LIMIT = new RpcFault(503, "Service Unavailable: publication limit reached");
    /** The fault for a new subscription beyond the subscriptions' byte limit. */
    public static final RpcFault SUBSCRIPTION_LIMIT =
        new RpcFault(503, "Service Unavailable: subscription limit reached");

    private PuaReplies()
    {
    }

    public static RpcResponse rpc(final PublishOutcome outcome)
    {
        if (outcome instanceof PublishOutcome.Published p)
        {
            return RpcReply.of(RpcStruct.builder().add("SIP-ETag", p.etag()).add("Expires", p.expires()).build());
        }
        if (outcome instanceof PublishOutcome.Failed f)
        {
            return new RpcFault(f.sipStatus(), f.reason());
        }
        if (outcome instanceof PublishOutcome.HandedOff || outcome instanceof PublishOutcome.NothingToRemove)
        {
            return RpcReply.empty();
        }
        if (outcome instanceof PublishOutcome.WrongEtag)
        {
            return new RpcFault(500, "Wrong ETag");
        }
        if (outcome instanceof PublishOutcome.NoBodyForNewPublication)
        {
            return new RpcFault(500, "I'm terribly sorry, server error occurred (10/RPC/PUBLISH)");
        }
        if (outcome instanceof PublishOutcome.NotPublishable)
        {
            return new RpcFault(500, "I'm terribly sorry, server error occurred (1/RPC/PUBLISH)");
        }
        if (outcome instanceof PublishOutcome.Unroutable u)
        {
            return new RpcFault(500, "Cannot route: " + u.why());
        }
        if (outcome instanceof PublishOutcome.LimitReached)
        {
            return PUBLICATION_LIMIT;
        }
        return new RpcFault(500, "Internal error: " + ((PublishOutcome.Internal) outcome).detail());
    }

    /** The fault of {@code pua.unsubscribe} / {@code pua.presentity} for an unknown subscription. */
    public static final RpcFault NO_SUCH_SUBSCRIPTION = new RpcFault(404, "No such subscription");

    public static RpcResponse rpc(final SubscribeOutcome outcome)
    {
        if (outcome instanceof SubscribeOutcome.Subscribed s)
        {
            final RpcStruct.Builder struct = RpcStruct.builder().add("id", s.id()).add("Expires", s.expires())
                .add("state", s.state());
            if (null != s.reason())
            {
                struct.add("reason", s.reason());
            }
            return RpcReply.of(struct.build());
        }
        if (outcome instanceof SubscribeOutcome.Sent || outcome instanceof SubscribeOutcome.NothingToRemove)
        {
            return RpcReply.empty();
        }
        if (outcome instanceof SubscribeOutcome.NoSuchSubscription)
        {
            return NO_SUCH_SUBSCRIPTION;
        }
        if (outcome instanceof SubscribeOutcome.NotSubscribable)
        {
            return new RpcFault(500, "Execution failure");
        }
        if (outcome instanceof SubscribeOutcome.Unroutable u)
        {
            return new RpcFault(500, "Cannot route: " + u.why());
        }
        if (outcome instanceof SubscribeOutcome.Failed f)
        {
            return new RpcFault(f.sipStatus(), f.reason());
        }
        if (outcome instanceof SubscribeOutcome.LimitReached)
        {
            return SUBSCRIPTION_LIMIT;
        }
        return new RpcFault(500, "Internal error: " + ((SubscribeOutcome.Internal) outcome).detail());
    }

    public static MiReply mi(final PublishOutcome outcome, final String command)
    {
        if (outcome instanceof PublishOutcome.Published p)
        {
            return new MiTreeReply(200, "OK", List.of(MiNode.of(p.status() + " OK"),
                MiNode.of("ETag", p.etag()), MiNode.of("Expires", Integer.toString(p.expires()))));
        }
        if (outcome instanceof PublishOutcome.Failed f)
        {
            return new MiTreeReply(200, "OK", List.of(MiNode.of(f.sipStatus() + " " + f.reason())));
        }
        if (outcome instanceof PublishOutcome.HandedOff || outcome instanceof PublishOutcome.NothingToRemove)
        {
            return MiTreeReply.of(200, "OK");
        }
        if (outcome instanceof PublishOutcome.WrongEtag)
        {
            return MiTreeReply.of(418, "Wrong ETag");
        }
        if (outcome instanceof PublishOutcome.Internal)
        {
            return new MiFixedReply(MiFixedReply.Kind.INTERNAL_ERROR, command);
        }
        if (outcome instanceof PublishOutcome.LimitReached)
        {
            return MiTreeReply.of(PUBLICATION_LIMIT.code(), PUBLICATION_LIMIT.message());
        }
        return MiTreeReply.of(500, "MI/PUBLISH failed");
    }

    public static MiReply mi(final SubscribeOutcome outcome, final String command)
    {
        if (outcome instanceof SubscribeOutcome.Subscribed s)
        {
            final List<MiNode> nodes = new ArrayList<>(4);
            nodes.add(MiNode.of("id", s.id()));
            nodes.add(MiNode.of("Expires", Integer.toString(s.expires())));
            nodes.add(MiNode.of("state", s.state()));
            if (null != s.reason())
            {
                nodes.add(MiNode.of("reason", s.reason()));
            }
            return new MiTreeReply(200, "OK", nodes);
        }
        if (outcome instanceof SubscribeOutcome.Sent || outcome instanceof SubscribeOutcome.NothingToRemove)
        {
            return MiTreeReply.of(202, "accepted");
        }
        if (outcome instanceof SubscribeOutcome.Failed f)
        {
            return MiTreeReply.of(f.sipStatus(), f.reason());
        }
        if (outcome instanceof SubscribeOutcome.NoSuchSubscription)
        {
            return MiTreeReply.of(404, "No such subscription");
        }
        if (outcome instanceof SubscribeOutcome.Internal)
        {
            return new MiFixedReply(MiFixedReply.Kind.INTERNAL_ERROR, command);
        }
        if (outcome instanceof SubscribeOutcome.LimitReached)
        {
            return MiTreeReply.of(SUBSCRIPTION_LIMIT.code(), SUBSCRIPTION_LIMIT.message());
        }
        return new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, command);
    }
}
