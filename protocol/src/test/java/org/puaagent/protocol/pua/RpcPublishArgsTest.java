package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

class RpcPublishArgsTest
{
    private static final String URI = "sip:alice@127.0.0.1";

    private static List<RpcValue> strings(final String... values)
    {
        final List<RpcValue> out = new ArrayList<>();
        for (final String v : values)
        {
            out.add(new RpcString(v));
        }
        return out;
    }

    private static List<RpcValue> with(final List<RpcValue> params, final int index, final RpcValue value)
    {
        final List<RpcValue> copy = new ArrayList<>(params);
        copy.set(index, value);
        return copy;
    }

    private static PublishRequest ok(final List<RpcValue> params)
    {
        final PuaArgs<PublishRequest> result = RpcPublishArgs.decode(params);
        return assertInstanceOf(PuaArgs.Ok.class, result, () -> String.valueOf(result)).request() instanceof
            PublishRequest r ? r : null;
    }

    private static RpcFault fault(final List<RpcValue> params)
    {
        final PuaArgs<PublishRequest> result = RpcPublishArgs.decode(params);
        return assertInstanceOf(PuaArgs.Fault.class, result, () -> String.valueOf(result)).fault();
    }

    private static final List<RpcValue> MINIMAL = strings(URI, "3600", "presence", ".", ".", ".", ".", ".");

    // ---------------------------------------------------------------- rows 2-6, exact messages

