package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every captured request (HTTP bodies, FIFO, datagram, the requests kamctl prints) parses into exactly the call
 * written down here: method, every parameter with its type, id, version member and reply_name.
 */
class CapturedRequestsTest
{
    private static final String ALICE = "sip:alice@example.com";
    private static final String DOT = ".";
    private static final String DIALOG_BODY = "<?xml version=\"1.0\"?>\n<dialog-info "
        + "xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:bob@example.com\">"
        + "<dialog id=\"call-77\" direction=\"initiator\"><state>confirmed</state></dialog></dialog-info>";

    private record Expected(String method, List<RpcValue> params, RequestId id, VersionMember version,
        String replyName)
    {
    }

    private final Map<String, Expected> http = new HashMap<>();
    private final Map<String, Expected> fifo = new HashMap<>();
    private final Map<String, Expected> dgram = new HashMap<>();

    CapturedRequestsTest()
    {
        final List<RpcValue> none = List.of();
        http.put("01", call("core.version", none, num(1)));
        http.put("02", call("pua.publish", List.of(s(ALICE), s("3600"), s("presence"), s("application/pidf+xml"),
            s(DOT), s(DOT), s(DOT), s(DOT), s("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence "
                + "xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@example.com\"><tuple id=\"t1\"><status>"
                + "<basic>open</basic></status><note>Ready</note></tuple></presence>")), num(2)));
        http.put("03", call("pua.publish", List.of(s(ALICE), s("3600"), s("presence"), s("application/pidf+xml"),
            s(DOT), s(DOT), s(DOT), s(DOT), s("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
                + "entity=\"sip:alice@example.com\"><tuple><status><basic>closed</basic></status></tuple></presence>")),
            new RequestId.JsonText("modify-1")));
        http.put("04", call("pua.publish", List.of(s("sip:bob@example.com"), s("600"), s("dialog"),
            s("application/dialog-info+xml"), s("call-77"), s(DOT), s("sip:127.0.0.1:5070;transport=udp"),
            s("X-Bridge: test\r\nPriority: normal\r\n"), s(DIALOG_BODY)), num(4)));
        http.put("05", call("pua.publish", List.of(s("sip:bob@example.com"), s("600"), s("dialog"), s(DOT),
            s("call-77"), s("a.1795791743.32696.3.0"), s(DOT), s(DOT), s(DIALOG_BODY)), num(5)));
        http.put("06", call("pua.publish", publish("sip:carol@example.com", "3600", "message-summary",
            "Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n"), num(6)));
        http.put("07", call("pua.publish", publish(ALICE, "0", "presence", null), num(7)));
        http.put("08", call("pua.send_publish", List.of(s("sip:dave@example.com"), s("3600"), s("presence"),
            s("application/pidf+xml"), s(DOT), s(DOT), s(DOT), s(DOT), s(pidf("dave", "open"))), num(8)));
        http.put("09", call("pua.publish", publish("sip:erin@example.com", "-1", "presence", pidf("erin", "open")),
            num(9)));
        final String[] users = {"e412", "e423", "e503", "timeout", "noetag", "quinn"};
        for (int i = 0; i < users.length; i++)
        {
            final int n = 10 + i;
            http.put(Integer.toString(n), call("pua.publish", publish("sip:" + users[i] + "@example.com", "3600",
                "presence", pidf(users[i], "open")), num(n)));
        }
        http.put("16", call("pua.send_publish", publish("sip:quinn@example.com", "3600", "presence",
            pidf("quinn", "closed")), num(16)));
        http.put("17", call("pua.publish", publish("sip:quinn@example.com", "3600", "presence",
            pidf("quinn", "open")), num(17)));
        http.put("20", call("pua.publish", List.of(s(ALICE), RpcInt.of(3600), s("presence"), s(DOT), s(DOT),
            s(DOT), s(DOT), s(DOT)), num(20)));
        http.put("21", call("pua.publish", List.of(s(ALICE), s("3600")), num(21)));
        http.put("22", call("pua.publish", none, num(22)));
        http.put("23", call("pua.publish", publish("alice", "3600", "presence", null), num(23)));
        http.put("24", call("pua.publish", publish("", "3600", "presence", null), num(24)));
        http.put("25", call("pua.publish", publish(ALICE, "12abc", "presence", null), num(25)));
        http.put("26", call("pua.publish", publish(ALICE, "3600", "foo", null), num(26)));
        http.put("27", call("pua.publish", publish(ALICE, "3600", "conference", "x"), num(27)));
        http.put("28", call("pua.publish", List.of(s(ALICE), s("3600"), s("presence"), s("application/pidf+xml"),
            s(DOT), s(DOT), s(DOT), s(DOT)), num(28)));
        http.put("29", call("pua.publish", publish("sip:frank@example.com", "3600", "presence", null), num(29)));
        http.put("30", call("pua.publish", List.of(s(ALICE), s("3600"), s("presence"), s(DOT), s(DOT),
            s("no-such-etag"), s(DOT), s(DOT), s("<x/>")), num(30)));
        http.put("31", call("pua.publish", publish(ALICE, "3600", "presence", "not xml"), num(31)));
        http.put("32", call("pua.publish", publish("sip:nobody@example.com", "0", "presence", null), num(32)));
        final List<RpcValue> ten = new ArrayList<>(publish("sip:gina@example.com", "3600", "message-summary",
            "Messages-Waiting: no\r\n"));
        ten.add(s("extra"));
        http.put("33", call("pua.publish", ten, num(33)));
        http.put("34", call("pua.publish", publish("sip:hank@example.com", "3600", "message-summary",
            "Messages-Waiting: no\r\n"), num(34)));
        http.put("35", call("pua.publish", publish("sip:ivan@example.com", "3600", "message-summary",
            "Messages-Waiting: no\r\n"), RequestId.None.INSTANCE));
        http.put("36", call("pua.send_publish", publish("sip:ivan@example.com", "3600", "message-summary",
            "Messages-Waiting: no\r\n"), RequestId.None.INSTANCE));
        http.put("37", call("pua.subscribe", subscribe("sip:judy@127.0.0.1:5060", "presence", RpcInt.of(3600)),
            num(37)));
        http.put("38", call("pua.subscribe", subscribe("sip:judy@127.0.0.1:5060", "presence", s("3600")), num(38)));
        http.put("39", call("pua.subscribe", subscribe("sip:judy@127.0.0.1:5060", "foo", RpcInt.of(3600)),
            num(39)));
        http.put("40", call("pua.subscribe", List.of(s("sip:alice@127.0.0.1:5070")), num(40)));
        http.put("41", call("foo.bar", none, num(41)));
        http.put("43", new Expected("core.version", none, num(43), VersionMember.WRONG, null));
        http.put("44", new Expected("core.version", none, num(44), VersionMember.MISSING, null));
        http.put("46", call("core.version", none, RequestId.None.INSTANCE));
        http.put("47", call("core.version", none, RequestId.JsonNull.INSTANCE));
        http.put("48", call("core.version", none, new RequestId.JsonNumber(1.5)));
        http.put("49", call("core.version", none, new RequestId.JsonText("abc-1")));
        http.put("50", call("core.version", none, new RequestId.JsonNumber(12345678901.0)));
        http.put("51", call("core.echo", List.of(s("x"), RpcInt.of(2)), num(51)));
        http.put("52", call("core.echo", none, num(52)));
        http.put("53", call("core.echo",
            List.of(s("quote\" backslash\\ tab\t nl\n ctl\u0001 slash/ utf8 \u00e9\u2603")),
            num(53)));
        http.put("54", call("core.sockets_list", none, num(54)));
        http.put("55", call("core.psx", none, num(55)));
        http.put("56", call("core.uptime", none, num(56)));
        http.put("57", call("system.methodHelp", List.of(s("pua.publish")), num(57)));
        http.put("58", call("pua.publish", publish("sip:zed@example.com", "3600", "presence.winfo", "x"), num(58)));
        http.put("60", call("pua.publish", publish("sip:olga@example.com", "3600", "presence",
            pidf("olga", "open")), num(60)));
        http.put("61", call("pua.publish", publish("sip:olga@example.com", "0", "presence", null), num(61)));
        http.put("70", call("core.uptime", none, num(70)));
        http.put("71", call("foo.bar", none, num(71)));
        http.put("72", call("pua.publish", publish("sip:paul@example.com", "3600", "presence",
            pidf("paul", "open")), num(72)));
        http.put("73", call("core.echo", List.of(s("a"), RpcInt.of(1)), num(73)));

        fifo.put("01", fifoCall("core.version", none, 1));
        fifo.put("02", fifoCall("pua.publish", publish(ALICE, "3600", "presence", "<x/>"), 2));
        fifo.put("03", fifoCall("pua.send_publish", publish("sip:kate@example.com", "3600", "message-summary",
            "Messages-Waiting: yes\r\n"), 3));
        fifo.put("04", fifoCall("pua.subscribe", List.of(s("sip:alice@127.0.0.1:5070"), s("sip:leo@127.0.0.1:5060"),
            s("presence"), RpcInt.of(3600)), 4));
        fifo.put("05", fifoCall("core.echo", List.of(s("}{ \"}\" '{'")), 5));
        fifo.put("06", fifoCall("foo.bar", none, 6));

        dgram.put("01", call("core.version", none, num(1)));
        dgram.put("02", call("pua.publish", publish(ALICE, "3600", "presence", null), num(2)));
        dgram.put("03", call("pua.send_publish", publish("sip:mia@example.com", "3600", "message-summary",
            "Messages-Waiting: yes\r\n"), num(3)));
    }

