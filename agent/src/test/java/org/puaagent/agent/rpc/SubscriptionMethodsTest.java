package org.puaagent.agent.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.SubscribeOutcome;
import org.puaagent.agent.presence.PresenceServer;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.sip.SipTimers;
import org.puaagent.protocol.mi.MiNode;
import org.puaagent.protocol.mi.MiTreeReply;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/** pua.subscribe, pua.subscriptions, pua.presentity and pua.unsubscribe through the dispatcher. */
class SubscriptionMethodsTest
{
    private static final long WAIT_SECONDS = 15;
    private static final String WATCHER = "sip:bob@127.0.0.1";

    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private PresenceServer server;
    private PresencePipeline pipeline;

    @BeforeEach
    void start() throws Exception
    {
        server = PresenceServer.start(PresenceServerConfig.defaults().withFailureUsers(true));
        pipeline = PresencePipeline.start(PipelineConfig.builder().listen("udp:127.0.0.1:0")
            .defaultOutboundProxy(server.uri()).sipTimers(new SipTimers(500, 4000, 2000)).build());
        new PuaMethods(dispatcher, pipeline).registerAll();
        new SubscriptionMethods(dispatcher, pipeline).registerAll();
    }

    @AfterEach
    void stop()
    {
        pipeline.close();
        server.close();
    }

    private RpcResponse call(final String method, final RpcValue... params) throws Exception
    {
        final CompletableFuture<RpcResponse> answer = new CompletableFuture<>();
        dispatcher.dispatch(new RpcRequest(method, List.of(params), RequestId.None.INSTANCE),
            TransportKind.JSONRPC_HTTP, answer::complete);
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static RpcStruct struct(final RpcResponse response)
    {
        final RpcReply reply = assertInstanceOf(RpcReply.class, response);
        assertEquals(1, reply.values().size(), reply.toString());
        return assertInstanceOf(RpcStruct.class, reply.values().get(0));
    }

    private static String text(final RpcStruct struct, final String name)
    {
        return assertInstanceOf(RpcString.class, struct.get(name), name).value();
    }

    private static int number(final RpcStruct struct, final String name)
    {
        return assertInstanceOf(RpcInt.class, struct.get(name), name).value();
    }

    private static RpcString s(final String text)
    {
        return new RpcString(text);
    }

    @Test
    void subscribeQueryAndUnsubscribe() throws Exception
    {
        final String presentity = "sip:kim@127.0.0.1:" + server.address().getPort();
        final RpcStruct subscribed = struct(call("pua.subscribe", s(presentity), s(WATCHER), s("presence"),
            RpcInt.of(3600)));
        final String id = text(subscribed, "id");
        assertEquals(3600, number(subscribed, "Expires"), "3610 asked, the server's maximum granted");
        assertEquals("active", text(subscribed, "state"));
        assertNull(subscribed.get("reason"));

        final String pidf = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:kim@127.0.0.1\">"
            + "<tuple id=\"t\"><status><basic>open</basic></status><note>rpc-note</note></tuple></presence>";
        assertTrue(struct(call("pua.publish", s("sip:kim@127.0.0.1"), s("600"), s("presence"),
            s("application/pidf+xml"), s("."), s("."), s("."), s("."), s(pidf))).get("SIP-ETag") != null);

        RpcStruct state = struct(call("pua.presentity", s(presentity), s(WATCHER), s("presence")));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!text(state, "body").contains("rpc-note") && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(5);
            state = struct(call("pua.presentity", s(presentity), s(WATCHER), s("presence")));
        }
        assertTrue(text(state, "body").contains("<note>rpc-note</note>"), state.toString());
        assertEquals("application/pidf+xml", text(state, "content_type"));
        assertTrue(text(state, "subscription_state").startsWith("active;expires="), state.toString());
        assertEquals(id, text(state, "id"));
        assertTrue(number(state, "notify_count") >= 2, "the first NOTIFY and the one for the PUBLISH");
        assertTrue(number(state, "last_notify") > 1_600_000_000, "epoch seconds");

        final RpcReply list = assertInstanceOf(RpcReply.class, call("pua.subscriptions"));
        assertTrue(list.arrayResult(), "JSON: an array");
        assertEquals(1, list.values().size());
        final RpcStruct row = assertInstanceOf(RpcStruct.class, list.values().get(0));
        assertEquals(List.of("id", "presentity", "watcher", "event", "state", "expires", "last_notify",
            "notify_count"), row.members().stream().map(RpcStruct.Member::name).toList());
        assertEquals(presentity, text(row, "presentity"));
        assertEquals("presence", text(row, "event"));
        assertTrue(number(row, "expires") > 3500, row.toString());

        final RpcStruct gone = struct(call("pua.unsubscribe", s(presentity), s(WATCHER), s("presence")));
        assertEquals(id, text(gone, "id"));
        assertEquals(0, number(gone, "Expires"));
        assertEquals("terminated", text(gone, "state"));
        assertEquals("unsubscribed", text(gone, "reason"));
        assertEquals(new RpcFault(404, "No such subscription"),
            call("pua.unsubscribe", s(presentity), s(WATCHER), s("presence")));
        final RpcStruct after = struct(call("pua.presentity", s(presentity), s(WATCHER), s("presence")));
        assertEquals("terminated", text(after, "state"));
    }

    @Test
    void argumentsAndUnknownSubscriptions() throws Exception
    {
        assertEquals(new RpcFault(404, "No such subscription"),
            call("pua.presentity", s("sip:x@127.0.0.1"), s(WATCHER), s("presence")));
        assertEquals(new RpcFault(500, "Not enough parameters"), call("pua.presentity", s("sip:x@127.0.0.1")));
        assertEquals(new RpcFault(500, "Not enough parameters"),
            call("pua.unsubscribe", s("sip:x@127.0.0.1"), s(WATCHER), RpcInt.of(1)));
        assertEquals(new RpcFault(404, "Unknown event"),
            call("pua.unsubscribe", s("sip:x@127.0.0.1"), s(WATCHER), s("nonsense")));
        final RpcReply none = assertInstanceOf(RpcReply.class, call("pua.subscriptions"));
        assertTrue(none.values().isEmpty());
        assertEquals(new RpcFault(408, "Request Timeout"), call("pua.subscribe",
            s("sip:timeout9@127.0.0.1:" + server.address().getPort()), s(WATCHER), s("presence"), RpcInt.of(60)),
            "a SIP failure is a fault with its status, as for publish");
    }

    @Test
    void miWordsTheOutcomes()
    {
        assertEquals(new MiTreeReply(200, "OK", List.of(MiNode.of("id", "a-1"), MiNode.of("Expires", "3600"),
            MiNode.of("state", "active"))), PuaReplies.mi(new SubscribeOutcome.Subscribed("a-1", 3600, "active",
            null), "pua_subscribe"));
        assertEquals(MiTreeReply.of(404, "Not Found"),
            PuaReplies.mi(new SubscribeOutcome.Failed(404, "Not Found"), "pua_subscribe"));
        assertEquals(MiTreeReply.of(202, "accepted"), PuaReplies.mi(SubscribeOutcome.SENT, "pua_subscribe"));
    }
}
