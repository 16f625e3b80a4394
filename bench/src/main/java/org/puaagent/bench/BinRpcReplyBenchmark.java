package org.puaagent.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.puaagent.protocol.binrpc.BinRpcDatagramDecoder;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcPacketType;
import org.puaagent.protocol.binrpc.BinRpcReader;
import org.puaagent.protocol.binrpc.BinRpcRecordType;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcWriter;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;

/**
 * binrpc reply of a successful {@code pua.publish}: {@code {"SIP-ETag": "...", "Expires": 3600}} with the
 * request's cookie. Server side: encoding it into a reused {@link BinRpcWriter} (records written directly, or
 * the {@link RpcReply} model through {@link BinRpcEncoder#writeResponse}) and the {@code byte[]} convenience
 * path. Client side: decoding it with {@link BinRpcReader} (keeping the ETag String and the int) or into the
 * value model. JMH state: one thread per instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BinRpcReplyBenchmark
{
    private static final byte[] SIP_ETAG = "SIP-ETag".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPIRES = "Expires".getBytes(StandardCharsets.US_ASCII);

    private final BinRpcWriter writer = new BinRpcWriter();
    private final BinRpcDatagramDecoder framer = new BinRpcDatagramDecoder();
    private final BinRpcReader reader = new BinRpcReader();
    private RpcReply reply;
    private byte[] replyBytes;
    private String etag;
    private int expires;

    @Setup(Level.Trial)
    public void setUp()
    {
        reply = PublishFixture.reply();
        replyBytes = PublishFixture.binRpcReply();
        encodeRecordsIntoWriter();
        if (!Arrays.equals(writer.toByteArray(), replyBytes))
        {
            throw new IllegalStateException("record writer and model encoder disagree");
        }
        readReply();
        if (!PublishFixture.ETAG.equals(etag) || expires != PublishFixture.EXPIRES)
        {
            throw new IllegalStateException("reader did not decode the reply");
        }
        final BinRpcResult<BinRpcResponse> model = BinRpcDecoder.decodeResponse(replyBytes);
        if (!model.isDecoded() || !(model.value().response() instanceof RpcReply r)
            || !(r.values().get(0) instanceof RpcStruct s) || !(s.get("SIP-ETag") instanceof RpcString e)
            || !PublishFixture.ETAG.equals(e.value()))
        {
            throw new IllegalStateException("value-model decoder did not decode the reply: " + model);
        }
    }

    /** Server: the reply's records written one by one into a reused writer (expected: 0 B/op). */
    @Benchmark
    public int encodeRecordsIntoWriter()
    {
        writer.clear()
            .beginPacket(BinRpcPacketType.REPLY, PublishFixture.COOKIE)
            .beginStruct()
            .writeMemberName("SIP-ETag").writeString(PublishFixture.ETAG)
            .writeMemberName("Expires").writeInt(PublishFixture.EXPIRES)
            .endStruct()
            .endPacket();
        return writer.size();
    }

    /** Server: the {@link RpcReply} model written into a reused writer. */
    @Benchmark
    public int encodeModelIntoWriter()
    {
        writer.clear();
        BinRpcEncoder.writeResponse(writer, PublishFixture.COOKIE, reply);
        return writer.size();
    }

    /** Server: {@link BinRpcEncoder#encodeResponse} (new writer, new array; what the agent does today). */
    @Benchmark
    public byte[] encodeModelToByteArray()
    {
        return BinRpcEncoder.encodeResponse(PublishFixture.COOKIE, reply);
    }

    /** Client: frame + {@link BinRpcReader}; keeps the ETag as a String and Expires as an int. */
    @Benchmark
    public void decodeWithReader(final Blackhole bh)
    {
        readReply();
        bh.consume(etag);
        bh.consume(expires);
    }

    /** Reads {@link #replyBytes} into {@link #etag} and {@link #expires} (null / -1 when absent). */
    private void readReply()
    {
        etag = null;
        expires = -1;
        if (!framer.decode(replyBytes) || framer.packet().type() != BinRpcPacketType.REPLY)
        {
            return;
        }
        reader.wrap(framer.packet());
        if (!reader.next() || reader.type() != BinRpcRecordType.STRUCT_START)
        {
            return;
        }
        while (reader.next() && reader.type() == BinRpcRecordType.MEMBER_NAME)
        {
            final boolean isEtag = reader.valueEquals(SIP_ETAG);
            final boolean isExpires = !isEtag && reader.valueEquals(EXPIRES);
            if (!reader.next())
            {
                return;
            }
            if (isEtag && reader.type() == BinRpcRecordType.STRING)
            {
                etag = reader.stringValue();
            }
            else if (isExpires && reader.type() == BinRpcRecordType.INT)
            {
                expires = reader.intValue();
            }
        }
    }

    /** Client: {@link BinRpcDecoder#decodeResponse} into the value model. */
    @Benchmark
    public Object decodeToModel()
    {
        return BinRpcDecoder.decodeResponse(replyBytes);
    }
}