    @Test
    void everyHttpRequestBodyParsesAsCaptured()
    {
        int checked = 0;
        for (final Path p : Vectors.files("http", ".req.http"))
        {
            final String n = Vectors.caseNumber(p);
            final Vectors.HttpMessage m = Vectors.http(p);
            assertEquals(Integer.toString(m.body().length), m.header("Content-Length"), p.toString());
            final JsonRpcInput input = JsonRpcRequestParser.kamailio().parse(m.body());
            switch (n)
            {
                case "42":
                    assertInstanceOf(JsonRpcInput.ParseError.class, input, p.toString());
                    break;
                case "45":
                    final JsonRpcInput.Batch batch = assertInstanceOf(JsonRpcInput.Batch.class, input, p.toString());
                    assertEquals(1, batch.elements().size());
                    check(p, call("core.version", List.of(), num(45)), batch.elements().get(0));
                    break;
                default:
                    final Expected e = http.get(n);
                    assertTrue(e != null, "no expectation written down for " + p);
                    check(p, e, input);
            }
            checked++;
        }
        assertEquals(http.size() + 2, checked, "every expectation has its vector");
    }

    @Test
    void everyFifoRequestParsesAsCaptured()
    {
        final List<Path> files = Vectors.files("fifo", ".req.json");
        for (final Path p : files)
        {
            final Expected e = fifo.get(Vectors.caseNumber(p));
            assertTrue(e != null, "no expectation written down for " + p);
            check(p, e, JsonRpcRequestParser.kamailio().parse(Vectors.read(p)));
        }
        assertEquals(fifo.size(), files.size());
    }

