package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The captures of real kamcmd 1.5 talking to Kamailio 5.6.3: every request kamcmd sent decodes to the method
 * and typed parameters of its command line (and of the capture's .txt) and re-encodes to the same bytes;
 * every reply/fault decodes, re-encodes byte for byte, and prints exactly what kamcmd printed.
 */
class BinRpcKamcmdVectorTest
{
    static Stream<Arguments> kamcmdRequests()
    {
        final List<Path> all = new ArrayList<>(Vectors.list("kamcmd", ".req.bin"));
        all.addAll(Vectors.list("kamcmd-requests-only", ".req.bin"));
        return all.stream().map(p -> Arguments.of(p.getParent().getFileName() + "/" + p.getFileName(), p));
    }

    static Stream<Arguments> replies()
    {
        final List<Path> all = new ArrayList<>(Vectors.list("kamcmd", ".rep.bin"));
        all.addAll(Vectors.list("raw", ".rep.bin"));
        all.addAll(Vectors.list("udp", "-rep.bin"));
        return all.stream().map(p -> Arguments.of(p.getParent().getFileName() + "/" + p.getFileName(), p));
    }

    static Stream<Arguments> kamcmdOutputs()
    {
        return Vectors.list("kamcmd", ".rep.bin").stream().map(p -> Arguments.of(p.getFileName().toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamcmdRequests")
    void requestMatchesCommandLineAndCapture(final String name, final Path reqBin)
    {
        final byte[] bytes = Vectors.bytes(reqBin);
        final VectorText.Capture capture = VectorText.parse(Vectors.text(Vectors.sibling(reqBin, ".bin", ".txt")));
        final CaptureCheck.Framed framed = CaptureCheck.verify(name, bytes, capture);
        assertEquals(1, framed.packets().size(), name);
        final BinRpcPacket packet = framed.packets().get(0);

        final RpcRequest request = BinRpcDecoder.decodeRequest(packet).value();
        assertEquals(new RequestId.Cookie(packet.cookie()), request.id(), name);
        assertRequestMatchesCapture(name, request, capture.packets().get(0));

        final KamcmdCommand command = KamcmdCommand.parse(Vectors.text(Vectors.sibling(reqBin, ".req.bin", ".cmd")));
        assertEquals(command.method, request.method(), name + ": method");
        assertEquals(command.params.size(), request.params().size(), name + ": parameter count");
        final List<RpcValue> expected = new ArrayList<>();
        for (int i = 0; i < command.params.size(); i++)
        {
            final Object want = command.params.get(i);
            final RpcValue got = request.params().get(i);
            if (want instanceof KamcmdCommand.Abbreviated abbreviated)
            {
                final String s = assertInstanceOf(RpcString.class, got, name).value();
                assertEquals(abbreviated.byteLength(), s.getBytes(StandardCharsets.UTF_8).length, name + ": param " + i);
                assertTrue(s.startsWith(abbreviated.prefix()), name + ": param " + i + " starts with " + abbreviated.prefix());
                expected.add(got);
            }
            else
            {
                final RpcValue value = onTheWire((RpcValue) want);
                assertEquals(value, got, name + ": param " + i);
                expected.add(value);
            }
        }
        final byte[] reencoded = BinRpcEncoder.encodeRequest(packet.cookie(), command.method, expected);
        assertArrayEquals(bytes, reencoded, name + ": kamcmd's bytes from the command line");
        assertArrayEquals(bytes, BinRpcEncoder.encodeRequest(request), name + ": re-encoded from the decoded request");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void replyDecodesAndReencodesByteForByte(final String name, final Path repBin)
    {
        final byte[] bytes = Vectors.bytes(repBin);
        final VectorText.Capture capture = VectorText.parse(Vectors.text(Vectors.sibling(repBin, ".bin", ".txt")));
        final CaptureCheck.Framed framed = CaptureCheck.verify(name, bytes, capture);
        final BinRpcWriter all = new BinRpcWriter(16);
        for (int i = 0; i < framed.packets().size(); i++)
        {
            final BinRpcPacket packet = framed.packets().get(i);
            final BinRpcResponse response = BinRpcDecoder.decodeResponse(packet).value();
            assertEquals(packet.cookie(), response.cookie(), name);
            assertResponseMatchesCapture(name + " #" + i, response.response(), capture.packets().get(i));
            assertArrayEquals(packet.toByteArray(), BinRpcEncoder.encodeResponse(response.cookie(), response.response()),
                name + " #" + i + ": re-encoded");
            BinRpcEncoder.writeResponse(all, response.cookie(), response.response());
        }
        assertArrayEquals(bytes, all.toByteArray(), name + ": all packets back to back in one writer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamcmdOutputs")
    void printerReproducesKamcmdStdout(final String name, final Path repBin)
    {
        final byte[] stdout = Vectors.bytes(Vectors.sibling(repBin, ".rep.bin", ".stdout"));
        final KamcmdCommand command = KamcmdCommand.parse(Vectors.text(Vectors.sibling(repBin, ".rep.bin", ".cmd")));
        final RpcResponse response = BinRpcDecoder.decodeResponse(Vectors.bytes(repBin)).value().response();
        final byte[] printed = null == command.format ? KamcmdPrinter.print(response)
            : KamcmdPrinter.printFormatted(response, command.format);
        if (command.helpListing)
        {
            // "help" without arguments prints the method list, then kamcmd's own alias and built-in names
            final String out = new String(stdout, StandardCharsets.UTF_8);
            final String methods = new String(printed, StandardCharsets.UTF_8);
            assertTrue(out.startsWith(methods), name);
            final String rest = out.substring(methods.length());
            assertTrue(rest.lines().allMatch(l -> l.startsWith("alias: ") || l.startsWith("builtin: ")), name + ": " + rest);
            assertTrue(rest.contains("alias: ls\n") && rest.contains("builtin: help\n"), name);
            return;
        }
        assertEquals(new String(stdout, StandardCharsets.UTF_8), new String(printed, StandardCharsets.UTF_8), name);
        assertArrayEquals(stdout, printed, name);
    }

    @Test
    void udpDatagramsDecodeAndPrintLikeKamcmd()
    {
        final BinRpcDatagramDecoder datagrams = new BinRpcDatagramDecoder();
        final String[][] cases = {
            {"dgram-01-req.bin", "dgram-02-rep.bin", "01-core.version.stdout", "core.version"},
            {"dgram-03-req.bin", "dgram-04-rep.bin", "02-pua.publish.stdout", "pua.publish"},
            {"dgram-05-req.bin", "dgram-06-rep.bin", "03-no-proto-with-port-means-udp.stdout", "system.methodHelp"},
        };
        for (final String[] c : cases)
        {
            final Path req = Vectors.dir("udp").resolve(c[0]);
            final byte[] reqBytes = Vectors.bytes(req);
            assertTrue(datagrams.decode(reqBytes), c[0] + ": " + datagrams.error());
            final BinRpcPacket packet = datagrams.packet();
            assertEquals(reqBytes.length, packet.length(), c[0]);
            final RpcRequest request = BinRpcDecoder.decodeRequest(packet).value();
            assertEquals(c[3], request.method(), c[0]);
            final VectorText.Capture capture = VectorText.parse(Vectors.text(Vectors.sibling(req, ".bin", ".txt")));
            CaptureCheck.verifyPacket(c[0], packet, 0, capture.packets().get(0));
            assertRequestMatchesCapture(c[0], request, capture.packets().get(0));
            assertArrayEquals(reqBytes, BinRpcEncoder.encodeRequest(request), c[0]);

            final byte[] repBytes = Vectors.bytes(Vectors.dir("udp").resolve(c[1]));
            assertTrue(datagrams.decode(repBytes), c[1]);
            final BinRpcResponse response = BinRpcDecoder.decodeResponse(datagrams.packet()).value();
            assertEquals(packet.cookie(), response.cookie(), c[1] + ": reply carries the request's cookie");
            assertArrayEquals(Vectors.bytes(Vectors.dir("udp").resolve(c[2])), KamcmdPrinter.print(response.response()), c[2]);
        }
        final List<RpcValue> params = BinRpcDecoder.decodeRequest(Vectors.bytes(Vectors.dir("udp").resolve("dgram-03-req.bin")))
            .value().params();
        assertEquals(List.of(new RpcString("sip:alice@example.com"), RpcInt.of(3600), new RpcString("presence"),
            new RpcString("."), new RpcString("."), new RpcString("."), new RpcString("."), new RpcString(".")), params);
    }

    @Test
    void typicalPublishRequestHasNineTypedParameters() throws Exception
    {
        final byte[] bytes = Files.readAllBytes(Vectors.dir("kamcmd-requests-only").resolve("01-pua.publish-typical.req.bin"));
        final RpcRequest request = BinRpcDecoder.decodeRequest(bytes).value();
        assertEquals("pua.publish", request.method());
        assertEquals(9, request.params().size());
        assertEquals(new RpcString("sip:alice@example.com"), request.params().get(0));
        assertEquals(RpcInt.of(3600), request.params().get(1), "kamcmd types 3600 as int");
        assertEquals(new RpcString("application/pidf+xml"), request.params().get(3));
        assertEquals("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@example.com\"><tuple id=\"t1\">"
            + "<status><basic>open</basic></status></tuple></presence>", ((RpcString) request.params().get(8)).value());
    }

    @Test
    void structuredRepliesDecodeToTheModel()
    {
        final RpcReply uptime = (RpcReply) BinRpcDecoder.decodeResponse(
            Vectors.bytes(Vectors.dir("kamcmd").resolve("03-core.uptime-struct.rep.bin"))).value().response();
        final RpcStruct s = (RpcStruct) uptime.values().get(0);
        assertEquals(List.of("now", "up_since", "uptime"), s.members().stream().map(RpcStruct.Member::name).toList());
        assertEquals(RpcInt.of(3), s.get("uptime"));

        final RpcReply sockets = (RpcReply) BinRpcDecoder.decodeResponse(
            Vectors.bytes(Vectors.dir("kamcmd").resolve("31-core.sockets_list-array-of-structs.rep.bin"))).value().response();
        final RpcStruct list = (RpcStruct) sockets.values().get(0);
        assertEquals(2, list.members().size());
        assertEquals("socket", list.members().get(1).name());
        assertEquals(new RpcString("tcp"), ((RpcStruct) list.members().get(1).value()).get("proto"));

        final RpcReply psx = (RpcReply) BinRpcDecoder.decodeResponse(
            Vectors.bytes(Vectors.dir("kamcmd").resolve("32-core.psx-structs.rep.bin"))).value().response();
        assertEquals(12, psx.values().size(), "one struct per process, back to back");

        final RpcResponse fault = BinRpcDecoder.decodeResponse(
            Vectors.bytes(Vectors.dir("kamcmd").resolve("10-pua.publish-fault600.rep.bin"))).value().response();
        assertEquals(new RpcFault(600, "Reply wait/async mode not supported by this rpc transport"), fault);
    }

    /** What a kamcmd-typed value becomes on the wire: doubles keep 3 decimals (truncated). */
    private static RpcValue onTheWire(final RpcValue v)
    {
        if (v instanceof RpcDouble d)
        {
            return new RpcDouble(BinRpcWriter.fixedPoint(d.value()) / 1000.0);
        }
        return v;
    }

    /** The decoded request against the capture's records: method then one record per parameter. */
    private static void assertRequestMatchesCapture(final String name, final RpcRequest request, final VectorText.Packet packet)
    {
        final List<VectorText.Record> records = packet.records();
        assertEquals("str", records.get(0).kind(), name);
        assertEquals(records.get(0).text(), VectorText.shown(request.method()), name);
        assertScalarsMatch(name, request.params(), records.subList(1, records.size()));
    }

    private static void assertResponseMatchesCapture(final String name, final RpcResponse response, final VectorText.Packet packet)
    {
        if (response instanceof RpcFault fault)
        {
            assertEquals("FAULT", packet.kind(), name);
            assertScalarsMatch(name, List.of(RpcInt.of(fault.code()), new RpcString(fault.message())), packet.records());
            return;
        }
        assertEquals("REPLY", packet.kind(), name);
        final RpcReply reply = (RpcReply) response;
        if (packet.records().stream().noneMatch(r -> r.kind().contains("struct") || r.kind().equals("avp-name")))
        {
            assertScalarsMatch(name, reply.values(), packet.records());
        }
        else
        {
            assertEquals(packet.records().stream().filter(r -> r.kind().equals("start struct")).count(),
                reply.values().stream().mapToLong(BinRpcKamcmdVectorTest::structCount).sum(), name + ": structs");
        }
    }

    private static long structCount(final RpcValue v)
    {
        if (v instanceof RpcStruct s)
        {
            return 1 + s.members().stream().mapToLong(m -> structCount(m.value())).sum();
        }
        return 0;
    }

    /** Flat values against flat records: type and value of each. */
    private static void assertScalarsMatch(final String name, final List<RpcValue> values, final List<VectorText.Record> records)
    {
        assertEquals(records.size(), values.size(), name + ": value count");
        for (int i = 0; i < records.size(); i++)
        {
            final VectorText.Record r = records.get(i);
            final RpcValue v = values.get(i);
            final String where = name + " value " + i;
            switch (r.kind())
            {
                case "int" -> assertEquals(RpcInt.of((int) r.number()), v, where);
                case "double" -> assertEquals(new RpcDouble(r.number() / 1000.0), v, where);
                case "str" -> assertEquals(r.text(), VectorText.shown(assertInstanceOf(RpcString.class, v, where).value()), where);
                case "bytes" -> assertEquals(r.length(),
                    assertInstanceOf(org.puaagent.protocol.rpc.RpcBytes.class, v, where).value().length, where);
                default -> throw new AssertionError(where + ": unexpected record " + r.kind());
            }
        }
    }
}
