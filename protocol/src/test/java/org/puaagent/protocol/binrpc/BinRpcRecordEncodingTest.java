package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/** The encoding tables of the spec (binrpc.md sections 2 and 3), both directions. */
class BinRpcRecordEncodingTest
{
    private static byte[] record(final RpcValue v)
    {
        final BinRpcWriter w = new BinRpcWriter(1);
        w.writeValue(v);
        return w.toByteArray();
    }

    private static RpcValue decodeOne(final byte[] body)
    {
        final List<RpcValue> values = BinRpcDecoder.decodeValues(body, 0, body.length).value();
        assertEquals(1, values.size());
        return values.get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00", "7, 10 07", "255, 10 ff", "256, 20 01 00", "3600, 20 0e 10", "65535, 20 ff ff", "65536, 30 01 00 00",
        "16777216, 40 01 00 00 00", "2147483647, 40 7f ff ff ff", "-1, 40 ff ff ff ff", "-256, 40 ff ff ff 00",
        "-2147483648, 40 80 00 00 00"})
    void intsUseTheirSignificantBytes(final int value, final String hex)
    {
        assertArrayEquals(Hex.bytes(hex), record(RpcInt.of(value)));
        assertEquals(RpcInt.of(value), decodeOne(Hex.bytes(hex)));
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "10 ff, 255", "20 ff ff, 65535", "30 ff ff ff, 16777215", "90 02 0e 10, 3600", "80, 0", "90 00, 0",
        "50 01 00 00 00 02, 2", "60 ff ff 80 00 00 01, -2147483647", "f0 00 00 00 00 00 00 0a 00 00 00 00 00 00 00 00 00 05, 5",
        "90 04 ff ff ff fe, -2"})
    void intsReadBigEndianKeepingTheLow32Bits(final String hex, final int value)
    {
        assertEquals(RpcInt.of(value), decodeOne(Hex.bytes(hex)));
    }

    @Test
    void stringsCarryTheirTerminatorAndUseTheSFormFromEightBytes()
    {
        assertArrayEquals(Hex.bytes("11 00"), record(new RpcString("")));
        assertArrayEquals(Hex.bytes("21 2e 00"), record(new RpcString(".")));
        assertArrayEquals(Hex.bytes("41 74 63 70 00"), record(new RpcString("tcp")));
        assertArrayEquals(Hex.bytes("71 62 69 6e 72 70 63 00"), record(new RpcString("binrpc")));
        assertArrayEquals(Hex.bytes("91 09 70 72 65 73 65 6e 63 65 00"), record(new RpcString("presence")));
        assertPrefix("91 0c 70 75 61 2e", record(new RpcString("pua.publish")));
        assertPrefix("91 94", record(new RpcString("x".repeat(147))));
        assertPrefix("a1 01 54", record(new RpcString("x".repeat(339))));
        assertPrefix("b1 01 11 93", record(new RpcString("x".repeat(70034))));
        assertPrefix("b1 01 00 01", record(new RpcString("x".repeat(65536))));
        for (final String s : List.of("", ".", "binrpc", "presence", "x".repeat(339), "héllo ☃ 日本 \uD83D\uDE00"))
        {
            assertEquals(new RpcString(s), decodeOne(record(new RpcString(s))), s);
        }
        assertArrayEquals(Hex.bytes("91 12 68 c3 a9 6c 6c 6f 20 e2 98 83 20 e6 97 a5 e6 9c ac 00"),
            record(new RpcString("héllo ☃ 日本")), "UTF-8 passes through");
    }

    @Test
    void stringsAcceptNonMinimalLengthsAndDecodeInvalidUtf8AsReplacement()
    {
        assertEquals(new RpcString("pua.subscribe"), decodeOne(Hex.bytes("a1 00 0e 70 75 61 2e 73 75 62 73 63 72 69 62 65 00")));
        assertEquals(new RpcString("a"), decodeOne(Hex.bytes("f1 00 00 00 00 00 00 02 61 00")));
        assertEquals(new RpcString("a\uFFFDb"), decodeOne(Hex.bytes("41 61 ff 62 00")));
        assertEquals(new RpcString("\uFFFD("), decodeOne(Hex.bytes("31 c3 28 00")));
        assertArrayEquals(Hex.bytes("21 3f 00"), record(new RpcString("\uD800")), "a lone surrogate is written as '?'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0001, 02, 0.0", "0.001, 12 01, 0.001", "1.5, 22 05 dc, 1.5", "1234.5678, 32 12 d6 87, 1234.567",
        "-1.5, 82 ff ff ff ff ff ff fa 24, -1.5", "-2.5, 82 ff ff ff ff ff ff f6 3c, -2.5", "16.0, 22 3e 80, 16.0",
        "1000.0, 32 0f 42 40, 1000.0", "-0.0009, 02, 0.0", "0.0, 02, 0.0"})
    void doublesAreTruncatedFixedPointWithTheLengthInTheWholeNibble(final double value, final String hex, final double decoded)
    {
        assertArrayEquals(Hex.bytes(hex), record(new RpcDouble(value)));
        assertEquals(new RpcDouble(decoded), decodeOne(Hex.bytes(hex)));
    }

    @Test
    void doublesSignExtendOnlyAtEightBytes()
    {
        assertEquals(new RpcDouble(0.255), decodeOne(Hex.bytes("12 ff")), "short values are never negative");
        assertEquals(new RpcDouble(72057594037927.935), decodeOne(Hex.bytes("72 ff ff ff ff ff ff ff")));
        assertEquals(new RpcDouble(-0.001), decodeOne(Hex.bytes("82 ff ff ff ff ff ff ff ff")));
        assertEquals(new RpcDouble(-0.001), decodeOne(Hex.bytes("92 00 ff ff ff ff ff ff ff ff")), "9 bytes: low 64 bits");
        assertEquals(Long.MIN_VALUE, BinRpcWriter.fixedPoint(Double.NaN), "x86-64 conversion of NaN");
        assertEquals(Long.MIN_VALUE, BinRpcWriter.fixedPoint(Double.POSITIVE_INFINITY));
        assertEquals(Long.MIN_VALUE, BinRpcWriter.fixedPoint(1e17));
        assertEquals(9_200_000_000_000_000_000L, BinRpcWriter.fixedPoint(9.2e15));
        assertArrayEquals(Hex.bytes("82 80 00 00 00 00 00 00 00"), record(new RpcDouble(Double.NaN)));
        // as in kamcmd: 1.001 * 1000 = 1000.9999999999999, truncated to 1000; a decoded 1.001 re-encodes as 1.000
        assertArrayEquals(Hex.bytes("22 03 e8"), record(new RpcDouble(1.001)));
        assertEquals(new RpcDouble(1.001), decodeOne(Hex.bytes("22 03 e9")));
    }

    @Test
    void structsArraysBoolsAndNullAreWrittenAsTheServerWritesThem()
    {
        final RpcStruct uptime = RpcStruct.builder().add("now", "x").add("uptime", 3).build();
        assertArrayEquals(Hex.bytes("03 45 6e 6f 77 00 21 78 00 75 75 70 74 69 6d 65 00 10 03 83"), record(uptime));
        assertArrayEquals(Hex.bytes("03 21 61 00 10 01 83"), record(RpcArray.of(new RpcString("a"), RpcInt.of(1))),
            "an array is a struct with unnamed members");
        assertArrayEquals(Hex.bytes("03 25 61 00 03 10 01 83 83"),
            record(RpcStruct.builder().add("a", RpcArray.of(RpcInt.of(1))).build()), "array member value becomes a struct");
        assertArrayEquals(Hex.bytes("10 01"), record(RpcBool.TRUE));
        assertArrayEquals(Hex.bytes("00"), record(RpcBool.FALSE));
        assertArrayEquals(record(new RpcString("<null string>")), record(RpcNull.INSTANCE));
        assertArrayEquals(Hex.bytes("36 61 62 63"), record(new RpcBytes("abc".getBytes(StandardCharsets.US_ASCII))));
        assertArrayEquals(Hex.bytes("06"), record(new RpcBytes(new byte[0])));
        assertArrayEquals(Hex.bytes("96 08 30 31 32 33 34 35 36 37"), record(new RpcBytes("01234567".getBytes(StandardCharsets.US_ASCII))),
            "bytes use the S form from 8 bytes, no terminator");
    }

    @Test
    void structsDecodeLenientlyWithUnnamedMembersAndNestedStructs()
    {
        final RpcValue v = decodeOne(Hex.bytes("03 21 61 00 25 62 00 03 10 01 83 03 83 83"));
        assertEquals(new RpcStruct(List.of(new RpcStruct.Member(null, new RpcString("a")),
            new RpcStruct.Member("b", new RpcStruct(List.of(new RpcStruct.Member(null, RpcInt.of(1))))),
            new RpcStruct.Member(null, new RpcStruct(List.of())))), v);
        assertEquals(RpcArray.of(new RpcString("a"), RpcArray.of(), new RpcStruct(List.of())), decodeOne(Hex.bytes("04 21 61 00 04 84 03 83 84")),
            "array tags (never sent by Kamailio) decode as arrays");
    }

    @Test
    void headersUseMinimalFieldsAndAcceptAnyWidth()
    {
        assertArrayEquals(Hex.bytes("a1 13 00 0a 0b 0c 0d"), BinRpcEncoder.encodeReply(0x0a0b0c0d, List.of()));
        assertArrayEquals(Hex.bytes("a1 10 00 00"), BinRpcEncoder.encodeReply(0, List.of()), "0 is one byte");
        assertArrayEquals(Hex.bytes("a1 11 00 01 00"), BinRpcEncoder.encodeReply(0x100, List.of()));
        assertArrayEquals(Hex.bytes("a1 12 00 01 00 00"), BinRpcEncoder.encodeReply(0x10000, List.of()));
        assertArrayEquals(Hex.bytes("a1 13 00 ff ff ff ff"), BinRpcEncoder.encodeReply(-1, List.of()));
        assertPrefix("a1 30 23 00 20 01 90 91 1e", BinRpcEncoder.encodeFault(0, 400, "bad request: corrupted packet"));
        assertPrefix("a1 10 2c 55", BinRpcEncoder.encodeReply(0x55, List.of(new RpcString("x".repeat(41)))));
        assertPrefix("a1 03 0f 2a 86 28 2b", BinRpcEncoder.encodeRequest(0x2a86282b, "core.version", List.of()));
        assertPrefix("a1 0b 01 11 ed 2b 83 95 29 91 0c",
            BinRpcEncoder.encodeRequest(0x2b839529, "pua.publish", List.of(new RpcString("x".repeat(70106)))));
        assertPrefix("a1 04 01 00 01",
            BinRpcEncoder.encodeRequest(1, "m", List.of(new RpcString("x".repeat(250)))));

        final BinRpcDatagramDecoder d = new BinRpcDatagramDecoder();
        assertTrue(d.decode(Hex.bytes("a1 0f 00 00 00 02 00 00 00 07 10 05")), "LL=4, CL=4 with leading zeros");
        assertEquals(7, d.packet().cookie());
        assertEquals(2, d.packet().bodyLength());
        assertEquals(10, d.packet().headerLength());
        assertEquals(BinRpcPacketType.REQUEST, d.packet().type());
        assertTrue(d.decode(Hex.bytes("a1 33 00 ff ff ff fe")));
        assertEquals(-2, d.packet().cookie(), "cookies are 32 bits, matched by value");
        assertEquals(BinRpcPacketType.FAULT, d.packet().type());
    }

    @Test
    void faultMessagesAreCutTo255Bytes()
    {
        final BinRpcResponse r = BinRpcDecoder.decodeResponse(BinRpcEncoder.encodeFault(9, 500, "e".repeat(300))).value();
        assertEquals(new RpcFault(500, "e".repeat(255)), r.response());
        assertPrefix("a1 34 01 06 09 20 01 f4 a1 01 00", BinRpcEncoder.encodeFault(9, 500, "e".repeat(300)));
        final String multiByte = "é".repeat(200);
        assertEquals("é".repeat(127), BinRpcServerFaults.truncate(multiByte), "cut at a character boundary");
        assertEquals("short", BinRpcServerFaults.truncate("short"));
    }

    @Test
    void repliesHoldValuesBackToBackAndFaultsIgnoreTrailingRecords()
    {
        final RpcReply reply = new RpcReply(List.of(new RpcString("a"), RpcInt.of(1), new RpcStruct(List.of())), false);
        final byte[] bytes = BinRpcEncoder.encodeResponse(5, reply);
        assertArrayEquals(Hex.bytes("a1 10 07 05 21 61 00 10 01 03 83"), bytes);
        assertEquals(new BinRpcResponse(5, reply), BinRpcDecoder.decodeResponse(bytes).value());
        assertEquals(new BinRpcResponse(5, RpcReply.empty()), BinRpcDecoder.decodeResponse(Hex.bytes("a1 10 00 05")).value());
        final byte[] fault = Hex.packet(BinRpcPacketType.FAULT, 5, Hex.bytes("20 01 90 21 78 00 10 01 ff"));
        assertEquals(new RpcFault(400, "x"), BinRpcDecoder.decodeResponse(fault).value().response());
    }

    @Test
    void readerWalksRecordsWithoutBuildingValues()
    {
        final byte[] packet = Hex.request(0x1234, "91 0c 70 75 61 2e 70 75 62 6c 69 73 68 00 21 61 00 20 0e 10 03 25 6b 00 10 01 83 22 05 dc 36 61 62 63");
        final BinRpcDatagramDecoder d = new BinRpcDatagramDecoder();
        assertTrue(d.decode(packet));
        final BinRpcReader r = new BinRpcReader();
        assertTrue(r.wrapRequest(d.packet()));
        assertTrue(r.methodEquals("pua.publish".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(r.methodEquals("pua.publis".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(r.methodEquals("pua.publish2".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("pua.publish", r.method());
        assertEquals(0x1234, r.cookie());
        assertTrue(r.next());
        assertEquals(BinRpcRecordType.STRING, r.type());
        assertEquals(0, r.index());
        assertTrue(r.valueEquals(new byte[] {'a'}));
        assertEquals("a", r.stringValue());
        assertTrue(r.next());
        assertEquals(BinRpcRecordType.INT, r.type());
        assertEquals(3600, r.intValue());
        assertEquals(1, r.index());
        assertTrue(r.next());
        assertEquals(BinRpcRecordType.STRUCT_START, r.type());
        assertEquals(2, r.index());
        assertTrue(r.skipContainer());
        assertEquals(BinRpcRecordType.STRUCT_END, r.type());
        assertEquals(0, r.depth());
        assertTrue(r.next());
        assertEquals(BinRpcRecordType.DOUBLE, r.type());
        assertEquals(1500, r.fixedPointValue());
        assertEquals(1.5, r.doubleValue());
        assertEquals(3, r.index());
        assertTrue(r.next());
        assertEquals(BinRpcRecordType.BYTES, r.type());
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), r.bytesValue());
        assertFalse(r.next());
        assertFalse(r.failed());
        assertFalse(r.next(), "stays at the end");
    }

    @Test
    void readerReportsDepthOfNestedRecords()
    {
        final BinRpcReader r = new BinRpcReader();
        final byte[] body = Hex.bytes("03 25 61 00 03 10 01 83 83");
        r.wrap(body, 0, body.length);
        final int[] depths = new int[6];
        final BinRpcRecordType[] types = new BinRpcRecordType[6];
        int n = 0;
        while (r.next())
        {
            depths[n] = r.depth();
            types[n++] = r.type();
        }
        assertEquals(6, n);
        assertArrayEquals(new int[] {0, 1, 1, 2, 1, 0}, depths);
        assertArrayEquals(new BinRpcRecordType[] {BinRpcRecordType.STRUCT_START, BinRpcRecordType.MEMBER_NAME,
            BinRpcRecordType.STRUCT_START, BinRpcRecordType.INT, BinRpcRecordType.STRUCT_END, BinRpcRecordType.STRUCT_END}, types);
    }

    private static void assertPrefix(final String hex, final byte[] actual)
    {
        final byte[] prefix = Hex.bytes(hex);
        assertTrue(actual.length >= prefix.length, "too short: " + Vectors.hex(actual));
        assertEquals(Vectors.hex(prefix), Vectors.hex(actual, 0, prefix.length));
    }
}