    @Test
    void everyDatagramRequestParsesAsCaptured()
    {
        final List<Path> files = Vectors.files("dgram", ".req.json");
        for (final Path p : files)
        {
            final Expected e = dgram.get(Vectors.caseNumber(p));
            assertTrue(e != null, "no expectation written down for " + p);
            check(p, e, JsonRpcRequestParser.kamailio().parse(Vectors.read(p)));
        }
        assertEquals(dgram.size(), files.size());
    }

    @Test
    void requestsKamctlBuildsParseWithNumbersAsNumbers()
    {
        check(Path.of("kamctl/02"), new Expected("pua.send_publish", List.of(s("sip:nina@example.com"),
            RpcInt.of(3600), s("message-summary"), s(DOT), s(DOT), s(DOT), s(DOT), s(DOT),
            s("Messages-Waiting: yes")), num(16536), VersionMember.VALID, "kamailio_receiver_16536"),
            JsonRpcRequestParser.kamailio().parse(kamctlRequest("02-rpcprint-pua.send_publish.stdout")));
        check(Path.of("kamctl/06"), new Expected("core.echo", List.of(RpcInt.of(42), s("42"), RpcInt.of(42),
            new RpcDouble(1.5), s("abc")), num(16641), VersionMember.VALID, "kamailio_receiver_16641"),
            JsonRpcRequestParser.kamailio().parse(kamctlRequest("06-rpcprint-i-and-s-prefixes.stdout")));
    }

