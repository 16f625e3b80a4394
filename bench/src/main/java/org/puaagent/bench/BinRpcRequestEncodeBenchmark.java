package org.puaagent.bench;

import java.util.Arrays;
import java.util.List;
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
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcWriter;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Client side, binrpc: encoding the kamcmd {@code pua.publish} request (expires as an int record, as kamcmd
 * types {@code 3600}) into a reused {@link BinRpcWriter} and as a new {@code byte[]}. JMH state: one thread
 * per instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BinRpcRequestEncodeBenchmark
{
    private final BinRpcWriter writer = new BinRpcWriter();
    private List<RpcValue> params;
    private RpcRequest request;

    @Setup(Level.Trial)
    public void setUp()
    {
        params = PublishFixture.params(PublishFixture.ExpiresAs.INT);
        request = new RpcRequest(PublishFixture.METHOD, params, new RequestId.Cookie(PublishFixture.COOKIE));
        encodeIntoWriter();
        if (!Arrays.equals(writer.toByteArray(), PublishFixture.binRpcRequest(PublishFixture.ExpiresAs.INT)))
        {
            throw new IllegalStateException("writer and byte[] encoder disagree");
        }
    }

    /** Into a reused writer (expected: 0 B/op once the writer's array has grown). */
    @Benchmark
    public int encodeIntoWriter()
    {
        writer.clear();
        BinRpcEncoder.writeRequest(writer, PublishFixture.COOKIE, PublishFixture.METHOD, params);
        return writer.size();
    }

    /** {@link BinRpcEncoder#encodeRequest(RpcRequest)}: new writer, new array. */
    @Benchmark
    public byte[] encodeToByteArray()
    {
        return BinRpcEncoder.encodeRequest(request);
    }
}
