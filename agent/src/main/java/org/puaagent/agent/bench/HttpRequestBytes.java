package org.puaagent.agent.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.puaagent.protocol.jsonrpc.JsonRpcRequestEncoder;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * JSON-RPC requests over HTTP/1.1: {@code POST} with {@code Host}, {@code Content-Type: application/json} and
 * {@code Content-Length}, the body as {@link JsonRpcRequestEncoder} writes it, whose last member is the id. The
 * id is {@code 1000000000} plus the request's sequence number (modulo {@code 1000000000}): always ten digits, so
 * the length does not change and the digits are written in place. Threading: any thread.
 */
final class HttpRequestBytes extends RequestBytes
{
    private static final int ID_BASE = 1_000_000_000;
    private static final int ID_DIGITS = 10;
    private static final byte[] ID_TAIL = ("\"id\":" + ID_BASE + "}").getBytes(StandardCharsets.US_ASCII);
    private static final int DECIMAL = 10;

    private final String head;

    HttpRequestBytes(final BenchTarget.Http target, final String method, final PublishWorkload workload,
        final int presentities)
    {
        super(workload, method, presentities);
        this.head = "POST " + target.path() + " HTTP/1.1\r\nHost: " + target.hostHeader()
            + "\r\nContent-Type: application/json\r\nContent-Length: ";
    }

    @Override
    int idOf(final int sequence)
    {
        return ID_BASE + Integer.remainderUnsigned(sequence, ID_BASE);
    }

    @Override
    protected byte[] encode(final String method, final List<RpcValue> params)
    {
        final byte[] body = JsonRpcRequestEncoder.encode(new RpcRequest(method, params,
            new RequestId.JsonNumber(ID_BASE)));
        if (body.length < ID_TAIL.length
            || !Arrays.equals(body, body.length - ID_TAIL.length, body.length, ID_TAIL, 0, ID_TAIL.length))
        {
            throw new IllegalStateException("the JSON-RPC request does not end with its id");
        }
        final byte[] start = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] request = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    @Override
    protected void writeId(final ByteBuffer buffer, final int id)
    {
        int value = id;
        // the digits end just before the closing brace
        for (int i = buffer.limit() - 2; i >= buffer.limit() - 1 - ID_DIGITS; i--)
        {
            buffer.put(i, (byte) ('0' + value % DECIMAL));
            value /= DECIMAL;
        }
    }
}
