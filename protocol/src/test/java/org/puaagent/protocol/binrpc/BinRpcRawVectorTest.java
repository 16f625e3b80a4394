package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;

/**
 * The raw captures (hand-made packets sent to Kamailio 5.6.3): each malformed packet gets the typed error and
 * exactly the fault bytes (code, message, cookie) Kamailio answered, and the connection closes or stays open
 * as the spec says; the well-formed ones frame and decode as captured.
 */
class BinRpcRawVectorTest
{
    private static byte[] req(final String name)
    {
        return Vectors.bytes(Vectors.dir("raw").resolve(name + ".req.bin"));
    }

    private static byte[] rep(final String name)
    {
        return Vectors.bytes(Vectors.dir("raw").resolve(name + ".rep.bin"));
    }

    /** A malformed request: one failure, Kamailio's fault bytes, closed, nothing decoded. */
    private static BinRpcFailure assertProtocolFault(final String name, final BinRpcError error, final int cookie,
        final String message)
    {
        final ServerSimulation server = ServerSimulation.run(req(name));
        assertEquals(1, server.failures.size(), name);
        final BinRpcFailure failure = server.failures.get(0);
        assertEquals(error, failure.error(), name);
        assertEquals(-1, failure.paramIndex(), name + ": header/method level");
        final BinRpcReaction.SendFault send = assertInstanceOf(BinRpcReaction.SendFault.class, failure.serverReaction(), name);
        assertEquals(new RpcFault(400, message), send.fault(), name);
        assertEquals(cookie, send.cookie(), name);
        assertTrue(send.closeConnection(), name + ": protocol errors close the connection");
        assertTrue(server.closed, name);
        assertTrue(server.requests.isEmpty(), name);
        assertArrayEquals(rep(name), server.faults.toByteArray(), name + ": Kamailio's fault, byte for byte");
        return failure;
    }

    static java.util.stream.Stream<String> rawRequests()
    {
        return Vectors.list("raw", ".req.bin").stream().map(p -> p.getFileName().toString().replace(".req.bin", ""));
    }