    @Test
    void objectParamsOfHttp34GiveTheSameCallByNameAsInDocumentOrder()
    {
        final byte[] body = Vectors.http(Vectors.files("http", ".req.http").stream()
            .filter(p -> Vectors.caseNumber(p).equals("34")).findFirst().orElseThrow()).body();
        final String text = new String(body, StandardCharsets.UTF_8);
        final String reordered = text.replace("\"uri\":\"sip:hank@example.com\",", "")
            .replace("\"body\":", "\"uri\":\"sip:hank@example.com\",\"body\":");
        assertTrue(!reordered.equals(text));
        final JsonRpcInput.Call byName = assertInstanceOf(JsonRpcInput.Call.class,
            JsonRpcRequestParser.kamailio().parse(reordered.getBytes(StandardCharsets.UTF_8)));
        assertEquals(http.get("34").params(), byName.request().params());
    }

    private static byte[] kamctlRequest(final String file)
    {
        final String out = new String(Vectors.read(Vectors.jsonrpc().resolve("kamctl").resolve(file)),
            StandardCharsets.UTF_8);
        final String line = Arrays.stream(out.split("\n")).filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private static void check(final Path p, final Expected e, final JsonRpcInput input)
    {
        final JsonRpcInput.Call call = assertInstanceOf(JsonRpcInput.Call.class, input, p.toString());
        final RpcRequest r = call.request();
        assertEquals(e.method(), r.method(), p.toString());
        assertEquals(e.params().size(), r.params().size(), p + " param count");
        assertEquals(e.params(), r.params(), p.toString());
        assertEquals(e.id(), r.id(), p.toString());
        assertEquals(e.version(), call.version(), p.toString());
        assertEquals(e.version() == VersionMember.VALID, call.runsMethod(), p.toString());
        if (e.replyName() == null)
        {
            assertNull(call.replyName(), p.toString());
        }
        else
        {
            assertEquals(e.replyName(), call.replyName(), p.toString());
        }
    }

    private static Expected call(final String method, final List<RpcValue> params, final RequestId id)
    {
        return new Expected(method, params, id, VersionMember.VALID, null);
    }

    private static Expected fifoCall(final String method, final List<RpcValue> params, final int id)
    {
        return new Expected(method, params, num(id), VersionMember.VALID, String.format("kamlab_r%02d", id));
    }

    private static RequestId num(final double n)
    {
        return new RequestId.JsonNumber(n);
    }

    private static RpcString s(final String v)
    {
        return new RpcString(v);
    }

    private static String pidf(final String user, final String basic)
    {
        return "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:" + user + "@example.com\"><tuple "
            + "id=\"t1\"><status><basic>" + basic + "</basic></status></tuple></presence>";
    }

    /** A publish with "." in positions 3..7 and the body (none when null). */
    private static List<RpcValue> publish(final String uri, final String expires, final String event,
        final String body)
    {
        final List<RpcValue> p = new ArrayList<>(List.of(s(uri), s(expires), s(event), s(DOT), s(DOT), s(DOT),
            s(DOT), s(DOT)));
        if (body != null)
        {
            p.add(s(body));
        }
        return p;
    }

    private static List<RpcValue> subscribe(final String watcher, final String event, final RpcValue expires)
    {
        return List.of(s("sip:alice@127.0.0.1:5070"), s(watcher), s(event), expires);
    }
}
