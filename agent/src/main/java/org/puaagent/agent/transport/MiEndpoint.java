package org.puaagent.agent.transport;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.CoreMethods;
import org.puaagent.agent.rpc.PuaReplies;
import org.puaagent.protocol.mi.MiFixedReply;
import org.puaagent.protocol.mi.MiNode;
import org.puaagent.protocol.mi.MiReply;
import org.puaagent.protocol.mi.MiRequest;
import org.puaagent.protocol.mi.MiTreeReply;
import org.puaagent.protocol.pua.MiPublishArgs;
import org.puaagent.protocol.pua.MiSubscribeArgs;
import org.puaagent.protocol.pua.PuaArgs;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.SubscribeRequest;

/**
 * The MI commands (Kamailio 4.x names): {@code pua_publish} (asynchronous, answered with the SIP outcome),
 * {@code pua_subscribe} (answered with the SUBSCRIBE's outcome, {@code 200 OK / id:: / Expires:: / state::};
 * in the Kamailio-compatible mode {@code 202 accepted} once the SUBSCRIBE is handed to SIP), and the core commands
 * scripts probe with: {@code which}, {@code version}, {@code uptime}. Unknown commands get
 * {@code 500 command 'X' not available}. Any thread; the answer comes on the completing thread.
 */
public final class MiEndpoint
{
    private static final List<String> COMMANDS = List.of("pua_publish", "pua_subscribe", "which", "version", "uptime");

    private final PresencePipeline pipeline;
    private final boolean publishWithObProxy;
    private final AgentCounters counters;
    private final Instant started = Instant.now();

    public MiEndpoint(final PresencePipeline pipeline, final boolean publishWithObProxy, final AgentCounters counters)
    {
        this.pipeline = pipeline;
        this.publishWithObProxy = publishWithObProxy;
        this.counters = counters;
    }

    public void handle(final MiRequest request, final Consumer<MiReply> answer)
    {
        final String command = request.command();
        counters.increment("requests.mi");
        switch (command)
        {
            case "pua_publish":
                counters.increment("requests.mi.pua_publish");
                publish(request, answer);
                return;
            case "pua_subscribe":
                counters.increment("requests.mi.pua_subscribe");
                subscribe(request, answer);
                return;
            case "which":
                answer.accept(new MiTreeReply(200, "OK", COMMANDS.stream().map(MiNode::of).toList()));
                return;
            case "version":
                answer.accept(new MiTreeReply(200, "OK", List.of(MiNode.of("Server", CoreMethods.VERSION))));
                return;
            case "uptime":
                answer.accept(new MiTreeReply(200, "OK", List.of(MiNode.of("Up since", started.toString()),
                    MiNode.of("Up time", (Instant.now().getEpochSecond() - started.getEpochSecond()) + " [sec]"))));
                return;
            default:
                counters.increment("errors.mi_command_not_available");
                answer.accept(new MiFixedReply(MiFixedReply.Kind.COMMAND_NOT_AVAILABLE, command));
        }
    }

    private void publish(final MiRequest request, final Consumer<MiReply> answer)
    {
        final PuaArgs<PublishRequest> args = MiPublishArgs.decode(request.params(), publishWithObProxy);
        if (args instanceof PuaArgs.Ok<PublishRequest> ok)
        {
            if (!pipeline.submitPublish(ok.request(), PublishSource.MI_PUBLISH, PublishMode.FINAL_REPLY,
                outcome -> answer.accept(PuaReplies.mi(outcome, request.command()))))
            {
                counters.increment("errors.queue_full");
                answer.accept(MiTreeReply.of(503, "Service Unavailable"));
            }
            return;
        }
        answer.accept(badArguments(args, request.command()));
    }

    private void subscribe(final MiRequest request, final Consumer<MiReply> answer)
    {
        final PuaArgs<SubscribeRequest> args = MiSubscribeArgs.decode(request.params());
        if (args instanceof PuaArgs.Ok<SubscribeRequest> ok)
        {
            if (!pipeline.submitSubscribe(ok.request(), outcome -> answer.accept(PuaReplies.mi(outcome, request.command()))))
            {
                counters.increment("errors.queue_full");
                answer.accept(MiTreeReply.of(503, "Service Unavailable"));
            }
            return;
        }
        answer.accept(badArguments(args, request.command()));
    }

    private MiReply badArguments(final PuaArgs<?> args, final String command)
    {
        counters.increment("errors.bad_arguments");
        if (args instanceof PuaArgs.Fault<?> fault)
        {
            return MiTreeReply.of(fault.fault().code(), fault.fault().message());
        }
        return new MiFixedReply(MiFixedReply.Kind.COMMAND_FAILED, command);
    }
}
