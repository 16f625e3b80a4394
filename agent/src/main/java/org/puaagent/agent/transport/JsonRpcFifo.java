package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.TransportKind;
import org.puaagent.protocol.fifo.ReplyFifoName;
import org.puaagent.protocol.jsonrpc.FifoFrame;
import org.puaagent.protocol.jsonrpc.FifoFramer;
import org.puaagent.protocol.jsonrpc.ReplyNameScanner;
import org.puaagent.protocol.rpc.RpcFault;

/**
 * JSON-RPC over a FIFO, as jsonrpcs serves it and {@code kamctl rpc} uses it: documents framed by brace
 * counting ({@link FifoFramer}); each answer goes to the reply FIFO the document names ({@code reply_name},
 * joined to the reply directory under the shared name rule, {@link ReplyDirectory}). Unlike jsonrpcs,
 * {@code pua.publish} works here too and answers with the final SIP outcome.
 *
 * <p>Nothing a client writes wedges it (docs/fifo.md): once the FIFO has been quiet for the quiet period with a
 * document in progress, the framer resynchronises on the next complete document; a fragment with nothing after
 * it is dropped at the abandon age. A dropped fragment, a document holding a NUL, an oversized document and one
 * that is not JSON are counted and answered (-32700 Parse error, or 413 Request too large) when a
 * {@code "reply_name"} can be read from their bytes ({@link ReplyNameScanner}); a document without a usable
 * {@code reply_name} runs but its answer has nowhere to go (counted), as in Kamailio.
 *
 * <p>Threading: framing on the FIFO reader thread ({@link FifoStream}); answers, on whatever thread completes a
 * call, are handed to {@link FifoReplies}, which never blocks.
 */
public final class JsonRpcFifo implements AutoCloseable
{
    /**
     * The answer to an oversized document: an HTTP-like code, as Kamailio's own faults use (400, 500), since the
     * JSON-RPC codes have none for it and -32600 would be written as plain "Invalid Request".
     */
    static final RpcFault TOO_LARGE = new RpcFault(413, "Request too large");
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final FifoReader reader;
    private final FifoFramer framer = new FifoFramer();
    private final JsonRpcEndpoint endpoint;
    private final ReplySink replies;
    private final ReplyDirectory replyDir;
    private final FifoCounters counters;
    private final QuietTimer timer;
    private final byte[] parseError;
    private final byte[] tooLarge;

    public JsonRpcFifo(final Path path, final int mode, final String replyDir, final JsonRpcEndpoint endpoint,
        final FifoReplies replies, final AgentCounters counters)
    {
        this(path, mode, replyDir, endpoint, replies, counters, FifoTiming.DEFAULTS);
    }

    JsonRpcFifo(final Path path, final int mode, final String replyDir, final JsonRpcEndpoint endpoint,
        final ReplySink replies, final AgentCounters counters, final FifoTiming timing)
    {
        this.counters = new FifoCounters(counters);
        this.reader = new FifoReader(path, mode, new FifoStream()
        {
            @Override
            public void accept(final ByteBuffer bytes, final long now)
            {
                onBytes(bytes, now);
            }

            @Override
            public long nextDeadline()
            {
                return JsonRpcFifo.this.nextDeadline();
            }

            @Override
            public void deadline(final long now)
            {
                onDeadline(now);
            }
        }, this.counters);
        this.endpoint = endpoint;
        this.replies = replies;
        this.replyDir = new ReplyDirectory(replyDir);
        this.timer = new QuietTimer(timing);
        this.parseError = endpoint.rejection(JsonRpcEndpoint.PARSE_ERROR);
        this.tooLarge = endpoint.rejection(TOO_LARGE);
    }

    public void start() throws IOException
    {
        reader.start("jsonrpc-fifo");
    }

    /** New bytes from the FIFO (reader thread). */
    void onBytes(final ByteBuffer bytes, final long now)
    {
        final long starts = framer.starts();
        drain(bytes);
        timer.bytes(now, framer.busy(), framer.starts() != starts);
    }

    /** When {@link #onDeadline} is next due (reader thread). */
    long nextDeadline()
    {
        return timer.next();
    }

    /** A deadline of the FIFO's quiet timer (reader thread). */
    void onDeadline(final long now)
    {
        boolean fresh = false;
        if (timer.quietPending())
        {
            fresh = resynchronise();
        }
        if (framer.busy() && timer.abandonDue(now))
        {
            fresh |= resynchronise();
            if (framer.busy())
            {
                frame(framer.abandon());
                fresh = true;
            }
        }
        timer.handled(now, framer.busy(), fresh);
    }

    /** Drops fragments while the framer finds something to drop; true if it dropped anything. */
    private boolean resynchronise()
    {
        boolean dropped = false;
        FifoFrame frame;
        while (!((frame = framer.resynchronise()) instanceof FifoFrame.NeedMore))
        {
            dropped = true;
            frame(frame);
            drain(NOTHING);
        }
        return dropped;
    }

    private void drain(final ByteBuffer bytes)
    {
        FifoFrame frame;
        while (!((frame = framer.decode(bytes)) instanceof FifoFrame.NeedMore))
        {
            frame(frame);
        }
    }

    private void frame(final FifoFrame frame)
    {
        try
        {
            handle(frame);
        }
        catch (final RuntimeException ex)
        {
            // a bug behind one document must not lose the rest of the stream: counted, the framing goes on
            counters.internal.increment();
        }
    }

    private void handle(final FifoFrame frame)
    {
        if (frame instanceof FifoFrame.Document doc)
        {
            final byte[] json = doc.json();
            endpoint.handle(json, TransportKind.JSONRPC_FIFO, answer -> deliver(
                answer.unparsable() && null == answer.replyName() ? ReplyNameScanner.find(json, 0, json.length)
                    : answer.replyName(), answer.body()));
            return;
        }
        final FifoFrame.Rejected rejected = (FifoFrame.Rejected) frame;
        switch (rejected.reason())
        {
            case GARBAGE:
                counters.garbage.increment();
                return;
            case TRUNCATED:
                counters.truncated.increment();
                break;
            case NUL:
                counters.nul.increment();
                break;
            default:
                counters.oversized.increment();
                break;
        }
        if (null != rejected.replyName())
        {
            deliver(rejected.replyName(), rejected.reason() == FifoFrame.Reason.OVERSIZED ? tooLarge : parseError);
        }
    }

    /** Sends {@code body} to the reply FIFO {@code name} when the rule accepts it; counts why not otherwise. */
    private void deliver(final String name, final byte[] body)
    {
        final ReplyFifoName.Verdict verdict = replyDir.verdict(name);
        if (verdict == ReplyFifoName.Verdict.USABLE)
        {
            replies.submit(replyDir.resolve(name), body);
        }
        else
        {
            (verdict == ReplyFifoName.Verdict.EMPTY ? counters.noReplyName : counters.badReplyName).increment();
        }
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
