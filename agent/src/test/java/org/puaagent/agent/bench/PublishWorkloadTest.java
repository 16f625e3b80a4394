package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.pua.PuaArgs;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.RpcPublishArgs;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

class PublishWorkloadTest
{
    @Test
    void paramsAreAValidPresencePublishOfTheCycledPresentity()
    {
        final PublishWorkload workload = new PublishWorkload(3, 500, 120);
        final List<RpcValue> params = workload.params(4);
        final PuaArgs<PublishRequest> decoded = RpcPublishArgs.decode(params);
        assertTrue(decoded instanceof PuaArgs.Ok<PublishRequest>, "refused: " + decoded);
        final PublishRequest request = ((PuaArgs.Ok<PublishRequest>) decoded).request();
        assertEquals("sip:user1@127.0.0.1", request.presentity());
        assertEquals(120, request.expires());
        assertEquals("presence", request.event().wireName());
        assertTrue(request.body().contains("entity=\"sip:user1@127.0.0.1\""), request.body());
        assertTrue(request.body().contains("<tuple"), request.body());
    }

    @Test
    void presentitiesCycle()
    {
        final PublishWorkload workload = new PublishWorkload(10, 0, 60);
        assertEquals("sip:user0@127.0.0.1", workload.presentity(0));
        assertEquals("sip:user9@127.0.0.1", workload.presentity(9));
        assertEquals("sip:user0@127.0.0.1", workload.presentity(10));
        assertEquals("sip:user3@127.0.0.1", workload.presentity(123));
    }

    @Test
    void bodyIsAboutTheAskedSize()
    {
        for (final int size : new int[] {300, 500, 2000})
        {
            final PublishWorkload workload = new PublishWorkload(10_000, size, 60);
            final int actual = ((RpcString) workload.params(1000).get(8)).value().getBytes(StandardCharsets.UTF_8)
                .length;
            assertEquals(size, actual, 2.0, "body size for " + size);
        }
    }
}
