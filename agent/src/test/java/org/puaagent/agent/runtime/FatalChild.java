package org.puaagent.agent.runtime;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.agent.pipeline.PipelineConfig;
import org.puaagent.agent.pipeline.PresencePipeline;
import org.puaagent.agent.pipeline.PublishMode;
import org.puaagent.agent.pipeline.PublishSource;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.transport.DatagramServer;
import org.puaagent.agent.transport.ListenAddress;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

/**
 * The process {@link FatalTest} starts: one scenario in which a thread of the agent meets an Error, then the
 * main thread waits far longer than the test does, so that a process that survives its Error (half alive) fails
 * the test by not exiting. Test code.
 */
public final class FatalChild
{
    /** How long main waits after starting the scenario; the test gives up long before. */
    private static final long LINGER_MILLIS = 120_000;
    /** Chunks allocated until the heap is full. */
    private static final int CHUNK = 1 << 20;
    /** Ordinary exceptions thrown (and survived) before the Error in the loop scenarios. */
    private static final int SURVIVED = 100;
    /** The smallest chunk (in longs) tried before the heap counts as full: 128 bytes. */
    private static final int SMALLEST_CHUNK = 16;
    /** What {@link #exhaustHeap} holds, reachable for as long as the process lives (sized not to grow). */
    private static final List<long[]> HELD = new ArrayList<>(1 << 20);

    private FatalChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "uncaught-oom":
                Fatal.install();
                start("worker", FatalChild::exhaustHeap);
                break;
            case "uncaught-soe":
                Fatal.install();
                start("worker", () -> recurse(0));
                break;
            case "loop-oom":
                start("loop", () -> loop(FatalChild::exhaustHeap));
                break;
            case "loop-soe":
                start("loop", () -> loop(() -> recurse(0)));
                break;
            case "loop-exceptions":
                start("loop", () -> loop(null));
                break;
            case "pipeline-completion-oom":
                pipelineCompletion(false);
                break;
            case "pipeline-completion-soe":
                pipelineCompletion(true);
                break;
            case "datagram-soe":
                datagram();
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        Thread.sleep(LINGER_MILLIS);
        System.out.println("still alive");
    }

    private static void start(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A loop thread as the agent's: catch Throwable per unit of work, Fatal.check, count, go on. */
    private static void loop(final Runnable fatalWork)
    {
        int survived = 0;
        for (int unit = 0; ; unit++)
        {
            try
            {
                if (unit < SURVIVED || null == fatalWork)
                {
                    throw new IllegalStateException("an ordinary failure " + unit);
                }
                fatalWork.run();
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                survived++;
            }
            if (null == fatalWork && survived == SURVIVED)
            {
                System.out.println("survived " + survived);
                return;
            }
        }
    }

    /**
     * Fills the heap and keeps it full, as a store of the agent would: the memory stays reachable after the Error,
     * so the line has to be printed without any heap to spare.
     */
    private static void exhaustHeap()
    {
        int chunk = CHUNK;
        while (true)
        {
            try
            {
                HELD.add(new long[chunk]);
            }
            catch (final OutOfMemoryError full)
            {
                if (chunk <= SMALLEST_CHUNK)
                {
                    throw full;
                }
                chunk /= 2;
            }
        }
    }

    private static int recurse(final int depth)
    {
        return recurse(depth + 1) + 1;
    }

    /** No Fatal.install: the owner must end the process itself when a completion it calls throws an Error. */
    private static void pipelineCompletion(final boolean stackOverflow) throws Exception
    {
        final PresencePipeline pipeline = PresencePipeline.start(PipelineConfig.builder().listen("udp:127.0.0.1:0")
            .defaultOutboundProxy("sip:127.0.0.1:9").build());
        final PublishRequest unpublishNothing = new PublishRequest("sip:nobody@127.0.0.1", 0, EventPackage.PRESENCE,
            null, null, null, null, null, null);
        pipeline.submitPublish(unpublishNothing, PublishSource.RPC_PUBLISH, PublishMode.FINAL_REPLY, outcome ->
        {
            if (stackOverflow)
            {
                recurse(0);
            }
            throw new OutOfMemoryError("thrown by a completion");
        });
    }

    /** No Fatal.install: the receive loop must end the process itself. */
    private static void datagram() throws Exception
    {
        final DatagramServer server = new DatagramServer(ListenAddress.parse("udp:127.0.0.1:0").address(), new AgentCounters());
        server.start((datagram, source) -> recurse(0), "binrpc-udp");
        try (DatagramSocket socket = new DatagramSocket())
        {
            final byte[] bytes = {1, 2, 3};
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", server.localPort())));
        }
    }
}
