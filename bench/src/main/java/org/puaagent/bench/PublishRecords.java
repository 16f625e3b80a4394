package org.puaagent.bench;

import java.nio.charset.StandardCharsets;

import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcPacketHandler;
import org.puaagent.protocol.binrpc.BinRpcReader;

/**
 * The allocation-free server path for one framed {@code pua.publish} request: {@link BinRpcReader} walks the
 * records, the method is matched against precomputed bytes, and the parameters land in reused fields: a
 * str parameter as the String a caller keeps ({@link #keepStrings} on) or as its offset/length only (off),
 * an int parameter as an int. Used as the stream decoder's handler. Not thread-safe: one thread.
 */
public final class PublishRecords implements BinRpcPacketHandler
{
    /** Parameters kept (pua.publish has 8 mandatory ones and the body). */
    public static final int MAX_PARAMS = 9;

    private static final byte[] PUA_PUBLISH = PublishFixture.METHOD.getBytes(StandardCharsets.US_ASCII);

    private final BinRpcReader reader = new BinRpcReader();
    private final boolean keepStrings;
    /** The str parameters as Strings (null where the record was an int), when {@link #keepStrings}. */
    final String[] text = new String[MAX_PARAMS];
    /** Where each parameter's value bytes are in the packet. */
    final int[] offsets = new int[MAX_PARAMS];
    final int[] lengths = new int[MAX_PARAMS];
    /** The int parameters (0 where the record was a str). */
    final int[] ints = new int[MAX_PARAMS];
    int count;
    boolean matched;

    /** @param keepStrings whether str parameters are materialised as Strings */
    public PublishRecords(final boolean keepStrings)
    {
        this.keepStrings = keepStrings;
    }

    @Override
    public void onPacket(final BinRpcPacket packet)
    {
        count = 0;
        matched = reader.wrapRequest(packet) && reader.methodEquals(PUA_PUBLISH);
        if (!matched)
        {
            return;
        }
        int n = 0;
        while (reader.next() && n < MAX_PARAMS)
        {
            switch (reader.type())
            {
                case STRING:
                    offsets[n] = reader.valueOffset();
                    lengths[n] = reader.valueLength();
                    ints[n] = 0;
                    text[n] = keepStrings ? reader.stringValue() : null;
                    break;
                case INT:
                    ints[n] = reader.intValue();
                    text[n] = null;
                    break;
                default:
                    matched = false;
                    return;
            }
            n++;
        }
        count = n;
        matched = !reader.failed();
    }
}
