package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * One blocking client connection of the load generator, driven by its own {@link BenchWorker} thread: the pair
 * of FIFOs of {@link FifoConnection} (sockets are driven by {@link ClientLoop}s), opened on first use and again
 * after any failure, with one request in flight at a time. Subclasses write a request and read its answer
 * ({@link #exchange}).
 *
 * <p>Threading: {@link #call} on the connection's worker thread only; {@link #expire} and {@link #close} from
 * any thread (they close the channel, which wakes a blocked read with an error).
 */
public abstract class BenchConnection implements AutoCloseable
{
    /** The member of a successful {@code pua.publish} reply that carries the entity tag. */
    private static final String ETAG_MEMBER = "SIP-ETag";

    private final BenchTarget target;
    private volatile ByteChannel channel;
    private volatile long startedNanos;
    private volatile boolean busy;
    private volatile boolean expired;
    private volatile boolean closed;

    protected BenchConnection(final BenchTarget target)
    {
        this.target = target;
    }

    /** A blocking connection for a target the event loops cannot drive (a FIFO). */
    public static BenchConnection to(final BenchTarget target)
    {
        if (target instanceof BenchTarget.Fifo fifo)
        {
            return new FifoConnection(fifo);
        }
        throw new IllegalArgumentException("sockets are driven by the event loops (ClientLoop): " + target.text());
    }

    /**
     * Sends one request and waits for its answer (opening the connection first if needed). Never throws:
     * every failure is an {@link Answer.Broken}, after which the connection is closed.
     *
     * @param sequence a number unique on this connection, used as cookie / id
     */
    public final Answer call(final int sequence, final String method, final List<RpcValue> params)
    {
        if (closed)
        {
            return new Answer.Broken("closed", "the run is over");
        }
        startedNanos = System.nanoTime();
        busy = true;
        try
        {
            ByteChannel ch = channel;
            if (null == ch)
            {
                try
                {
                    ch = open();
                }
                catch (final IOException ex)
                {
                    return new Answer.Broken("connect", "cannot connect to " + target.text() + ": " + ex);
                }
            }
            final Answer answer = exchange(ch, sequence, method, params);
            if (answer instanceof Answer.Broken)
            {
                drop();
            }
            return answer;
        }
        catch (final ClosedChannelException ex)
        {
            drop();
            return expired ? new Answer.Broken("timeout", "no answer within the request timeout")
                : new Answer.Broken("closed", "connection closed: " + ex);
        }
        catch (final IOException ex)
        {
            drop();
            return new Answer.Broken("io", ex.toString());
        }
        finally
        {
            busy = false;
            expired = false;
        }
    }

    /** Whether a request (or a connect) is in flight. Any thread. */
    public final boolean busy()
    {
        return busy;
    }

    /**
     * Breaks the connection if its request has waited longer than {@code timeoutNanos}; the waiting
     * {@link #call} then returns a {@code timeout}. Any thread.
     *
     * @return whether it did
     */
    public final boolean expire(final long nowNanos, final long timeoutNanos)
    {
        if (busy && nowNanos - startedNanos > timeoutNanos)
        {
            expired = true;
            closeChannel();
            return true;
        }
        return false;
    }

    /** Closes for good: a call in flight returns {@code closed}, later calls do not connect. Any thread. */
    @Override
    public final void close()
    {
        closed = true;
        closeChannel();
        closed();
    }

    /** Writes the request and reads its answer. A failure to read the answer is an {@link Answer.Broken}. */
    protected abstract Answer exchange(ByteChannel ch, int sequence, String method, List<RpcValue> params)
        throws IOException;

    /** Opens a new channel to the target ({@link FifoConnection}: its FIFOs). */
    protected abstract ByteChannel connect() throws IOException;

    /** Called once the connection is closed for good (e.g. to remove files it made). */
    protected void closed()
    {
    }

    /** Forgets any partial input (the channel was closed; the next call starts on a new one). */
    protected abstract void reset();

    /** Closes the channel after an answer that asks for it (HTTP {@code Connection: close}); not an error. */
    protected final void closeQuietly()
    {
        drop();
    }

    /** The answer for a decoded response: reply (with or without {@code SIP-ETag}) or fault. */
    protected static Answer classify(final RpcResponse response)
    {
        if (response instanceof RpcFault fault)
        {
            return new Answer.Fault(fault.code());
        }
        for (final RpcValue value : ((RpcReply) response).values())
        {
            if (value instanceof RpcStruct struct && null != struct.get(ETAG_MEMBER))
            {
                return Answer.Reply.WITH_ETAG;
            }
        }
        return Answer.Reply.WITHOUT_ETAG;
    }

    private ByteChannel open() throws IOException
    {
        try
        {
            final ByteChannel ch = connect();
            channel = ch;
            if (closed)
            {
                ch.close();
                throw new ClosedChannelException();
            }
            return ch;
        }
        catch (final IOException ex)
        {
            channel = null;
            throw ex;
        }
    }

    private void drop()
    {
        closeChannel();
        channel = null;
        reset();
    }

    private void closeChannel()
    {
        final ByteChannel ch = channel;
        if (null != ch)
        {
            try
            {
                ch.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
    }
}
