package org.puaagent.agent.rpc;

import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.protocol.pua.PuaArgs;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.RpcPublishArgs;
import org.puaagent.protocol.pua.RpcSubscribeArgs;
import org.puaagent.protocol.pua.SubscribeRequest;

/**
 * {@code pua.publish}, {@code pua.send_publish} and {@code pua.subscribe} with pua_rpc's signatures, on every
 * transport (binrpc included: Kamailio answers fault 600 there). Arguments are checked on the caller's thread
 * (faults as Kamailio words them, see protocol/PUA-FAULTS.md); the command then goes to the pipeline, whose
 * owner answers; a full command queue is answered at once with 503. Any thread.
 */
public final class PuaMethods
{
    private final Dispatcher dispatcher;
    private final PresencePipeline pipeline;

    public PuaMethods(final Dispatcher dispatcher, final PresencePipeline pipeline)
    {
        this.dispatcher = dispatcher;
        this.pipeline = pipeline;
    }

    public void registerAll()
    {
        final String publishParams = "presentity expires event content_type id etag outbound_proxy extra_headers [body]";
        dispatcher.register(new MethodEntry("pua.publish",
            "Send publish request and wait for the final reply, using a list of string parameters",
            publishParams, false, call -> publish(call, PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY)));
        dispatcher.register(new MethodEntry("pua.send_publish",
            "Send publish request and return as soon as it is handed to the SIP layer",
            publishParams, false, call -> publish(call, PublishSource.RPC_SEND_PUBLISH, PublishMode.HANDED_OFF)));
        dispatcher.register(new MethodEntry("pua.subscribe",
            "Send subscribe request: presentity watcher event expires",
            "presentity watcher event expires", false, this::subscribe));
    }

    private void publish(final RpcCall call, final PublishSource source, final PublishMode mode)
    {
        final PuaArgs<PublishRequest> args = RpcPublishArgs.decode(call.request().params());
        if (args instanceof PuaArgs.Ok<PublishRequest> ok)
        {
            if (!pipeline.submitPublish(ok.request(), source, mode, outcome -> call.reply(PuaReplies.rpc(outcome))))
            {
                dispatcher.counters().increment("errors.queue_full");
                call.reply(PuaReplies.BUSY);
            }
        }
        else
        {
            badArguments(call, args);
        }
    }

    private void subscribe(final RpcCall call)
    {
        final PuaArgs<SubscribeRequest> args = RpcSubscribeArgs.decode(call.request().params());
        if (args instanceof PuaArgs.Ok<SubscribeRequest> ok)
        {
            if (!pipeline.submitSubscribe(ok.request(), outcome -> call.reply(PuaReplies.rpc(outcome))))
            {
                dispatcher.counters().increment("errors.queue_full");
                call.reply(PuaReplies.BUSY);
            }
        }
        else
        {
            badArguments(call, args);
        }
    }

    private void badArguments(final RpcCall call, final PuaArgs<?> args)
    {
        dispatcher.counters().increment("errors.bad_arguments");
        if (args instanceof PuaArgs.Fault<?> fault)
        {
            call.reply(fault.fault());
        }
        else
        {
            call.fault(500, "Internal error: bad arguments");
        }
    }
}
