package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

class RpcSubscribeArgsTest
{
    private static final String PRESENTITY = "sip:alice@127.0.0.1:5070";
    private static final String WATCHER = "sip:bob@127.0.0.1:5060";
    private static final RpcFault NOT_ENOUGH = new RpcFault(500, "Not enough parameters");

    private static List<RpcValue> params(final RpcValue expires)
    {
        return params(PRESENTITY, WATCHER, "presence", expires);
    }

    private static List<RpcValue> params(final String p, final String w, final String e, final RpcValue expires)
    {
        final List<RpcValue> out = new ArrayList<>(List.of(new RpcString(p), new RpcString(w), new RpcString(e)));
        out.add(expires);
        return out;
    }

    private static RpcFault fault(final List<RpcValue> params)
    {
        final PuaArgs<SubscribeRequest> r = RpcSubscribeArgs.decode(params);
        return assertInstanceOf(PuaArgs.Fault.class, r, () -> String.valueOf(r)).fault();
    }

    private static SubscribeRequest ok(final List<RpcValue> params)
    {
        final PuaArgs<SubscribeRequest> r = RpcSubscribeArgs.decode(params);
        return (SubscribeRequest) assertInstanceOf(PuaArgs.Ok.class, r, () -> String.valueOf(r)).request();
    }

    @Test
    void accepted()
    {
        assertEquals(new SubscribeRequest(PRESENTITY, WATCHER, EventPackage.PRESENCE, 3600), ok(params(RpcInt.of(3600))));
        assertEquals(-1, ok(params(RpcInt.of(-1))).expires());
        assertEquals(EventPackage.CONFERENCE, ok(params(PRESENTITY, WATCHER, "conference", RpcInt.of(1))).event());
    }

    @Test
    void notEnoughParameters()
    {
        assertEquals(NOT_ENOUGH, fault(null));
        assertEquals(NOT_ENOUGH, fault(List.of()));
        assertEquals(NOT_ENOUGH, fault(params(RpcInt.of(1)).subList(0, 3)));
        assertEquals(NOT_ENOUGH, fault(params(new RpcDouble(1.5))));
        assertEquals(NOT_ENOUGH, fault(params(RpcNull.INSTANCE)));
        assertEquals(NOT_ENOUGH, fault(params(RpcBool.TRUE)));
        assertEquals(NOT_ENOUGH, fault(params(new RpcString(""))));
        assertEquals(NOT_ENOUGH, fault(params(new RpcString("-"))));
        assertEquals(NOT_ENOUGH, fault(params(new RpcString("12abc"))));
        final List<RpcValue> presentityAsInt = params(RpcInt.of(1));
        presentityAsInt.set(0, RpcInt.of(7));
        assertEquals(NOT_ENOUGH, fault(presentityAsInt));
        final List<RpcValue> badUriShortList = new ArrayList<>(List.of(new RpcString("alice")));
        assertEquals(NOT_ENOUGH, fault(badUriShortList), "count/type check comes before the URI checks");
    }

    @Test
    void uriAndEventFaultsInOrder()
    {
        assertEquals(new RpcFault(400, "Invalid presentity URI"), fault(params("alice", "bob", "foo", RpcInt.of(1))));
        assertEquals(new RpcFault(400, "Invalid watcher URI"), fault(params(PRESENTITY, "bob", "foo", RpcInt.of(1))));
        assertEquals(new RpcFault(404, "Unknown event"), fault(params(PRESENTITY, WATCHER, "foo", RpcInt.of(1))));
        assertEquals(new RpcFault(404, "Unknown event"), fault(params(PRESENTITY, WATCHER, "xcap-diff", RpcInt.of(1))));
    }

    @Test
    void leniencyExpiresAsDecimalStringOrIntegralDouble()
    {
        assertEquals(3600, ok(params(new RpcString("3600"))).expires());
        assertEquals(-1, ok(params(new RpcString("-1"))).expires());
        assertEquals(1800, ok(params(new RpcDouble(1800.0))).expires());
    }

    @Test
    void extraParametersAreIgnored()
    {
        final List<RpcValue> p = params(RpcInt.of(60));
        p.add(new RpcString("extra"));
        assertEquals(60, ok(p).expires());
    }

    // ---------------------------------------------------------------- captured vectors

    @Test
    void capturedKamcmdFaultsAreReproducedExactly()
    {
        for (final String n : List.of("15", "16", "17", "18", "19"))
        {
            final CapturedCalls.Call call = CapturedCalls.kamcmd(n);
            assertEquals("pua.subscribe", call.method(), call.name());
            assertEquals(new PuaArgs.Fault<>(call.fault()), RpcSubscribeArgs.decode(call.params()), call.name());
        }
    }

    @Test
    void capturedHttpFaultsAreReproducedExactly()
    {
        for (final String n : List.of("39", "40"))
        {
            final CapturedCalls.Call call = CapturedCalls.http(n);
            assertEquals(new PuaArgs.Fault<>(call.fault()), RpcSubscribeArgs.decode(call.params()), call.name());
        }
    }

    @Test
    void capturedSuccessesDecode()
    {
        assertEquals(3600, ok(CapturedCalls.http("37").params()).expires());
        assertEquals(3600, ok(CapturedCalls.kamcmd("12").params()).expires());
        assertEquals(-1, ok(CapturedCalls.kamcmd("14").params()).expires());
        assertEquals(EventPackage.CONFERENCE, ok(CapturedCalls.kamcmd("20").params()).event(),
            "Kamailio fails it later with 500 Execution failure");
    }

    @Test
    void capturedExpiresAsStringIsAcceptedDeliberately()
    {
        final CapturedCalls.Call kamcmd = CapturedCalls.kamcmd("13");
        assertEquals(NOT_ENOUGH, kamcmd.fault(), "Kamailio's answer over binrpc");
        assertEquals(3600, ok(kamcmd.params()).expires());
        final CapturedCalls.Call http = CapturedCalls.http("38");
        assertEquals(null, http.fault(), "Kamailio read it as 0 and answered {}");
        assertEquals(3600, ok(http.params()).expires());
    }
}
