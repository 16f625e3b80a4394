package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.puaagent.agent.rpc.AgentCounters;

/**
 * A {@link StreamServer} on another thread's selector ({@link StreamServer#startOn}), with a host loop that does
 * what the pipeline owner does: clear the selected keys, wait in the selector, run its duties. Another channel
 * of the host shares the selector and stays readable the whole time, as the SIP socket does.
 */
class StreamServerSharedTest
{
    private final AgentCounters counters = new AgentCounters();
    private final List<IntSupplier> duties = new CopyOnWriteArrayList<>();
    private final ExecutorService repliers = Executors.newSingleThreadExecutor();
    private final CountDownLatch sessionClosed = new CountDownLatch(1);
    private final AtomicReference<Thread> onBytesThread = new AtomicReference<>();
    private Selector selector;
    private Pipe foreign;
    private Thread host;
    private volatile boolean hosting = true;
    private StreamServer server;

    @BeforeEach
    void startHost() throws IOException
    {
        selector = Selector.open();
        foreign = Pipe.open();
        foreign.source().configureBlocking(false);
        foreign.source().register(selector, SelectionKey.OP_READ);
        foreign.sink().write(ByteBuffer.wrap(new byte[] {1})); // never read: the key is always ready
        host = new Thread(() ->
        {
            while (hosting)
            {
                try
                {
                    selector.selectedKeys().clear();
                    selector.select(20);
                }
                catch (final IOException | RuntimeException ex)
                {
                    return;
                }
                for (final IntSupplier duty : duties)
                {
                    duty.getAsInt();
                }
            }
        }, "test-host");
        host.start();
        server = new StreamServer(ListenAddress.parse("tcp:127.0.0.1:0").address(), this::upperCaseLines, counters,
            StreamLimits.defaults(), 0);
        server.startOn(new SharedSelector(selector, duties::add));
    }

    @AfterEach
    void stopHost() throws Exception
    {
        server.close();
        hosting = false;
        host.join(2000);
        selector.close();
        foreign.source().close();
        foreign.sink().close();
        repliers.shutdownNow();
    }

    /** Answers every line with the line in upper case, sent from another thread (as the pipeline would). */
    private StreamSession upperCaseLines(final StreamConnection connection)
    {
        return new StreamSession()
        {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void onBytes(final ByteBuffer in)
            {
                onBytesThread.set(Thread.currentThread());
                while (in.hasRemaining())
                {
                    final char c = (char) in.get();
                    if (c == '\n')
                    {
                        final byte[] reply = (line.toString().toUpperCase() + "\n").getBytes(StandardCharsets.US_ASCII);
                        line.setLength(0);
                        repliers.execute(() -> connection.send(reply));
                    }
                    else
                    {
                        line.append(c);
                    }
                }
            }

            @Override
            public void onClose()
            {
                sessionClosed.countDown();
            }
        };
    }

    @Test
    void servesOnTheHostThreadAndLeavesItsOtherKeysAlone() throws Exception
    {
        try (Socket client = new Socket("127.0.0.1", server.localPort()))
        {
            final OutputStream out = client.getOutputStream();
            final BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII));
            for (int i = 0; i < 50; i++)
            {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("LINE " + i, in.readLine());
            }
        }
        assertSame(host, onBytesThread.get());
        assertEquals(0L, counters.get("errors.transport_loop"));
    }

    @Test
    void closeEndsTheConnectionsAndTheListenerButNotTheSharedSelector() throws Exception
    {
        final int port = server.localPort();
        try (Socket client = new Socket("127.0.0.1", port))
        {
            client.getOutputStream().write("a\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals('A', client.getInputStream().read());
            client.setSoTimeout(5000);
            server.close();
            assertEquals('\n', client.getInputStream().read());
            assertEquals(-1, client.getInputStream().read());
        }
        assertTrue(sessionClosed.await(5, TimeUnit.SECONDS));
        assertTrue(selector.isOpen());
        assertTrue(host.isAlive());
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000));
    }

    @Test
    void closeAfterTheHostStoppedClosesTheConnectionsItself() throws Exception
    {
        try (Socket client = new Socket("127.0.0.1", server.localPort()))
        {
            client.getOutputStream().write("b\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals('B', client.getInputStream().read());
            assertEquals('\n', client.getInputStream().read());
            hosting = false;
            host.join(2000);
            client.setSoTimeout(10_000);
            server.close();
            assertEquals(-1, client.getInputStream().read());
        }
        assertTrue(sessionClosed.await(5, TimeUnit.SECONDS));
    }
}
