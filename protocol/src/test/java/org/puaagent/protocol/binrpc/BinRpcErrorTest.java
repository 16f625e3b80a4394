package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcRequest;

/** Every {@link BinRpcError} from hand-made input, and the server's reaction to each. */
class BinRpcErrorTest
{
    private static final Set<BinRpcError> SEEN = EnumSet.noneOf(BinRpcError.class);

    private static BinRpcFailure requestFailure(final String bodyHex)
    {
        final BinRpcResult<RpcRequest> r = BinRpcDecoder.decodeRequest(Hex.request(0x42, bodyHex));
        assertFalse(r.isDecoded(), bodyHex + " decoded as " + (r.isDecoded() ? r.value() : null));
        SEEN.add(r.failure().error());
        return r.failure();
    }

    private static BinRpcError streamError(final String hex, final int max)
    {
        final BinRpcStreamDecoder d = new BinRpcStreamDecoder(max);
        assertEquals(BinRpcStreamDecoder.Status.FAILED, d.feed(Hex.bytes(hex), p -> { }), hex);
        SEEN.add(d.error());
        assertEquals(0, d.buffered());
        assertEquals(0, d.bufferCapacity(), "buffer released on failure");
        return d.error();
    }

    @Test
    void headerErrorsFailTheStreamAsSoonAsTheBytesShowThem()
    {
        assertEquals(BinRpcError.BAD_MAGIC, streamError("11", 100));
        assertEquals(BinRpcError.BAD_MAGIC, streamError("b1 00 00 00", 100));
        assertEquals(BinRpcError.BAD_VERSION, streamError("a2", 100));
        assertEquals(BinRpcError.BAD_VERSION, streamError("a0 00 00 00", 100));
        assertEquals(BinRpcError.BAD_PACKET_TYPE, streamError("a1 20", 100));
        assertEquals(BinRpcError.BAD_PACKET_TYPE, streamError("a1 f0 00 00", 100));
        assertEquals(BinRpcError.PACKET_TOO_LARGE, streamError("a1 04 00 61 07", 100), "97 + 5 > 100");
        assertEquals(BinRpcError.PACKET_TOO_LARGE, streamError("a1 0c ff ff ff ff 07", 65535));
        final BinRpcStreamDecoder ok = new BinRpcStreamDecoder(100);
        assertEquals(BinRpcStreamDecoder.Status.OPEN, ok.feed(Hex.bytes("a1 04 00 5f 07"), p -> { }), "95 + 5 = 100");
        assertEquals(5, ok.buffered());
        assertTrue(ok.bufferCapacity() <= 100);
        for (final BinRpcError e : List.of(BinRpcError.BAD_MAGIC, BinRpcError.BAD_VERSION, BinRpcError.BAD_PACKET_TYPE))
        {
            final BinRpcReaction.SendFault f = assertInstanceOf(BinRpcReaction.SendFault.class,
                BinRpcFailure.ofHeader(e, 0).serverReaction());
            assertEquals(new BinRpcReaction.SendFault(new RpcFault(400, "bad request: corrupted packet"), 0, true), f, e.name());
            assertTrue(e.isHeaderError());
        }
        assertEquals(BinRpcReaction.DropSilently.INSTANCE, BinRpcFailure.ofHeader(BinRpcError.PACKET_TOO_LARGE, 0).serverReaction());
    }

    @Test
    void headerExactlyAtTheLimitIsAccepted()
    {
        final BinRpcStreamDecoder d = new BinRpcStreamDecoder(20);
        final int[] n = {0};
        assertEquals(BinRpcStreamDecoder.Status.OPEN, d.feed(Hex.request(1, "91 0e 61 61 61 61 61 61 61 61 61 61 61 61 61 00"), p -> n[0]++));
        assertEquals(1, n[0], "4 + 16 = 20 bytes");
        assertEquals(BinRpcStreamDecoder.Status.FAILED, d.feed(Hex.request(1, "91 0f 61 61 61 61 61 61 61 61 61 61 61 61 61 61 00"), p -> n[0]++));
        assertEquals(BinRpcError.PACKET_TOO_LARGE, d.error());
        assertEquals(1, n[0]);
        assertEquals(BinRpcStreamDecoder.Status.FAILED, d.feed(Hex.request(1, "21 61 00"), p -> n[0]++), "stays failed");
        d.reset();
        assertEquals(BinRpcStreamDecoder.Status.OPEN, d.feed(Hex.request(1, "21 61 00"), p -> n[0]++));
        assertEquals(2, n[0]);
    }

