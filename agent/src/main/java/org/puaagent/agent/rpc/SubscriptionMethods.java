package org.puaagent.agent.rpc;

import java.util.ArrayList;
import java.util.List;

import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.SubscriptionView;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The agent's own subscription methods (Kamailio has none): what the NOTIFYs of {@code pua.subscribe}'s
 * subscriptions said, and how to end one.
 *
 * <ul>
 * <li>{@code pua.subscriptions}: one struct per subscription (JSON: an array), in creation order:
 *     {@code id, presentity, watcher, event, state, [reason], expires, last_notify, notify_count}.
 *     {@code state}: subscribing, pending, active, retrying or terminated (ended subscriptions stay listed
 *     for 5 minutes, with {@code reason}); {@code expires}: seconds left of the granted lifetime;
 *     {@code last_notify}: epoch seconds of the last NOTIFY, 0 when none came.</li>
 * <li>{@code pua.presentity presentity watcher event}: the same struct plus what the last NOTIFY carried:
 *     {@code subscription_state}, {@code content_type}, {@code body} (empty strings before the first NOTIFY
 *     or without a body); fault 404 "No such subscription".</li>
 * <li>{@code pua.unsubscribe presentity watcher event}: an in-dialog SUBSCRIBE with Expires 0, answered when
 *     its final response arrives ({@code {"id", "Expires": 0, "state": "terminated", "reason": "unsubscribed"}},
 *     a SIP failure as fault); fault 404 "No such subscription".</li>
 * </ul>
 * Arguments: three strings, else 500 "Not enough parameters"; an event pua does not know: 404 "Unknown event".
 * The answers come from the pipeline owner (a query in its queue), so nothing is shared. Any thread.
 */
public final class SubscriptionMethods
{
    private static final int ARGS = 3;
    private static final long MILLIS = 1000L;

    private final Dispatcher dispatcher;
    private final PresencePipeline pipeline;

    public SubscriptionMethods(final Dispatcher dispatcher, final PresencePipeline pipeline)
    {
        this.dispatcher = dispatcher;
        this.pipeline = pipeline;
    }

    public void registerAll()
    {
        dispatcher.register(new MethodEntry("pua.subscriptions",
            "List the agent's subscriptions: id, presentity, watcher, event, state, expires, last NOTIFY time, "
                + "NOTIFY count", "", true, this::subscriptions));
        dispatcher.register(new MethodEntry("pua.presentity",
            "The last state notified for a subscription: body, content type, Subscription-State",
            "presentity watcher event", false, this::presentity));
        dispatcher.register(new MethodEntry("pua.unsubscribe",
            "End a subscription (in-dialog SUBSCRIBE with Expires 0) and wait for the final reply",
            "presentity watcher event", false, this::unsubscribe));
    }

    private void subscriptions(final RpcCall call)
    {
        if (!pipeline.querySubscriptions(views ->
        {
            final List<RpcValue> values = new ArrayList<>(views.size());
            for (final SubscriptionView view : views)
            {
                values.add(summary(view).build());
            }
            call.reply(RpcReply.array(values));
        }))
        {
            busy(call);
        }
    }

    private void presentity(final RpcCall call)
    {
        final Key key = key(call);
        if (null == key)
        {
            return;
        }
        if (!pipeline.querySubscription(key.presentity, key.watcher, key.event, found ->
        {
            if (found.isEmpty())
            {
                call.reply(PuaReplies.NO_SUCH_SUBSCRIPTION);
                return;
            }
            final SubscriptionView view = found.get();
            call.reply(RpcReply.of(summary(view)
                .add("subscription_state", orEmpty(view.subscriptionState()))
                .add("content_type", orEmpty(view.contentType()))
                .add("body", orEmpty(view.body()))
                .build()));
        }))
        {
            busy(call);
        }
    }

    private void unsubscribe(final RpcCall call)
    {
        final Key key = key(call);
        if (null == key)
        {
            return;
        }
        if (!pipeline.submitUnsubscribe(key.presentity, key.watcher, key.event,
            outcome -> call.reply(PuaReplies.rpc(outcome))))
        {
            busy(call);
        }
    }

    private static RpcStruct.Builder summary(final SubscriptionView view)
    {
        final RpcStruct.Builder struct = RpcStruct.builder()
            .add("id", view.id())
            .add("presentity", view.presentity())
            .add("watcher", view.watcher())
            .add("event", view.event())
            .add("state", view.state());
        if (null != view.reason())
        {
            struct.add("reason", view.reason());
        }
        return struct
            .add("expires", view.expires())
            .add("last_notify", (int)Math.min(Integer.MAX_VALUE, view.lastNotifyMillis() / MILLIS))
            .add("notify_count", RpcInt.of((int)Math.min(Integer.MAX_VALUE, view.notifyCount())));
    }

    /** The three string arguments, or {@code null} after answering the fault. */
    private Key key(final RpcCall call)
    {
        final List<RpcValue> params = null == call.request().params() ? List.of() : call.request().params();
        if (params.size() < ARGS || !(params.get(0) instanceof RpcString presentity)
            || !(params.get(1) instanceof RpcString watcher) || !(params.get(2) instanceof RpcString event))
        {
            dispatcher.counters().increment("errors.bad_arguments");
            call.reply(new RpcFault(500, "Not enough parameters"));
            return null;
        }
        final EventPackage eventPackage = EventPackage.byWireName(event.value());
        if (null == eventPackage || !eventPackage.acceptedByCommands())
        {
            dispatcher.counters().increment("errors.bad_arguments");
            call.reply(new RpcFault(404, "Unknown event"));
            return null;
        }
        return new Key(presentity.value(), watcher.value(), eventPackage);
    }

    private void busy(final RpcCall call)
    {
        dispatcher.counters().increment("errors.queue_full");
        call.reply(PuaReplies.BUSY);
    }

    private static String orEmpty(final String text)
    {
        return null == text ? "" : text;
    }

    /** The arguments of pua.presentity and pua.unsubscribe. Immutable. */
    private record Key(String presentity, String watcher, EventPackage event)
    {
    }
}
