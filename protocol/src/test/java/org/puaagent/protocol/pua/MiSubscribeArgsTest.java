package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.puaagent.protocol.mi.MiNode;
import org.puaagent.protocol.rpc.RpcFault;

class MiSubscribeArgsTest
{
    private static final String P = "sip:alice@127.0.0.1:5070";
    private static final String W = "sip:bob@127.0.0.1:5060";
    private static final PuaArgs<SubscribeRequest> FAILED = new PuaArgs.CommandFailed<>();

    private static PuaArgs<SubscribeRequest> decode(final String... values)
    {
        final List<MiNode> nodes = new ArrayList<>();
        for (final String v : values)
        {
            nodes.add(v == null ? MiNode.of("n", null) : MiNode.of(v));
        }
        return MiSubscribeArgs.decode(nodes);
    }

    private static PuaArgs<SubscribeRequest> fault(final int code, final String reason)
    {
        return new PuaArgs.Fault<>(new RpcFault(code, reason));
    }

    @Test
    void accepted()
    {
        assertEquals(new PuaArgs.Ok<>(new SubscribeRequest(P, W, EventPackage.PRESENCE, 3600)),
            decode(P, W, "presence", "3600"));
        assertEquals(new PuaArgs.Ok<>(new SubscribeRequest(P, W, EventPackage.DIALOG, -1)), decode(P, W, "dialog", "-1"));
        assertEquals(new PuaArgs.Ok<>(new SubscribeRequest(P, W, EventPackage.CONFERENCE, 0)),
            decode(P, W, "conference", "-"));
    }

    @Test
    void arity()
    {
        assertEquals(FAILED, decode());
        assertEquals(FAILED, decode(P));
        assertEquals(FAILED, decode(P, W));
        assertEquals(FAILED, decode(P, W, "presence"));
        assertEquals(FAILED, decode(P, W, "presence", "3600", "extra"));
        assertEquals(FAILED, decode(P, W, "foo", "3600", "extra"), "count is checked before the event name");
    }

    @Test
    void checksInOrder()
    {
        assertEquals(fault(400, "Bad uri"), decode((String) null));
        assertEquals(fault(400, "Bad uri"), decode(""));
        assertEquals(fault(400, "Bad uri"), decode("alice", "bob"));
        assertEquals(fault(400, "Bad uri"), decode(P, "bob", "presence", "3600"));
        assertEquals(fault(400, "Bad uri"), decode(P, null, "presence", "3600"));
        assertEquals(fault(400, "Empty event parameter"), decode(P, W, ""));
        assertEquals(fault(400, "Empty event parameter"), decode(P, W, null, "3600", "extra"));
        assertEquals(fault(400, "Bad expires"), decode(P, W, "presence", ""));
        assertEquals(fault(400, "Bad expires"), decode(P, W, "foo", null));
        assertEquals(FAILED, decode(P, W, "presence", "abc"));
        assertEquals(FAILED, decode(P, W, "foo", "1.5"), "expires is checked before the event name");
        assertEquals(fault(400, "Unknown event"), decode(P, W, "foo", "3600"));
        assertEquals(fault(400, "Unknown event"), decode(P, W, "xcap-diff", "3600"));
    }
}
