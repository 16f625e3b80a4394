package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.jsonrpc.FifoFrame;
import org.puaagent.protocol.jsonrpc.FifoFramer;

/**
 * JSON-RPC over a FIFO, as jsonrpcs serves it and {@code kamctl rpc} uses it: documents framed by brace
 * counting; each answer goes to the reply FIFO the document names ({@code reply_name}, joined to the reply
 * directory). Unlike jsonrpcs, {@code pua.publish} works here too and answers with the final SIP outcome.
 * A document without a usable {@code reply_name} runs but its answer has nowhere to go (counted), as in
 * Kamailio. Threading: framing on the FIFO reader thread; answers are written by {@link FifoReplies}.
 */
public final class JsonRpcFifo implements AutoCloseable
{
    private final FifoReader reader;
    private final FifoFramer framer = new FifoFramer();
    private final JsonRpcEndpoint endpoint;
    private final FifoReplies replies;
    private final String replyDir;
    private final AgentCounters counters;

    public JsonRpcFifo(final Path path, final int mode, final String replyDir, final JsonRpcEndpoint endpoint,
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
        reader.start("jsonrpc-fifo");
    }

    private void onBytes(final ByteBuffer in)
    {
        while (in.hasRemaining())
        {
            final FifoFrame frame = framer.decode(in);
            if (frame instanceof FifoFrame.Document doc)
            {
                endpoint.handle(doc.json(), TransportKind.JSONRPC_FIFO, answer ->
                {
                    final Path reply = Fifo.replyPath(replyDir, answer.replyName());
                    if (null == reply)
                    {
                        counters.increment("errors.fifo_no_reply_name");
                        return;
                    }
                    replies.write(reply, answer.body());
                });
            }
            else if (frame instanceof FifoFrame.TooLarge)
            {
                counters.increment("errors.fifo_document_too_large");
            }
        }
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
