package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.protocol.mi.MiDecodeError;
import org.puaagent.protocol.mi.MiDecoded;
import org.puaagent.protocol.mi.MiFifoDecoder;
import org.puaagent.protocol.mi.MiFraming;
import org.puaagent.protocol.mi.MiReplyWriter;
import org.puaagent.protocol.mi.MiRequest;

/**
 * The Kamailio 4.x MI FIFO: requests {@code :command:reply_fifo} + parameter lines + an empty line; each
 * reply is written to {@code <reply dir><reply_fifo>}. {@code pua_publish} is asynchronous, as in pua_mi: the
 * reader goes on with the next request while the PUBLISH runs, and the reply is written when it ends.
 * A request with an empty reply fifo name is consumed and not executed (mi_fifo's behaviour).
 * Threading: decoding on the FIFO reader thread; replies written by {@link FifoReplies}.
 */
public final class MiFifo implements AutoCloseable
{
    private final FifoReader reader;
    private final MiFifoDecoder decoder = new MiFifoDecoder();
    private final ByteBuffer pending = ByteBuffer.allocate(MiFifoDecoder.MAX_PENDING_BYTES + 16 * 1024);
    private final MiEndpoint endpoint;
    private final MiReplyWriter writer = new MiReplyWriter();
    private final FifoReplies replies;
    private final String replyDir;
    private final AgentCounters counters;

    public MiFifo(final Path path, final int mode, final String replyDir, final MiEndpoint endpoint,
        final FifoReplies replies, final AgentCounters counters)
    {
        this.reader = new FifoReader(path, mode, this::onBytes, counters);
        this.endpoint = endpoint;
        this.replies = replies;
        this.replyDir = replyDir;
        this.counters = counters;
    }

    public void start() throws IOException
    {
        reader.start("mi-fifo");
    }

    private void onBytes(final ByteBuffer in)
    {
        while (in.hasRemaining())
        {
            final int n = Math.min(in.remaining(), pending.remaining());
            final ByteBuffer slice = in.slice();
            slice.limit(n);
            pending.put(slice);
            in.position(in.position() + n);
            pending.flip();
            MiDecoded decoded;
            while ((decoded = decoder.decode(pending)) != null)
            {
                handle(decoded);
            }
            pending.compact();
        }
    }

    private void handle(final MiDecoded decoded)
    {
        if (decoded instanceof MiDecodeError error)
        {
            counters.increment("errors.mi_" + error.kind().name().toLowerCase(java.util.Locale.ROOT));
            final Path reply = Fifo.replyPath(replyDir, error.replyFifo());
            if (null != error.reply() && null != reply)
            {
                replies.write(reply, writer.encode(error.reply(), MiFraming.FIFO));
            }
            return;
        }
        final MiRequest request = (MiRequest) decoded;
        if (request.replyFifo() == null || request.replyFifo().isEmpty())
        {
            counters.increment("errors.mi_no_reply_fifo");
            return;
        }
        final Path reply = Fifo.replyPath(replyDir, request.replyFifo());
        if (null == reply)
        {
            counters.increment("errors.fifo_no_reply_name");
            return;
        }
        endpoint.handle(request, answer -> replies.write(reply, writer.encode(answer, MiFraming.FIFO)));
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
