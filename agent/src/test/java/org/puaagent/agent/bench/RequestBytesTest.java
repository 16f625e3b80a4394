package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestEncoder;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * The requests of the event loops, made from a template with the id written in place, are byte for byte the
 * requests the encoders write for that presentity and id; inside and beyond the cached presentities, for ids
 * near the wrap-around of the sequence.
 */
class RequestBytesTest
{
    private static final int PRESENTITIES = RequestBytes.CACHED_PRESENTITIES + 10;
    private static final int[] SEQUENCES = {1, 2, 9, 10, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, -1};
    private static final int[] PRESENTITY = {0, 7, RequestBytes.CACHED_PRESENTITIES - 1,
        RequestBytes.CACHED_PRESENTITIES + 3};

    private static byte[] bytes(final ByteBuffer b)
    {
        final byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void binRpcRequestsAreTheEncodersWithTheirCookie()
    {
        final PublishWorkload workload = new PublishWorkload(PRESENTITIES, 500, 3600);
        final RequestBytes requests = RequestBytes.of(BenchTarget.parse("binrpc-tcp:127.0.0.1:2049").target(),
            BenchOptions.PUBLISH, workload, PRESENTITIES);
        ByteBuffer out = ByteBuffer.allocateDirect(16);
        for (final int p : PRESENTITY)
        {
            for (final int sequence : SEQUENCES)
            {
                final int cookie = requests.idOf(sequence);
                out = requests.put(out, p, cookie);
                assertArrayEquals(BinRpcEncoder.encodeRequest(cookie, BenchOptions.PUBLISH, workload.params(p)),
                    bytes(out), "presentity " + p + ", sequence " + sequence);
            }
        }
        assertEquals(requests.idOf(1) + 1, requests.idOf(2));
    }

    @Test
    void httpRequestsAreTheEncodersWithATenDigitId() throws Exception
    {
        final PublishWorkload workload = new PublishWorkload(PRESENTITIES, 300, 60);
        final BenchTarget.Http target = new BenchTarget.Http(new InetSocketAddress(
            InetAddress.getByName("127.0.0.1"), 5080), "/RPC");
        final RequestBytes requests = RequestBytes.of(target, BenchOptions.SEND_PUBLISH, workload, PRESENTITIES);
        ByteBuffer out = ByteBuffer.allocateDirect(16);
        for (final int p : PRESENTITY)
        {
            for (final int sequence : SEQUENCES)
            {
                final int id = requests.idOf(sequence);
                assertEquals(10, Integer.toString(id).length(), "id " + id);
                out = requests.put(out, p, id);
                final byte[] body = JsonRpcRequestEncoder.encode(new RpcRequest(BenchOptions.SEND_PUBLISH,
                    workload.params(p), new RequestId.JsonNumber(id)));
                final byte[] head = ("POST /RPC HTTP/1.1\r\nHost: 127.0.0.1:5080\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                final byte[] expected = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, expected, head.length, body.length);
                assertArrayEquals(expected, bytes(out), "presentity " + p + ", sequence " + sequence);
            }
        }
    }
}