    /** The framing and records of every raw request match the capture's .txt (04's record runs past its body). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("rawRequests")
    void framingAndRecordsMatchTheCapture(final String name)
    {
        final byte[] bytes = req(name);
        final VectorText.Capture capture = VectorText.parse(Vectors.text(Vectors.dir("raw").resolve(name + ".req.txt")));
        if (name.startsWith("04-"))
        {
            final BinRpcPacket packet = CaptureCheck.frame(bytes).packets().get(0);
            assertEquals(11, packet.bodyLength());
            final BinRpcReader reader = new BinRpcReader().wrap(packet);
            assertFalse(reader.next());
            assertEquals(BinRpcError.RECORD_TRUNCATED, reader.error());
            assertEquals(capture.packets().get(0).records().get(0).offset(), reader.errorOffset());
            assertEquals(15, capture.notPacketOffset());
            return;
        }
        CaptureCheck.verify(name, bytes, capture);
    }

    @Test
    void badMagicByteIsCorruptedPacketWithCookieZero()
    {
        assertProtocolFault("01-bad-magic", BinRpcError.BAD_VERSION, 0, "bad request: corrupted packet");
    }

    @Test
    void replyTypeSentAsRequestIsCorruptedPacketWithItsCookie()
    {
        assertProtocolFault("02-reply-type-sent-as-request", BinRpcError.NOT_A_REQUEST, 7, "bad request: corrupted packet");
    }

    @Test
    void methodThatIsNotAStringDoesNotMatchType()
    {
        assertProtocolFault("03-method-not-a-string", BinRpcError.RECORD_TYPE_MISMATCH, 7,
            "bad request method: record doesn't match type");
    }

    @Test
    void methodLongerThanTheBodyNeedsMoreData()
    {
        final BinRpcFailure failure = assertProtocolFault("04-declared-length-too-small", BinRpcError.RECORD_TRUNCATED, 7,
            "bad request method: more data needed");
        assertEquals(0, failure.offset(), "the method record at body offset 0");
        // the 4 bytes after the 15-byte packet ("ion\0") are never read: the connection is closed
        assertEquals(19, req("04-declared-length-too-small").length);
    }

    @Test
    void emptyBodyIsEndOfPacket()
    {
        assertProtocolFault("08-empty-body", BinRpcError.END_OF_PACKET, 9, "bad request method: end of packet encountered");
    }

    @Test
    void twoRequestsInOneWriteAreTwoPacketsAnsweredInOrder()
    {
        final ServerSimulation server = ServerSimulation.run(req("05-two-requests-one-write"));
        assertFalse(server.closed);
        assertEquals(List.of("core.version", "system.methodHelp"), server.requests.stream().map(RpcRequest::method).toList());
        assertEquals(List.of(new RpcString("core.version")), server.requests.get(1).params());
        final CaptureCheck.Framed replies = CaptureCheck.frame(rep("05-two-requests-one-write"));
        assertEquals(2, replies.packets().size());
        assertEquals(cookie(server.requests.get(0)), replies.packets().get(0).cookie());
        assertEquals(cookie(server.requests.get(1)), replies.packets().get(1).cookie());
        assertEquals(0x11223344, replies.packets().get(0).cookie());
        assertEquals(0x55, replies.packets().get(1).cookie());
    }

    @Test
    void requestInTwoWritesIsOnePacket()
    {
        final byte[] bytes = req("06-one-request-two-writes");
        for (int split = 0; split <= bytes.length; split++)
        {
            final ServerSimulation server = ServerSimulation.run(List.of(
                java.util.Arrays.copyOfRange(bytes, 0, split), java.util.Arrays.copyOfRange(bytes, split, bytes.length)));
            assertEquals(1, server.requests.size(), "split at " + split);
            assertEquals("core.version", server.requests.get(0).method());
            assertEquals(CaptureCheck.frame(rep("06-one-request-two-writes")).packets().get(0).cookie(),
                cookie(server.requests.get(0)));
        }
    }

    @Test
    void nonMinimalEncodingsAreAcceptedAndAnsweredMinimally()
    {
        final ServerSimulation server = ServerSimulation.run(req("07-non-minimal-encodings"));
        assertEquals(1, server.requests.size());
        final RpcRequest r = server.requests.get(0);
        assertEquals("pua.subscribe", r.method(), "S-form length a1 00 0e");
        assertEquals(List.of(new RpcString("sip:alice@127.0.0.1:5070"), new RpcString("sip:dave@127.0.0.1:5060"),
            new RpcString("presence"), RpcInt.of(3600)), r.params(), "int 3600 as 90 02 0e 10");
        assertEquals(0x0a0b0c0d, cookie(r), "cookie from a non-minimal 4-byte field");
        // Kamailio answered the successful subscribe with an empty reply, header re-encoded minimally
        assertArrayEquals(rep("07-non-minimal-encodings"), BinRpcEncoder.encodeReply(cookie(r), List.of()));
    }

    @Test
    void structParameterDecodesAndCoreEchoScanFaultIsReproducible()
    {
        final RpcRequest r = singleRequest("09-struct-param");
        assertEquals(List.of(RpcStruct.builder().add("a", "b").build()), r.params());
        assertParameterFault("09-struct-param", r, BinRpcServerFaults.parameterFault(0, "structure", BinRpcErrorCode.TYPE_MISMATCH));
    }

    @Test
    void doubleParameterDecodesAndCoreEchoScanFaultIsReproducible()
    {
        final RpcRequest r = singleRequest("10-double-param-to-echo");
        assertEquals(List.of(new RpcDouble(1.5)), r.params());
        assertParameterFault("10-double-param-to-echo", r,
            BinRpcServerFaults.parameterFault(0, new RpcDouble(0).typeName(), BinRpcErrorCode.INTERNAL_BUG));
    }

    @Test
    void bytesParameterDecodesAndCoreEchoScanFaultIsReproducible()
    {
        final RpcRequest r = singleRequest("11-bytes-param-to-echo");
        assertEquals(List.of(new RpcBytes("abc".getBytes(StandardCharsets.US_ASCII))), r.params());
        assertParameterFault("11-bytes-param-to-echo", r,
            BinRpcServerFaults.parameterFault(0, new RpcBytes(new byte[0]).typeName(), BinRpcErrorCode.TYPE_MISMATCH));
    }

    @Test
    void trailingPartialPacketWaitsForMoreBytes()
    {
        final ServerSimulation server = ServerSimulation.run(req("12-trailing-partial-packet"));
        assertEquals(1, server.requests.size());
        assertFalse(server.closed);
        assertEquals(BinRpcStreamDecoder.Status.OPEN, server.decoder.status());
        assertEquals(1, server.decoder.buffered(), "the stray a1 is kept");
        assertEquals(CaptureCheck.frame(rep("12-trailing-partial-packet")).packets().get(0).cookie(), cookie(server.requests.get(0)));
    }

    @Test
    void badMagicDatagramGetsFaultWithCookieZero()
    {
        final BinRpcDatagramDecoder decoder = new BinRpcDatagramDecoder();
        assertFalse(decoder.decode(Vectors.bytes(Vectors.dir("udp").resolve("dgram-07-req.bin"))));
        assertEquals(BinRpcError.BAD_VERSION, decoder.error());
        final BinRpcReaction.SendFault send = assertInstanceOf(BinRpcReaction.SendFault.class, decoder.failure().serverReaction());
        assertArrayEquals(Vectors.bytes(Vectors.dir("udp").resolve("dgram-08-rep.bin")), BinRpcEncoder.encodeFault(send));
    }

    @Test
    void requestLargerThan65535BytesClosesWithoutReplyBeforeBuffering()
    {
        final byte[] big = Vectors.bytes(Vectors.dir("kamcmd-requests-only").resolve("02-pua.publish-body70000.req.bin"));
        final ServerSimulation server = ServerSimulation.run(big);
        assertEquals(List.of(BinRpcError.PACKET_TOO_LARGE), server.failures.stream().map(BinRpcFailure::error).toList());
        assertEquals(BinRpcReaction.DropSilently.INSTANCE, server.failures.get(0).serverReaction());
        assertTrue(server.closed);
        assertEquals(0, server.faults.size(), "no reply (kamcmd/29: connection reset)");
        // byte by byte: the size is refused once the 9-byte header is there; no body buffer was ever allocated
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
        int maxCapacity = 0;
        int fed = 0;
        while (decoder.status() == BinRpcStreamDecoder.Status.OPEN)
        {
            decoder.feed(big, fed++, 1, p -> { });
            maxCapacity = Math.max(maxCapacity, decoder.bufferCapacity());
        }
        assertEquals(9, fed);
        assertEquals(BinRpcError.PACKET_TOO_LARGE, decoder.error());
        assertTrue(maxCapacity <= BinRpcStreamDecoder.MIN_BUFFER_CAPACITY, "capacity " + maxCapacity);
    }

    private static RpcRequest singleRequest(final String name)
    {
        final ServerSimulation server = ServerSimulation.run(req(name));
        assertTrue(server.failures.isEmpty(), name + ": " + server.failures);
        assertEquals(1, server.requests.size(), name);
        assertEquals("core.echo", server.requests.get(0).method(), name);
        return server.requests.get(0);
    }

    /** A method's own parameter-scan fault (not a protocol error: the connection stays open). */
    private static void assertParameterFault(final String name, final RpcRequest r, final RpcFault fault)
    {
        assertArrayEquals(rep(name), BinRpcEncoder.encodeFault(cookie(r), fault.code(), fault.message()), name);
    }

    private static int cookie(final RpcRequest r)
    {
        return ((org.puaagent.protocol.rpc.RequestId.Cookie) r.id()).value();
    }
}
