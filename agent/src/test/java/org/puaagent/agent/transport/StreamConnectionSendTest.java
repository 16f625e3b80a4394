package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.rpc.AgentCounters;

/**
 * {@link StreamConnection#send} from several threads at once, with messages large enough that the socket takes
 * them in pieces: every message arrives whole (never interleaved with another) and each thread's messages arrive
 * in the order it sent them.
 */
class StreamConnectionSendTest
{
    private static final int SENDERS = 4;
    private static final int MESSAGES = 40;
    /** Larger than a loopback socket buffer takes at once while the client is not reading. */
    private static final int LARGE = 256 * 1024;
    private static final int SMALL = 100;

    /** Message: int length of the rest, int sender, int sequence, then filler bytes equal to (sender + sequence). */
    private static byte[] message(final int sender, final int sequence)
    {
        final int size = (sequence % 3 == 0) ? LARGE : SMALL;
        final ByteBuffer b = ByteBuffer.allocate(4 + size);
        b.putInt(size).putInt(sender).putInt(sequence);
        while (b.hasRemaining())
        {
            b.put((byte) (sender + sequence));
        }
        return b.array();
    }

    @Test
    void concurrentSendsArriveWholeAndInOrderPerSender() throws Exception
    {
        final ListenAddress address = ListenAddress.parse("tcp:127.0.0.1:0").address();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final StreamServer server = new StreamServer(address, connection -> new StreamSession()
        {
            private boolean started;

            @Override
            public void onBytes(final ByteBuffer in)
            {
                in.position(in.limit());
                if (started)
                {
                    return;
                }
                started = true;
                for (int s = 0; s < SENDERS; s++)
                {
                    final int sender = s;
                    final Thread t = new Thread(() ->
                    {
                        try
                        {
                            for (int i = 0; i < MESSAGES; i++)
                            {
                                connection.send(message(sender, i));
                            }
                        }
                        catch (final RuntimeException ex)
                        {
                            failure.set(ex);
                        }
                    }, "sender-" + s);
                    t.setDaemon(true);
                    t.start();
                }
            }
        }, new AgentCounters(), StreamLimits.defaults().withMaxConnections(4), 0600);
        server.start("test-stream");
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.localPort()), 5000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(1);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final int[] next = new int[SENDERS];
            final List<String> problems = new ArrayList<>();
            for (int n = 0; n < SENDERS * MESSAGES; n++)
            {
                final int size = in.readInt();
                final int sender = in.readInt();
                final int sequence = in.readInt();
                final byte[] filler = new byte[size - 8];
                in.readFully(filler);
                assertTrue(sender >= 0 && sender < SENDERS, "bad sender " + sender + " in message " + n);
                if (sequence != next[sender])
                {
                    problems.add("sender " + sender + ": got " + sequence + ", expected " + next[sender]);
                }
                next[sender] = sequence + 1;
                assertEquals(size == LARGE || size == SMALL, true, "size " + size);
                for (final byte f : filler)
                {
                    if (f != (byte) (sender + sequence))
                    {
                        problems.add("message " + sender + "/" + sequence + " holds foreign bytes");
                        break;
                    }
                }
            }
            assertEquals(List.of(), problems);
        }
        finally
        {
            server.close();
        }
        assertNull(failure.get());
    }
}
