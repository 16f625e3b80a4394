package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.puaagent.protocol.jsonrpc.FifoFrame;
import org.puaagent.protocol.jsonrpc.FifoFramer;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestEncoder;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseParser;
import org.puaagent.protocol.jsonrpc.ReceivedReply;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcRequest;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * JSON-RPC over the jsonrpcs FIFO, as {@code kamctl rpc} speaks it: each request is a JSON document written
 * into the server's FIFO with {@code reply_name} naming this connection's reply FIFO
 * ({@code pua_bench_<pid>_<n>}, made with {@code mkfifo} in the reply directory on first use and removed when
 * the connection closes); the answer is the next document read from it whose id is the request's sequence
 * number (documents with an older id are late answers to requests that timed out, and skipped). So the
 * connections of a run are the reply FIFOs in flight. A request larger than a jsonrpcs FIFO document
 * (8191 bytes) is not sent (transport error {@code too-large}).
 *
 * <p>Not thread-safe: the connection's worker thread only (see {@link BenchConnection}).
 */
final class FifoConnection extends BenchConnection
{
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String PREFIX = "pua_bench_";
    private static final int READ_BUFFER = 16 * 1024;
    /** Largest answer document accepted (pua answers are small). */
    private static final int MAX_ANSWER = 64 * 1024;
    private static final long MKFIFO_SECONDS = 10;

    private final BenchTarget.Fifo target;
    private final String replyName;
    private final Path replyPath;
    private final FifoFramer framer = new FifoFramer(MAX_ANSWER);
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    private volatile boolean made;

    FifoConnection(final BenchTarget.Fifo target)
    {
        super(target);
        this.target = target;
        this.replyName = PREFIX + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        this.replyPath = target.replyDir().resolve(replyName);
        in.flip();
    }

    @Override
    protected ByteChannel connect() throws IOException
    {
        if (!Files.exists(target.fifo()) || Files.isRegularFile(target.fifo()) || Files.isDirectory(target.fifo()))
        {
            throw new IOException(target.fifo() + " is not a FIFO");
        }
        if (!made)
        {
            makeFifo();
            made = true;
        }
        final FileChannel request = FileChannel.open(target.fifo(), StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try
        {
            return new FifoChannel(request, FileChannel.open(replyPath, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
        }
        catch (final IOException ex)
        {
            request.close();
            throw ex;
        }
    }

    private void makeFifo() throws IOException
    {
        Files.deleteIfExists(replyPath);
        final Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0622", replyPath.toString())
            .redirectErrorStream(true).start();
        try
        {
            if (!mkfifo.waitFor(MKFIFO_SECONDS, TimeUnit.SECONDS))
            {
                mkfifo.destroyForcibly();
                throw new IOException("mkfifo " + replyPath + " did not finish");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + replyPath);
        }
        final String output = new String(mkfifo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (mkfifo.exitValue() != 0 || !Files.exists(replyPath, LinkOption.NOFOLLOW_LINKS))
        {
            throw new IOException("mkfifo " + replyPath + " failed: " + output.trim());
        }
    }

    @Override
    protected Answer exchange(final ByteChannel ch, final int sequence, final String method,
        final List<RpcValue> params) throws IOException
    {
        final byte[] request = JsonRpcRequestEncoder.encode(new RpcRequest(method, params,
            new RequestId.JsonNumber(sequence)), replyName);
        if (request.length > FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE)
        {
            return new Answer.Broken("too-large", "a request of " + request.length + " bytes is larger than a"
                + " jsonrpcs FIFO document (" + FifoFramer.KAMAILIO_MAX_DOCUMENT_SIZE + " bytes)");
        }
        ch.write(ByteBuffer.wrap(request));
        while (true)
        {
            final FifoFrame frame = framer.decode(in);
            if (frame instanceof FifoFrame.Document doc)
            {
                final Answer answer = interpret(doc.json(), sequence);
                if (null != answer)
                {
                    return answer;
                }
            }
            else if (frame instanceof FifoFrame.Rejected rejected)
            {
                if (rejected.reason() == FifoFrame.Reason.OVERSIZED)
                {
                    return new Answer.Broken("protocol", "an answer larger than " + MAX_ANSWER + " bytes");
                }
                // bytes between answers that are not one (the agent writes none): skipped, reading goes on
            }
            else
            {
                in.clear();
                final int n = ch.read(in);
                in.flip();
                if (n < 0)
                {
                    return new Answer.Broken("closed", "the reply FIFO was closed before the answer");
                }
            }
        }
    }

    /** The answer for the request, null for a late answer to an earlier one (skipped). */
    private static Answer interpret(final byte[] json, final int sequence)
    {
        final ReceivedReply reply = JsonRpcResponseParser.parse(json, 0, json.length);
        if (reply instanceof ReceivedReply.Answer a)
        {
            if (a.id() instanceof RequestId.JsonNumber n && n.value() < sequence)
            {
                return null;
            }
            if (!(a.id() instanceof RequestId.JsonNumber n) || n.value() != sequence)
            {
                return new Answer.Broken("protocol", "answer with id " + a.id() + ", expected " + sequence);
            }
            return classify(a.response());
        }
        return new Answer.Broken("protocol", "not a JSON-RPC answer: " + (reply instanceof ReceivedReply.Malformed m
            ? m.reason() : "a batch"));
    }

    @Override
    protected void reset()
    {
        framer.reset();
        in.clear();
        in.flip();
    }

    @Override
    protected void closed()
    {
        if (made)
        {
            try
            {
                Files.deleteIfExists(replyPath);
            }
            catch (final IOException ignored)
            {
                // left behind in the reply directory; its name says whose it was
            }
        }
    }
}
