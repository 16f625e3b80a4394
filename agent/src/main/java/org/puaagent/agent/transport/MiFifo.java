package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.protocol.fifo.ReplyFifoName;
import org.puaagent.protocol.mi.MiDecodeError;
import org.puaagent.protocol.mi.MiDecoded;
import org.puaagent.protocol.mi.MiFifoDecoder;
import org.puaagent.protocol.mi.MiFraming;
import org.puaagent.protocol.mi.MiReplyWriter;
import org.puaagent.protocol.mi.MiRequest;

/**
 * The Kamailio 4.x MI FIFO: requests {@code :command:reply_fifo} + parameter lines + an empty line; each
 * reply is written to the reply directory joined with {@code reply_fifo} under the name rule both FIFOs share
 * ({@link ReplyDirectory}; unlike mi_fifo, a name with dots is accepted). {@code pua_publish} is asynchronous,
 * as in pua_mi: the reader goes on with the next request while the PUBLISH runs, and the reply is written when
 * it ends. A request with an empty reply fifo name is consumed and not executed (mi_fifo's behaviour); one whose
 * name the rule refuses likewise (counted).
 *
 * <p>Nothing a client writes wedges it (docs/fifo.md): a request holding a NUL is answered
 * {@code 400 parse error}; once the FIFO has been quiet for the quiet period, the rest of a rejected request is
 * no longer skipped, and a partial request is dropped (answered {@code 400 parse error} when its command line
 * named a usable reply FIFO) when the next bytes begin a new command line or at the abandon age.
 *
 * <p>Threading: decoding on the FIFO reader thread ({@link FifoStream}); replies, on whatever thread completes a
 * command, are handed to {@link FifoReplies}, which never blocks.
 */
public final class MiFifo implements AutoCloseable
{
    private static final byte COMMAND_START = ':';

    private final FifoReader reader;
    private final MiFifoDecoder decoder = new MiFifoDecoder();
    /** Bytes read and not consumed by the decoder yet (write mode between calls). */
    private final ByteBuffer pending = ByteBuffer.allocate(MiFifoDecoder.MAX_PENDING_BYTES + FifoReader.READ_BYTES);
    private final MiEndpoint endpoint;
    private final MiReplyWriter writer = new MiReplyWriter();
    private final ReplySink replies;
    private final ReplyDirectory replyDir;
    private final FifoCounters counters;
    private final Map<MiDecodeError.Kind, LongAdder> errors = new EnumMap<>(MiDecodeError.Kind.class);
    private final LongAdder noReplyFifo;
    private final QuietTimer timer;
    /** Whether the partial request in {@link #pending} has seen a quiet period. */
    private boolean stale;

    public MiFifo(final Path path, final int mode, final String replyDir, final MiEndpoint endpoint,
        final FifoReplies replies, final AgentCounters counters)
    {
        this(path, mode, replyDir, endpoint, replies, counters, FifoTiming.DEFAULTS);
    }

    MiFifo(final Path path, final int mode, final String replyDir, final MiEndpoint endpoint,
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
                return MiFifo.this.nextDeadline();
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
        this.noReplyFifo = counters.adder("errors.mi_no_reply_fifo");
        errors.put(MiDecodeError.Kind.BAD_COMMAND_LINE, counters.adder("errors.mi_bad_command_line"));
        errors.put(MiDecodeError.Kind.PARSE_ERROR, counters.adder("errors.mi_parse_error"));
        errors.put(MiDecodeError.Kind.COMMAND_LINE_TOO_LONG, this.counters.oversized);
        errors.put(MiDecodeError.Kind.PARAMETERS_TOO_LONG, this.counters.oversized);
        errors.put(MiDecodeError.Kind.NUL_BYTE, this.counters.nul);
        errors.put(MiDecodeError.Kind.TRUNCATED, this.counters.truncated);
    }

    public void start() throws IOException
    {
        reader.start("mi-fifo");
    }

    /** New bytes from the FIFO (reader thread). */
    void onBytes(final ByteBuffer in, final long now)
    {
        if (stale && in.hasRemaining() && in.get(in.position()) == COMMAND_START)
        {
            abandonPartial();
        }
        stale = false;
        boolean restarted = false;
        while (in.hasRemaining())
        {
            final int n = Math.min(in.remaining(), pending.remaining());
            pending.put(in.slice(in.position(), n));
            in.position(in.position() + n);
            pending.flip();
            try
            {
                MiDecoded decoded;
                while (null != (decoded = decoder.decode(pending)))
                {
                    restarted = true;
                    safely(decoded);
                }
            }
            finally
            {
                pending.compact();
            }
        }
        timer.bytes(now, busy(), restarted);
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
            decoder.endDiscard();
            stale = pending.position() > 0;
        }
        if (busy() && timer.abandonDue(now))
        {
            abandonPartial();
            fresh = true;
        }
        timer.handled(now, busy(), fresh);
    }

    /** Whether a partial request is held or the rest of a rejected one is being skipped. */
    boolean busy()
    {
        return pending.position() > 0 || decoder.isDiscarding();
    }

    private void abandonPartial()
    {
        stale = false;
        pending.flip();
        try
        {
            final MiDecoded dropped = decoder.abandon(pending);
            if (null != dropped)
            {
                safely(dropped);
            }
        }
        finally
        {
            pending.compact();
        }
    }

    private void safely(final MiDecoded decoded)
    {
        try
        {
            handle(decoded);
        }
        catch (final RuntimeException ex)
        {
            // a bug behind one request must not lose the rest of the stream: counted, the decoding goes on
            counters.internal.increment();
        }
    }

    private void handle(final MiDecoded decoded)
    {
        if (decoded instanceof MiDecodeError error)
        {
            errors.get(error.kind()).increment();
            if (null != error.reply() && replyDir.verdict(error.replyFifo()) == ReplyFifoName.Verdict.USABLE)
            {
                replies.submit(replyDir.resolve(error.replyFifo()), writer.encode(error.reply(), MiFraming.FIFO));
            }
            return;
        }
        final MiRequest request = (MiRequest) decoded;
        final ReplyFifoName.Verdict verdict = replyDir.verdict(request.replyFifo());
        if (verdict != ReplyFifoName.Verdict.USABLE)
        {
            (verdict == ReplyFifoName.Verdict.EMPTY ? noReplyFifo : counters.badReplyName).increment();
            return;
        }
        final ReplyPath reply = replyDir.resolve(request.replyFifo());
        endpoint.handle(request, answer -> replies.submit(reply, writer.encode(answer, MiFraming.FIFO)));
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
