package org.puaagent.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcPacket;
import org.puaagent.protocol.binrpc.BinRpcPacketHandler;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.pua.PuaArgs;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.RpcPublishArgs;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * Server side, binrpc: decoding a kamcmd {@code pua.publish} request (stream framing as on TCP/unix stream,
 * the packet whole in one chunk). Three depths: walking the records only; the allocation-free path keeping
 * the parameters as Strings (the target: under 1 us, nothing allocated but those Strings); and the
 * value-model path the agent uses today ({@link BinRpcDecoder#decodeRequest} then
 * {@link RpcPublishArgs#decode}). JMH state: one thread per instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BinRpcRequestDecodeBenchmark
{
    /** INT: expires as kamcmd types {@code 3600}; STRING: as {@code s:3600}. */
    @Param({"INT", "STRING"})
    public PublishFixture.ExpiresAs expires;

    private byte[] request;
    private final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
    private final PublishRecords walk = new PublishRecords(false);
    private final PublishRecords keep = new PublishRecords(true);
    private final TreeHandler tree = new TreeHandler();

    /** The value-model path as a stream handler (the agent's BinRpcStreamSession does the same). */
    static final class TreeHandler implements BinRpcPacketHandler
    {
        PuaArgs<PublishRequest> args;

        @Override
        public void onPacket(final BinRpcPacket packet)
        {
            final BinRpcResult<RpcRequest> result = BinRpcDecoder.decodeRequest(packet);
            args = result instanceof BinRpcResult.Decoded<RpcRequest> d ? RpcPublishArgs.decode(d.value().params())
                : null;
        }
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        request = PublishFixture.binRpcRequest(expires);
        decoder.feed(request, keep);
        if (!keep.matched || keep.count != PublishRecords.MAX_PARAMS || !PublishFixture.BODY.equals(keep.text[8])
            || !PublishFixture.PRESENTITY.equals(keep.text[0]))
        {
            throw new IllegalStateException("allocation-free path did not decode the request");
        }
        decoder.feed(request, walk);
        if (!walk.matched || walk.count != PublishRecords.MAX_PARAMS || walk.lengths[8] != PublishFixture.BODY_LENGTH)
        {
            throw new IllegalStateException("record walk did not decode the request");
        }
        decoder.feed(request, tree);
        if (!(tree.args instanceof PuaArgs.Ok<PublishRequest> ok) || ok.request().expires() != PublishFixture.EXPIRES
            || !PublishFixture.BODY.equals(ok.request().body()))
        {
            throw new IllegalStateException("value-model path did not decode the request: " + tree.args);
        }
        if (decoder.status() != BinRpcStreamDecoder.Status.OPEN || decoder.buffered() != 0)
        {
            throw new IllegalStateException("stream decoder not clean: " + decoder.status());
        }
    }

    /** Frame + walk all records, method matched as bytes; nothing materialised (expected: 0 B/op). */
    @Benchmark
    public int frameAndWalk()
    {
        decoder.feed(request, walk);
        return walk.count + walk.lengths[8];
    }

    /** The allocation-free path plus the Strings a caller keeps, in a reused String[]. */
    @Benchmark
    public void frameAndKeepStrings(final Blackhole bh)
    {
        decoder.feed(request, keep);
        bh.consume(keep.text);
        bh.consume(keep.ints[1]);
    }

    /** Frame, {@link BinRpcDecoder#decodeRequest} (RpcRequest tree), {@link RpcPublishArgs#decode}. */
    @Benchmark
    public Object decodeTreeAndPuaArgs()
    {
        decoder.feed(request, tree);
        return tree.args;
    }
}
