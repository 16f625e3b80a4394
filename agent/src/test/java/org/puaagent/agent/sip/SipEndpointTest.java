package org.puaagent.agent.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the endpoint drops before it copies or parses a datagram: keep-alives, garbage and responses to no live
 * branch are counted and never reach the sink, and dropping them allocates nothing; requests for no known dialog
 * are parsed within a ration and shed beyond it; what may be for the agent is parsed and handed over.
 */
class SipEndpointTest
{
    private static final int BATCH = 200;
    private static final int RATION = 10;
    private static final long WAIT_NANOS = 10_000_000_000L;
    private static final String UNKNOWN_RESPONSE = "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKnosuchbranch00\r\n"
        + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>;tag=2\r\nCall-ID: c1\r\n"
        + "CSeq: 10 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n";
    private static final String OPTIONS = "OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKopt\r\n"
        + "From: <sip:x@127.0.0.1>;tag=1\r\nTo: <sip:agent@127.0.0.1>\r\nCall-ID: o1\r\n"
        + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    private final SipStatistics statistics = new SipStatistics();
    private final List<SipEvent> handed = new ArrayList<>();
    private SipEndpoint endpoint;
    private DatagramChannel peer;

    @BeforeEach
    void open() throws IOException
    {
        endpoint = SipEndpoint.open(SipListenAddress.parse("udp:127.0.0.1:0"), statistics);
        peer = DatagramChannel.open();
        peer.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void close() throws IOException
    {
        peer.close();
        endpoint.close();
    }

    @Test
    void droppedDatagramsAreCountedAndNeverReachTheSink() throws IOException
    {
        final SipEndpoint.Screen live = screen(token -> "z9hG4bKlive".equals(token), token -> true);
        send("\r\n\r\n");
        send("garbage\r\n\r\n");
        send("\u0016\u0003\u0001 a TLS hello, say");
        send(UNKNOWN_RESPONSE);
        send(UNKNOWN_RESPONSE.replace("z9hG4bKnosuchbranch00", "z9hG4bKlive"));
        send(OPTIONS);
        pollUntil(6, live);
        assertEquals(1, statistics.get(SipStatistics.KEEP_ALIVES));
        assertEquals(2, statistics.get(SipStatistics.PARSE_ERRORS));
        assertEquals(1, statistics.get(SipStatistics.STRAY_RESPONSES), "the unknown branch, unparsed");
        assertEquals(2, handed.size(), "the live branch's response and the request: " + handed);
        assertEquals("z9hG4bKlive", ((ReceivedResponse)handed.get(0)).branch());
        assertTrue(handed.get(1) instanceof ReceivedRequest);
    }

    @Test
    void droppingGarbageAndUnknownResponsesAllocatesNothing() throws IOException
    {
        final SipEndpoint.Screen none = new SipEndpoint.Screen()
        {
            @Override
            public boolean mayBeLiveBranch(final ByteBuffer datagram, final int start, final int end)
            {
                return false;
            }

            @Override
            public boolean mayBeKnownDialog(final ByteBuffer datagram, final int start, final int end)
            {
                return true;
            }
        };
        final byte[][] rejected = {
            "garbage garbage garbage garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            UNKNOWN_RESPONSE.getBytes(StandardCharsets.US_ASCII),
            "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        };
        measureAllocatedBytes(rejected, none, 10);
        final long perDatagram = measureAllocatedBytes(rejected, none, 50) / (50L * BATCH);
        assertTrue(perDatagram < 8, "bytes allocated per dropped datagram: " + perDatagram);
        assertEquals(60L * BATCH, statistics.get(SipStatistics.KEEP_ALIVES) + statistics.get(SipStatistics.PARSE_ERRORS)
            + statistics.get(SipStatistics.STRAY_RESPONSES));
        assertTrue(handed.isEmpty());

        final byte[][] parsed = {OPTIONS.getBytes(StandardCharsets.US_ASCII)};
        final long parsedPerDatagram = measureAllocatedBytes(parsed, none, 5) / (5L * BATCH);
        assertTrue(parsedPerDatagram > 500, "the measure sees the allocation of a parse: " + parsedPerDatagram);
    }

    @Test
    void requestsForNoKnownDialogAreRationedAndKnownOnesAlwaysPass() throws IOException
    {
        endpoint.close();
        endpoint = SipEndpoint.open(SipListenAddress.parse("udp:127.0.0.1:0"), statistics, RATION);
        final SipEndpoint.Screen screen = screen(token -> true, callId -> callId.startsWith("known"));
        final long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++)
        {
            send(OPTIONS.replace("Call-ID: o1", "Call-ID: stranger" + i));
        }
        pollUntil(BATCH, screen);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long shed = statistics.get(SipStatistics.REQUESTS_SHED);
        assertEquals(BATCH, shed + handed.size());
        assertTrue(handed.size() >= RATION, "the ration is parsed: " + handed.size());
        assertTrue(handed.size() <= RATION + RATION * seconds + 1, "beyond it they are shed: " + handed.size()
            + " parsed in " + seconds + " s");
        handed.clear();
        for (int i = 0; i < BATCH; i++)
        {
            send(OPTIONS.replace("Call-ID: o1", "Call-ID: known" + i));
        }
        pollUntil(BATCH, screen);
        assertEquals(BATCH, handed.size(), "every request of a known dialog, though the ration is used up");
    }

    private static SipEndpoint.Screen screen(final Predicate<String> branches,
        final Predicate<String> callIds)
    {
        return new SipEndpoint.Screen()
        {
            @Override
            public boolean mayBeLiveBranch(final ByteBuffer datagram, final int start, final int end)
            {
                return branches.test(text(datagram, start, end));
            }

            @Override
            public boolean mayBeKnownDialog(final ByteBuffer datagram, final int start, final int end)
            {
                return callIds.test(text(datagram, start, end));
            }
        };
    }

    private static String text(final ByteBuffer datagram, final int start, final int end)
    {
        return StandardCharsets.US_ASCII.decode(datagram.duplicate().limit(end).position(start)).toString();
    }

    /** Sends {@code rounds} batches of the datagrams (in turn) and polls each; the bytes the polls allocated. */
    private long measureAllocatedBytes(final byte[][] datagrams, final SipEndpoint.Screen known,
        final int rounds) throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < BATCH; i++)
            {
                peer.send(ByteBuffer.wrap(datagrams[i % datagrams.length]), endpoint.localAddress());
            }
            int read = 0;
            final long deadline = System.nanoTime() + WAIT_NANOS;
            while (read < BATCH && System.nanoTime() - deadline < 0)
            {
                endpoint.selectNow();
                final long before = threads.getCurrentThreadAllocatedBytes();
                read += endpoint.poll(handed::add, known, BATCH);
                allocated += threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertEquals(BATCH, read, "every datagram of the batch was read");
        }
        return allocated;
    }

    private void send(final String text) throws IOException
    {
        peer.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), endpoint.localAddress());
    }

    private void pollUntil(final int datagrams, final SipEndpoint.Screen known)
    {
        int read = 0;
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (read < datagrams && System.nanoTime() - deadline < 0)
        {
            endpoint.selectNow();
            read += endpoint.poll(handed::add, known, datagrams);
        }
        assertEquals(datagrams, read);
    }
}
