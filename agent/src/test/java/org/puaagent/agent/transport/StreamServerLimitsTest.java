package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.rpc.MethodEntry;
import org.puaagent.agent.rpc.RpcCall;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;

/**
 * The bounds of a binrpc stream listener over real sockets on 127.0.0.1: the in-flight cap (fault 503 at once),
 * the queued-bytes bound (a client that does not read is no longer read), and the deadlines of the sweep (idle,
 * a packet left unfinished, replies not taken), each with its counter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamServerLimitsTest
{
    private static final int TIMEOUT_MS = 10_000;

    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private final ConcurrentLinkedQueue<RpcCall> held = new ConcurrentLinkedQueue<>();
    private StreamServer server;

    StreamServerLimitsTest()
    {
        dispatcher.register(new MethodEntry("test.hold", "held until the test answers", "", false, held::add));
        dispatcher.register(new MethodEntry("test.now", "answered at once", "", false,
            call -> call.reply(RpcReply.of(new RpcString("now")))));
    }

    private void start(final StreamLimits limits, final Function<StreamConnection, StreamSession> sessions)
        throws IOException
    {
        server = new StreamServer(ListenAddress.parse("tcp:127.0.0.1:0").address(), sessions, counters, limits, 0);
        server.start("test-binrpc");
    }

    private void startBinRpc(final StreamLimits limits) throws IOException
    {
        start(limits, conn -> new BinRpcStreamSession(conn, dispatcher, 1 << 16));
    }

    private static StreamLimits limits(final int inFlight, final int queued, final long idleMs, final long requestMs)
    {
        return new StreamLimits(16, inFlight, queued, idleMs, requestMs);
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void aRequestBeyondTheInFlightCapGets503AtOnceAndIsNotRun() throws Exception
    {
        startBinRpc(limits(2, 1 << 20, 60_000, 10_000));
        try (Socket s = connect())
        {
            write(s, request(1, "test.hold"));
            write(s, request(2, "test.hold"));
            awaitTrue(() -> held.size() == 2, "two held");
            write(s, request(3, "test.hold"));
            final BinRpcResponse busy = readResponse(s);
            assertEquals(3, busy.cookie());
            assertInstanceOf(RpcFault.class, busy.response());
            assertEquals(503, ((RpcFault) busy.response()).code());
            assertEquals(2, held.size(), "the third never ran");
            held.poll().reply(RpcReply.empty());
            assertEquals(1, readResponse(s).cookie());
            write(s, request(4, "test.now"));
            assertEquals(4, readResponse(s).cookie(), "a place is free again");
            held.poll().reply(RpcReply.empty());
            assertEquals(2, readResponse(s).cookie());
        }
        assertEquals(1, counters.get("errors.binrpc_in_flight"));
    }

    @Test
    void aClientThatDoesNotReadIsNoLongerReadUntilItDoes() throws Exception
    {
        final AtomicInteger lines = new AtomicInteger();
        start(limits(1000, 64 * 1024, 60_000, 10_000), conn -> new Replier(conn, lines, 16 * 1024));
        try (Socket s = new Socket())
        {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.localPort()));
            s.setSoTimeout(TIMEOUT_MS);
            // 2,000 requests of 16 KiB replies (32 MiB) that the client does not read yet
            final Thread writer = new Thread(() ->
            {
                try
                {
                    // one request per write, so that the server reads them in many reads, as a client waiting for
                    // its replies would send them (a single read's requests are all served)
                    for (int i = 0; i < 2000; i++)
                    {
                        s.getOutputStream().write('\n');
                        s.getOutputStream().flush();
                        Thread.sleep(0, 100_000);
                    }
                }
                catch (final IOException | InterruptedException ignored)
                {
                    // the test closes the socket
                }
            });
            writer.setDaemon(true);
            writer.start();
            awaitTrue(() -> counters.get("binrpc.reads_paused") >= 1, "reading paused");
            final int served = lines.get();
            Thread.sleep(300);
            assertEquals(served, lines.get(), "nothing more is read while the replies wait");
            assertTrue(served < 2000, "served " + served);
            final InputStream in = s.getInputStream();
            final byte[] sink = new byte[64 * 1024];
            long read = 0;
            while (read < 2000L * 16 * 1024)
            {
                final int n = in.read(sink);
                assertTrue(n > 0, "the replies come when the client reads");
                read += n;
            }
            assertEquals(2000, lines.get());
        }
    }

    @Test
    void aClientThatNeverTakesItsRepliesIsClosedAfterTheRequestTimeout() throws Exception
    {
        final AtomicInteger lines = new AtomicInteger();
        start(limits(1000, 64 * 1024, 60_000, 300), conn -> new Replier(conn, lines, 8 << 20));
        try (Socket s = new Socket())
        {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.localPort()));
            s.getOutputStream().write('\n');
            awaitTrue(() -> counters.get("errors.binrpc_write_timeout") == 1, "closed for not reading");
        }
        awaitTrue(() -> server.openConnections() == 0, "gone");
    }

    @Test
    void anIdleConnectionIsClosedAndAnActiveOneIsNot() throws Exception
    {
        startBinRpc(limits(16, 1 << 20, 300, 10_000));
        try (Socket idle = connect(); Socket busy = connect())
        {
            write(busy, request(1, "test.hold"));
            awaitTrue(() -> held.size() == 1, "held");
            assertEquals(-1, readOrReset(idle.getInputStream()), "idle: closed");
            assertTrue(counters.get("binrpc.idle_closed") >= 1);
            held.poll().reply(RpcReply.empty());
            assertEquals(1, readResponse(busy).cookie(), "a request in flight kept its connection");
        }
    }

    @Test
    void aPacketLeftUnfinishedIsCutOff() throws Exception
    {
        startBinRpc(limits(16, 1 << 20, 60_000, 300));
        try (Socket s = connect())
        {
            final byte[] whole = request(1, "test.now");
            s.getOutputStream().write(whole, 0, whole.length / 2);
            assertEquals(-1, readOrReset(s.getInputStream()));
        }
        assertEquals(1, counters.get("errors.binrpc_request_timeout"));
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception
    {
        startBinRpc(new StreamLimits(2, 16, 1 << 20, 60_000, 10_000));
        final List<Socket> kept = new ArrayList<>();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                final Socket s = connect();
                kept.add(s);
                write(s, request(i, "test.now"));
                assertEquals(i, readResponse(s).cookie());
            }
            try (Socket extra = connect())
            {
                assertEquals(-1, readOrReset(extra.getInputStream()));
            }
            assertEquals(1, counters.get("errors.too_many_connections"));
        }
        finally
        {
            for (final Socket s : kept)
            {
                s.close();
            }
        }
    }

    /** Answers every newline with {@code size} bytes, at once on the selector thread. */
    private static final class Replier implements StreamSession
    {
        private final StreamConnection connection;
        private final AtomicInteger lines;
        private final int size;

        Replier(final StreamConnection connection, final AtomicInteger lines, final int size)
        {
            this.connection = connection;
            this.lines = lines;
            this.size = size;
        }

        @Override
        public void onBytes(final ByteBuffer in)
        {
            while (in.hasRemaining())
            {
                if (in.get() == '\n')
                {
                    lines.incrementAndGet();
                    connection.send(new byte[size]);
                }
            }
        }
    }

    private Socket connect() throws IOException
    {
        final Socket s = new Socket("127.0.0.1", server.localPort());
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    private static byte[] request(final int cookie, final String method)
    {
        return BinRpcEncoder.encodeRequest(cookie, method, List.of());
    }

    private static void write(final Socket s, final byte[] bytes) throws IOException
    {
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
    }

    private static BinRpcResponse readResponse(final Socket s) throws IOException
    {
        final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
        final List<BinRpcResponse> got = new ArrayList<>();
        final InputStream in = s.getInputStream();
        while (got.isEmpty())
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("closed before a response");
            }
            decoder.feed(new byte[] {(byte) b}, packet ->
            {
                final BinRpcResult<BinRpcResponse> r = BinRpcDecoder.decodeResponse(packet);
                got.add(((BinRpcResult.Decoded<BinRpcResponse>) r).value());
            });
        }
        return got.get(0);
    }

    private static int readOrReset(final InputStream in) throws IOException
    {
        try
        {
            return in.read();
        }
        catch (final SocketException reset)
        {
            return -1;
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "waited for: " + what);
            Thread.sleep(2);
        }
    }
}
