package org.puaagent.protocol.binrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The hot path (stream framing, cursor over a typical pua.publish, method comparison, parameter walk, a reply
 * written into a reused writer) allocates nothing. Measured with the JVM's per-thread allocation counter, not
 * with time.
 */
class BinRpcReaderAllocationTest
{
    private static final byte[] PUA_PUBLISH = "pua.publish".getBytes(StandardCharsets.US_ASCII);
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 100_000;

    /** A pua.publish with 9 str parameters and a 500-byte PIDF body, as kamcmd would send it with s: prefixes. */
    static byte[] typicalPublish()
    {
        final StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
            + "entity=\"sip:alice@example.com\"><tuple id=\"t1\"><status><basic>open</basic></status><note>");
        while (body.length() < 500 - "</note></tuple></presence>".length())
        {
            body.append('x');
        }
        body.append("</note></tuple></presence>");
        final List<RpcValue> params = new ArrayList<>();
        for (final String s : List.of("sip:alice@example.com", "3600", "presence", "application/pidf+xml", ".", ".", ".", ".",
            body.toString()))
        {
            params.add(new RpcString(s));
        }
        return BinRpcEncoder.encodeRequest(0x2c364d0c, "pua.publish", params);
    }

    @Test
    void hotRequestPathAllocatesNothing()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final byte[] request = typicalPublish();
        assertEquals(9, BinRpcDecoder.decodeRequest(request).value().params().size());
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
        final BinRpcReader reader = new BinRpcReader();
        final BinRpcWriter writer = new BinRpcWriter();
        final long[] sum = new long[1];
        final BinRpcPacketHandler handler = packet ->
        {
            if (reader.wrapRequest(packet) && reader.methodEquals(PUA_PUBLISH))
            {
                while (reader.next())
                {
                    sum[0] += reader.valueLength();
                }
                writer.clear();
                writer.beginPacket(BinRpcPacketType.REPLY, reader.cookie()).writeInt(3600).endPacket();
                sum[0] += writer.size();
            }
        };
        final int half = request.length / 2;
        for (int i = 0; i < WARM_UP; i++)
        {
            decoder.feed(request, handler);
            decoder.feed(request, 0, half, handler);
            decoder.feed(request, half, request.length - half, handler);
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < MEASURED; i++)
        {
            decoder.feed(request, handler);
            decoder.feed(request, 0, half, handler);
            decoder.feed(request, half, request.length - half, handler);
        }
        final long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(sum[0] > 0);
        assertTrue(allocated < MEASURED, "allocated " + allocated + " bytes over " + MEASURED + " iterations");
    }
}