    @Test
    void tooFewOrWrongType()
    {
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (0)"), fault(null));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (0)"), fault(List.of()));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-2)"), fault(strings(URI, "3600")));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-7)"), fault(MINIMAL.subList(0, 7)));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (0)"), fault(with(MINIMAL, 0, RpcInt.of(5))));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-2)"),
            fault(with(MINIMAL, 2, RpcNull.INSTANCE)));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-7)"),
            fault(with(MINIMAL, 7, new RpcBytes(new byte[] {'.'}))));
        final List<RpcValue> badBody = new ArrayList<>(MINIMAL);
        badBody.add(RpcInt.of(12345));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-8)"), fault(badBody));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-1)"),
            fault(with(MINIMAL, 1, new RpcDouble(1.5))));
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-1)"),
            fault(with(MINIMAL, 1, RpcArray.of(RpcInt.of(1)))));
    }

    @Test
    void typeCheckComesBeforeTheUriCheck()
    {
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-1)"), fault(strings("alice")));
    }

    @Test
    void invalidPresentityUri()
    {
        assertEquals(new RpcFault(400, "Invalid presentity uri 'alice'"), fault(with(MINIMAL, 0, new RpcString("alice"))));
        assertEquals(new RpcFault(400, "Invalid presentity uri ''"), fault(with(MINIMAL, 0, new RpcString(""))));
        assertEquals(new RpcFault(400, "Invalid presentity uri 'sip:alice@'"),
            fault(with(MINIMAL, 0, new RpcString("sip:alice@"))));
    }

    @Test
    void invalidExpiresShowsTheTextWithoutItsSign()
    {
        assertEquals(new RpcFault(400, "Invalid expires value '12abc'"), fault(with(MINIMAL, 1, new RpcString("12abc"))));
        assertEquals(new RpcFault(400, "Invalid expires value '5x'"), fault(with(MINIMAL, 1, new RpcString("-5x"))));
        assertEquals(new RpcFault(400, "Invalid expires value '+5'"), fault(with(MINIMAL, 1, new RpcString("+5"))));
        assertEquals(new RpcFault(400, "Invalid expires value ' 5'"), fault(with(MINIMAL, 1, new RpcString(" 5"))));
        assertEquals(new RpcFault(400, "Invalid expires value '99999999999'"),
            fault(with(MINIMAL, 1, new RpcString("99999999999"))));
    }

    @Test
    void uriIsCheckedBeforeExpires()
    {
        assertEquals(new RpcFault(400, "Invalid presentity uri 'x'"),
            fault(strings("x", "bad", "foo", "text/plain", ".", ".", ".", ".")));
    }

    @Test
    void bodyMissingComesBeforeUnknownEvent()
    {
        assertEquals(new RpcFault(400, "Body is missing"),
            fault(strings(URI, "3600", "foo", "application/pidf+xml", ".", ".", ".", ".")));
        assertEquals(new RpcFault(400, "Body is missing"), fault(with(MINIMAL, 3, new RpcString("x"))));
        assertEquals(new RpcFault(400, "Body is missing"), fault(with(MINIMAL, 3, new RpcString(""))));
    }

    @Test
    void unknownEvent()
    {
        for (final String event : List.of("foo", "", "Presence", "presence;winfo", "xcap-diff", "as-feature-event"))
        {
            assertEquals(new RpcFault(400, "Unknown event"), fault(with(MINIMAL, 2, new RpcString(event))), event);
        }
    }

    @Test
    void conferencePassesHereAndFailsLaterInThePipeline()
    {
        assertEquals(EventPackage.CONFERENCE, ok(with(MINIMAL, 2, new RpcString("conference"))).event());
    }

    // ---------------------------------------------------------------- placeholders and values

    @Test
    void dotPlaceholders()
    {
        final PublishRequest r = ok(MINIMAL);
        assertEquals(new PublishRequest(URI, 3600, EventPackage.PRESENCE, "application/pidf+xml", null, null, null,
            null, null), r);
    }

    @Test
    void anyOneCharacterContentTypeMeansTheEventDefault()
    {
        final List<RpcValue> params = strings(URI, "60", "message-summary", "x", ".", ".", ".", ".", "body");
        assertEquals("application/simple-message-summary", ok(params).contentType());
        assertNull(ok(with(params, 2, new RpcString("presence.winfo"))).contentType());
        assertEquals("text/plain", ok(with(params, 3, new RpcString("text/plain"))).contentType());
    }

    @Test
    void explicitValuesAndABodyOfADot()
    {
        final PublishRequest r = ok(strings(URI, "-1", "dialog", "application/dialog-info+xml", "call-77", "a.1.2",
            "sip:127.0.0.1:5070", "X-Bridge: test\r\n", "."));
        assertEquals(new PublishRequest(URI, -1, EventPackage.DIALOG, "application/dialog-info+xml", "call-77",
            "a.1.2", "sip:127.0.0.1:5070", "X-Bridge: test\r\n", "."), r);
    }

    @Test
    void emptyOptionalStringsMeanNone()
    {
        final PublishRequest r = ok(strings(URI, "0", "presence", ".", "", "", "", "", ""));
        assertNull(r.id());
        assertNull(r.etag());
        assertNull(r.outboundProxy());
        assertNull(r.extraHeaders());
        assertEquals("", r.body());
    }

    @Test
    void expiresTextForms()
    {
        assertEquals(0, ok(with(MINIMAL, 1, new RpcString(""))).expires());
        assertEquals(0, ok(with(MINIMAL, 1, new RpcString("-"))).expires());
        assertEquals(-1, ok(with(MINIMAL, 1, new RpcString("-1"))).expires());
        assertEquals(7, ok(with(MINIMAL, 1, new RpcString("007"))).expires());
        assertEquals(Integer.MAX_VALUE, ok(with(MINIMAL, 1, new RpcString("2147483647"))).expires());
        assertEquals(Integer.MIN_VALUE, ok(with(MINIMAL, 1, new RpcString("-2147483648"))).expires());
    }

    @Test
    void leniencyExpiresAsANumber()
    {
        assertEquals(3600, ok(with(MINIMAL, 1, RpcInt.of(3600))).expires());
        assertEquals(-1, ok(with(MINIMAL, 1, RpcInt.of(-1))).expires());
        assertEquals(3600, ok(with(MINIMAL, 1, new RpcDouble(3600.0))).expires());
    }

    @Test
    void extraParametersAreIgnored()
    {
        final List<RpcValue> params = new ArrayList<>(strings(URI, "3600", "presence", ".", ".", ".", ".", ".", "<b/>"));
        params.add(RpcInt.of(1));
        params.add(RpcNull.INSTANCE);
        assertEquals("<b/>", ok(params).body());
    }

    // ---------------------------------------------------------------- captured vectors

    /** Cases where Kamailio's fault comes from the argument checks: our message must be the same. */
    @Test
    void capturedArgumentFaultsAreReproducedExactly()
    {
        for (final String n : List.of("21", "22", "23", "24", "25", "26", "28"))
        {
            final CapturedCalls.Call call = CapturedCalls.http(n);
            assertEquals("pua.publish", call.method(), call.name());
            final PuaArgs<PublishRequest> result = RpcPublishArgs.decode(call.params());
            assertEquals(new PuaArgs.Fault<>(call.fault()), result, call.name());
        }
    }

    /** Cases Kamailio refuses later (pipeline) pass the argument checks here. */
    @Test
    void capturedPipelineFaultsPassTheArgumentChecks()
    {
        for (final String n : List.of("27", "29", "30", "31"))
        {
            final CapturedCalls.Call call = CapturedCalls.http(n);
            assertEquals(500, call.fault().code(), call.name());
            assertInstanceOf(PuaArgs.Ok.class, RpcPublishArgs.decode(call.params()), call.name());
        }
        assertEquals("no-such-etag", ok(CapturedCalls.http("30").params()).etag());
        assertEquals("not xml", ok(CapturedCalls.http("31").params()).body());
    }

    @Test
    void capturedExpiresAsNumberIsAcceptedDeliberately()
    {
        final CapturedCalls.Call call = CapturedCalls.http("20");
        assertEquals(new RpcFault(400, "Too few or wrong type of parameters (-1)"), call.fault(), "Kamailio's answer");
        assertEquals(3600, ok(call.params()).expires());
    }

    @Test
    void capturedSuccessfulCallsDecode()
    {
        final PublishRequest dialog = ok(CapturedCalls.http("04").params());
        assertEquals(EventPackage.DIALOG, dialog.event());
        assertEquals(600, dialog.expires());
        final PublishRequest tenParams = ok(CapturedCalls.http("33").params());
        assertEquals(EventPackage.MESSAGE_SUMMARY, tenParams.event());
        assertEquals(Arrays.asList(0, -1), Arrays.asList(ok(CapturedCalls.http("07").params()).expires(),
            ok(CapturedCalls.http("09").params()).expires()));
    }
}