    @Test
    void incompleteDatagramIsTruncatedAndIgnored()
    {
        final BinRpcDatagramDecoder d = new BinRpcDatagramDecoder();
        for (final String hex : List.of("", "a1", "a1 03", "a1 03 0f 2a 86 28", "a1 00 05 01 21 61"))
        {
            assertFalse(d.decode(Hex.bytes(hex)), hex);
            assertEquals(BinRpcError.TRUNCATED_PACKET, d.error(), hex);
            assertEquals(BinRpcReaction.DropSilently.INSTANCE, d.failure().serverReaction());
        }
        SEEN.add(BinRpcError.TRUNCATED_PACKET);
        assertTrue(d.decode(Hex.bytes("a1 00 03 01 21 61 00 ff ff ff")), "bytes after the packet are ignored");
        assertEquals(7, d.packet().length());
        assertNull(d.error());
        assertFalse(new BinRpcDatagramDecoder(10).decode(Hex.request(1, "21 61 00 21 61 00 21 61 00")));
        assertEquals(BinRpcError.TRUNCATED_PACKET,
            BinRpcDecoder.decodeRequest(Hex.bytes("a1 00 05 01 21 61")).failure().error(), "byte[] convenience");
    }

    @Test
    void datagramsFromByteBuffersKeepTheBufferPosition()
    {
        final byte[] packet = Hex.request(0x99, "21 61 00");
        for (final boolean direct : new boolean[] {false, true})
        {
            final java.nio.ByteBuffer b = direct ? java.nio.ByteBuffer.allocateDirect(packet.length + 3)
                : java.nio.ByteBuffer.allocate(packet.length + 3);
            b.put((byte) 0).put(packet).put((byte) 1).put((byte) 2).flip().position(1);
            final BinRpcDatagramDecoder d = new BinRpcDatagramDecoder(16);
            assertTrue(d.decode(b), "direct " + direct);
            assertEquals(1, b.position());
            assertEquals(0x99, d.packet().cookie());
            assertEquals("a", BinRpcDecoder.decodeRequest(d.packet()).value().method());
            final java.nio.ByteBuffer cut = b.duplicate().limit(1 + packet.length - 1);
            assertFalse(d.decode(cut));
            assertEquals(BinRpcError.TRUNCATED_PACKET, d.error());
        }
    }

