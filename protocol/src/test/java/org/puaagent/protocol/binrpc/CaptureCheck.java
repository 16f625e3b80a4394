package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the framing and the record cursor against a capture's {@code .txt}: every packet's offset, type,
 * header bytes, body length and cookie, and every record's offset, raw bytes, type, length and value.
 */
final class CaptureCheck
{
    /** Packets framed from a byte stream, with their offsets and the decoder's final state. */
    record Framed(List<BinRpcPacket> packets, List<Integer> offsets, BinRpcStreamDecoder decoder)
    {
        int end()
        {
            if (packets.isEmpty())
            {
                return 0;
            }
            final int last = packets.size() - 1;
            return offsets.get(last) + packets.get(last).length();
        }
    }

    private CaptureCheck()
    {
    }

    /** Largest packet of the captures is 70134 bytes (kamcmd sends it; Kamailio's limit is 65535). */
    static final int CAPTURE_MAX_PACKET = 1 << 20;

    /** Frames all packets of {@code bytes} with a stream decoder fed in one chunk (limit 1 MiB). */
    static Framed frame(final byte[] bytes)
    {
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder(CAPTURE_MAX_PACKET);
        final List<BinRpcPacket> packets = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        final int[] at = {0};
        decoder.feed(bytes, p ->
        {
            offsets.add(at[0]);
            at[0] += p.length();
            packets.add(p.copy());
        });
        return new Framed(packets, offsets, decoder);
    }

    /** Frames {@code bytes} and checks everything the {@code .txt} says; returns the framed packets. */
    static Framed verify(final String name, final byte[] bytes, final VectorText.Capture capture)
    {
        final Framed framed = frame(bytes);
        assertEquals(capture.packets().size(), framed.packets().size(), name + ": packet count");
        for (int i = 0; i < framed.packets().size(); i++)
        {
            verifyPacket(name + " packet #" + i, framed.packets().get(i), framed.offsets().get(i), capture.packets().get(i));
        }
        if (capture.notPacketOffset() < 0)
        {
            assertEquals(bytes.length, framed.end(), name + ": all bytes framed");
            assertEquals(BinRpcStreamDecoder.Status.OPEN, framed.decoder().status(), name);
            assertEquals(0, framed.decoder().buffered(), name);
        }
        else
        {
            assertEquals(capture.notPacketOffset(), framed.end(), name + ": where the packets end");
        }
        return framed;
    }

    static void verifyPacket(final String name, final BinRpcPacket packet, final int offset, final VectorText.Packet expected)
    {
        assertEquals(expected.offset(), offset, name + ": offset");
        assertEquals(expected.kind(), switch (packet.type())
        {
            case REQUEST -> "REQUEST";
            case REPLY -> "REPLY";
            case FAULT -> "FAULT";
        }, name + ": type");
        assertEquals(expected.headerHex(), Vectors.hex(packet.buffer(), packet.offset(), packet.bodyOffset()), name + ": header");
        assertEquals(expected.bodyLength(), packet.bodyLength(), name + ": body length");
        assertEquals(expected.cookie(), Integer.toUnsignedLong(packet.cookie()), name + ": cookie");
        final BinRpcReader reader = new BinRpcReader().wrap(packet);
        for (int r = 0; r < expected.records().size(); r++)
        {
            final VectorText.Record rec = expected.records().get(r);
            final String where = name + " record @" + rec.offset();
            assertTrue(reader.next(), where + ": reader stopped, error " + reader.error());
            verifyRecord(where, reader, packet.bodyOffset(), rec);
        }
        assertFalse(reader.next(), name + ": extra record");
        assertFalse(reader.failed(), name + ": " + reader.error());
    }

    private static void verifyRecord(final String where, final BinRpcReader reader, final int bodyOffset,
        final VectorText.Record rec)
    {
        assertEquals(rec.offset(), reader.recordOffset() - bodyOffset, where + ": offset");
        assertEquals(rec.hex(), VectorText.shownHex(reader.buffer(), reader.recordOffset(),
            reader.recordOffset() + reader.recordLength()), where + ": raw bytes");
        switch (rec.kind())
        {
            case "int" ->
            {
                assertEquals(BinRpcRecordType.INT, reader.type(), where);
                assertEquals(rec.number(), reader.intValue(), where);
            }
            case "double" ->
            {
                assertEquals(BinRpcRecordType.DOUBLE, reader.type(), where);
                assertEquals(rec.number(), reader.fixedPointValue(), where);
                assertEquals(Double.parseDouble(rec.text()), reader.doubleValue(), where);
            }
            case "str", "avp-name" ->
            {
                assertEquals(rec.kind().equals("str") ? BinRpcRecordType.STRING : BinRpcRecordType.MEMBER_NAME, reader.type(), where);
                assertTrue(rec.terminated(), where);
                assertEquals(rec.length(), reader.valueLength() + 1, where + ": length");
                assertEquals(rec.text(), VectorText.shown(reader.stringValue()), where + ": value");
            }
            case "bytes" ->
            {
                assertEquals(BinRpcRecordType.BYTES, reader.type(), where);
                assertEquals(rec.length(), reader.valueLength(), where);
            }
            case "start struct" -> assertEquals(BinRpcRecordType.STRUCT_START, reader.type(), where);
            case "end struct" -> assertEquals(BinRpcRecordType.STRUCT_END, reader.type(), where);
            case "start array" -> assertEquals(BinRpcRecordType.ARRAY_START, reader.type(), where);
            case "end array" -> assertEquals(BinRpcRecordType.ARRAY_END, reader.type(), where);
            default -> throw new IllegalStateException(rec.kind());
        }
    }
}
