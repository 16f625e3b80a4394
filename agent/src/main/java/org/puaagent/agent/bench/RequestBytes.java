package org.puaagent.agent.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.puaagent.protocol.rpc.RpcValue;

/**
 * The bytes of the requests of a run, ready to write: for each presentity the whole request (HTTP head and
 * JSON-RPC body, or the binrpc packet) is encoded once, with an id of fixed width ({@link #idOf}), and copied
 * into a connection's output buffer with the request's id written over the placeholder. Presentities beyond
 * {@link #CACHED_PRESENTITIES} are encoded for every request. Threading: any thread (the templates are
 * published through an atomic array and never changed).
 */
abstract class RequestBytes
{
    /** Presentities whose encoded request is kept (about 1 KB each at the default body size). */
    static final int CACHED_PRESENTITIES = 1 << 16;

    private final PublishWorkload workload;
    private final String method;
    private final AtomicReferenceArray<byte[]> templates;

    protected RequestBytes(final PublishWorkload workload, final String method, final int presentities)
    {
        this.workload = workload;
        this.method = method;
        this.templates = new AtomicReferenceArray<>(Math.min(presentities, CACHED_PRESENTITIES));
    }

    /** The request bytes for a target's protocol (binrpc over TCP or unix, JSON-RPC over HTTP). */
    static RequestBytes of(final BenchTarget target, final String method, final PublishWorkload workload,
        final int presentities)
    {
        if (target instanceof BenchTarget.Http http)
        {
            return new HttpRequestBytes(http, method, workload, presentities);
        }
        if (target instanceof BenchTarget.Fifo)
        {
            throw new IllegalArgumentException("a FIFO target has no socket: " + target.text());
        }
        return new BinRpcRequestBytes(method, workload, presentities);
    }

    /**
     * Puts the request publishing {@code presentity} with the given id into {@code out}, ready to write
     * (position 0, limit its length).
     *
     * @param out a buffer to reuse
     * @return {@code out}, or a larger direct buffer if it was too small
     */
    final ByteBuffer put(final ByteBuffer out, final int presentity, final int id)
    {
        final byte[] template = template(presentity);
        ByteBuffer buffer = out;
        if (buffer.capacity() < template.length)
        {
            buffer = ByteBuffer.allocateDirect(Math.max(template.length, 2 * buffer.capacity()));
        }
        buffer.clear();
        buffer.put(template);
        buffer.flip();
        writeId(buffer, id);
        return buffer;
    }

    /** The id (binrpc cookie, JSON-RPC id) of a connection's n-th request: fixed width, so it can be written over. */
    abstract int idOf(int sequence);

    /** The whole request with the placeholder id. */
    protected abstract byte[] encode(String method, List<RpcValue> params);

    /** Writes {@code id} over the placeholder of the request in {@code buffer[0, limit)}. */
    protected abstract void writeId(ByteBuffer buffer, int id);

    private byte[] template(final int presentity)
    {
        if (presentity >= templates.length())
        {
            return encode(method, workload.params(presentity));
        }
        byte[] template = templates.get(presentity);
        if (null == template)
        {
            template = encode(method, workload.params(presentity));
            templates.set(presentity, template);
        }
        return template;
    }
}