    @Test
    void requestLevelErrorsMapToKamailiosBadRequestMethodFaults()
    {
        final BinRpcFailure notRequest = BinRpcDecoder.decodeRequest(Hex.packet(BinRpcPacketType.FAULT, 3, Hex.bytes("21 61 00")))
            .failure();
        assertEquals(BinRpcError.NOT_A_REQUEST, notRequest.error());
        assertEquals(new BinRpcReaction.SendFault(new RpcFault(400, "bad request: corrupted packet"), 3, true), notRequest.serverReaction());
        SEEN.add(BinRpcError.NOT_A_REQUEST);
        assertMethodFault(BinRpcError.END_OF_PACKET, "", "end of packet encountered");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "10 05", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "03 83", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "83", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "25 61 00", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "07", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TYPE_MISMATCH, "40 01", "record doesn't match type");
        assertMethodFault(BinRpcError.RECORD_TRUNCATED, "91 0d 63 6f 72 65", "more data needed");
        assertMethodFault(BinRpcError.RECORD_TRUNCATED, "b1 01", "more data needed");
        assertMethodFault(BinRpcError.BAD_RECORD_LENGTH, "01", "bad record");
        assertMethodFault(BinRpcError.STRING_NOT_TERMINATED, "31 61 62 63", "bad record");
    }

    private static void assertMethodFault(final BinRpcError error, final String bodyHex, final String text)
    {
        final BinRpcFailure f = requestFailure(bodyHex);
        assertEquals(error, f.error(), bodyHex);
        assertEquals(-1, f.paramIndex(), bodyHex);
        assertNull(f.method());
        assertEquals(0x42, f.cookie());
        assertEquals(new BinRpcReaction.SendFault(new RpcFault(400, "bad request method: " + text), 0x42, true), f.serverReaction(), bodyHex);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "BAD_RECORD_TYPE, 07, 0",
        "BAD_RECORD_TYPE, 10 01 0f, 1",
        "BAD_RECORD_TYPE, 9e 01 00, 0",
        "BAD_RECORD_LENGTH, 01, 0",
        "BAD_RECORD_LENGTH, 13, 0",
        "BAD_RECORD_LENGTH, 93 00, 0",
        "BAD_RECORD_LENGTH, 03 05 10 01 83, 0",
        "STRING_NOT_TERMINATED, 21 61 62, 0",
        "STRING_NOT_TERMINATED, 03 35 61 62 63 10 01 83, 0",
        "RECORD_TRUNCATED, 21 61 00 91 05 61, 1",
        "RECORD_TRUNCATED, 40 01 02, 0",
        "RECORD_TRUNCATED, 82 ff ff, 0",
        "RECORD_TRUNCATED, c1 00 00, 0",
        "MEMBER_WITHOUT_VALUE, 03 25 61 00 83, 0",
        "MEMBER_WITHOUT_VALUE, 03 25 61 00 25 62 00 10 01 83, 0",
        "MEMBER_WITHOUT_VALUE, 03 25 61 00, 0",
        "ARRAY_AS_MEMBER_VALUE, 03 25 61 00 04 84 83, 0",
        "MEMBER_OUTSIDE_STRUCT, 10 01 25 61 00 10 01, 1",
        "MEMBER_OUTSIDE_STRUCT, 04 25 61 00 10 01 84, 0",
        "UNBALANCED_END, 83, 0",
        "UNBALANCED_END, 84, 0",
        "UNBALANCED_END, 03 84, 0",
        "UNBALANCED_END, 04 83, 0",
        "UNBALANCED_END, 03 83 83, 1",
        "UNCLOSED_CONTAINER, 03 21 61 00, 0",
        "UNCLOSED_CONTAINER, 10 01 04 03 83, 1"})
    void parameterErrorsAreTypedAndKeepTheConnection(final BinRpcError error, final String paramsHex, final int index)
    {
        final BinRpcFailure f = requestFailure("21 6d 00 " + paramsHex);
        assertEquals(error, f.error(), paramsHex);
        assertEquals(index, f.paramIndex(), paramsHex);
        assertEquals("m", f.method());
        final BinRpcReaction.SendFault send = assertInstanceOf(BinRpcReaction.SendFault.class, f.serverReaction());
        assertEquals(new RpcFault(400, "error at parameter " + index + ": expected any type but " + error.kamailioCode().text()),
            send.fault());
        assertEquals(0x42, send.cookie());
        assertFalse(send.closeConnection(), "a parameter error is the method's business, not a protocol error");
    }

    @Test
    void nestingIsLimited()
    {
        final int max = BinRpcReader.MAX_NESTING_DEPTH;
        final String ok = "03 ".repeat(max) + "83 ".repeat(max);
        assertTrue(BinRpcDecoder.decodeRequest(Hex.request(1, "21 6d 00 " + ok)).isDecoded());
        final String deep = "03 ".repeat(max + 1) + "83 ".repeat(max + 1);
        assertEquals(BinRpcError.NESTING_TOO_DEEP, requestFailure("21 6d 00 " + deep).error());
        assertEquals(BinRpcError.NESTING_TOO_DEEP, requestFailure("21 6d 00 " + "04 ".repeat(max + 1)).error());
    }

    @Test
    void responseErrors()
    {
        final BinRpcFailure notResponse = BinRpcDecoder.decodeResponse(Hex.request(8, "21 61 00")).failure();
        assertEquals(BinRpcError.NOT_A_RESPONSE, notResponse.error());
        assertEquals(8, notResponse.cookie());
        SEEN.add(BinRpcError.NOT_A_RESPONSE);
        assertEquals(BinRpcError.END_OF_PACKET,
            BinRpcDecoder.decodeResponse(Hex.packet(BinRpcPacketType.FAULT, 8, new byte[0])).failure().error());
        assertEquals(BinRpcError.END_OF_PACKET,
            BinRpcDecoder.decodeResponse(Hex.packet(BinRpcPacketType.FAULT, 8, Hex.bytes("10 01"))).failure().error());
        assertEquals(BinRpcError.RECORD_TYPE_MISMATCH,
            BinRpcDecoder.decodeResponse(Hex.packet(BinRpcPacketType.FAULT, 8, Hex.bytes("21 61 00 10 01"))).failure().error());
        assertEquals(BinRpcError.RECORD_TYPE_MISMATCH,
            BinRpcDecoder.decodeResponse(Hex.packet(BinRpcPacketType.FAULT, 8, Hex.bytes("10 01 10 01"))).failure().error());
        assertEquals(BinRpcError.UNCLOSED_CONTAINER,
            BinRpcDecoder.decodeResponse(Hex.packet(BinRpcPacketType.REPLY, 8, Hex.bytes("03"))).failure().error());
    }

    @Test
    void kamailioErrorTextsAndParameterFaults()
    {
        assertEquals("more data needed", BinRpcErrorCode.textOf(-4));
        assertEquals("bug -- internal error", BinRpcErrorCode.textOf(-9));
        assertEquals("unknown/invalid error code", BinRpcErrorCode.textOf(-10));
        assertEquals(new RpcFault(400, "error at parameter 0: expected float type but bug -- internal error"),
            BinRpcServerFaults.parameterFault(0, "float", BinRpcErrorCode.INTERNAL_BUG));
        assertEquals(new RpcFault(500, "command foo.bar not found"), BinRpcServerFaults.methodNotFound("foo.bar"));
        assertEquals(255, BinRpcServerFaults.parameterFault(0, "x".repeat(300), BinRpcErrorCode.BAD_RECORD).message().length());
    }

    @Test
    void stoppingInsideTheHandlerDiscardsTheRest()
    {
        final byte[] two = new byte[14];
        System.arraycopy(Hex.request(1, "21 61 00"), 0, two, 0, 7);
        System.arraycopy(Hex.request(2, "21 62 00"), 0, two, 7, 7);
        final BinRpcStreamDecoder d = new BinRpcStreamDecoder();
        final int[] n = {0};
        assertEquals(BinRpcStreamDecoder.Status.STOPPED, d.feed(two, p ->
        {
            n[0]++;
            d.stop();
        }));
        assertEquals(1, n[0]);
        assertEquals(BinRpcStreamDecoder.Status.STOPPED, d.feed(two, p -> n[0]++));
        assertEquals(1, n[0]);
        assertNull(d.failure());
    }

    @Test
    void everyErrorIsReachable()
    {
        // runs the other tests' inputs again so that this check does not depend on test order
        headerErrorsFailTheStreamAsSoonAsTheBytesShowThem();
        incompleteDatagramIsTruncatedAndIgnored();
        requestLevelErrorsMapToKamailiosBadRequestMethodFaults();
        nestingIsLimited();
        responseErrors();
        for (final String[] c : new String[][] {{"MEMBER_WITHOUT_VALUE", "03 25 61 00 83"}, {"ARRAY_AS_MEMBER_VALUE", "03 25 61 00 04 84 83"},
            {"MEMBER_OUTSIDE_STRUCT", "25 61 00"}, {"UNBALANCED_END", "83"}, {"UNCLOSED_CONTAINER", "03"}, {"BAD_RECORD_TYPE", "07"}})
        {
            assertEquals(BinRpcError.valueOf(c[0]), requestFailure("21 6d 00 " + c[1]).error());
        }
        assertEquals(EnumSet.allOf(BinRpcError.class), SEEN);
    }
}
