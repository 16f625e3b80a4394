package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Next hops from URIs, never by DNS; listen addresses. */
class DestinationResolverTest
{
    private final DestinationResolver resolver = new DestinationResolver();

    @Test
    void numericHostsResolveWithTheDefaultPort()
    {
        assertEquals(new Destination.Resolved(new InetSocketAddress("127.0.0.1", 5070)),
            resolver.resolve("sip:127.0.0.1:5070"));
        assertEquals(new Destination.Resolved(new InetSocketAddress("127.0.0.1", 5060)),
            resolver.resolve("sip:alice@127.0.0.1;transport=udp"));
        assertEquals(new Destination.Resolved(new InetSocketAddress("::1", 5080)),
            resolver.resolve("sip:bob@[::1]:5080"));
    }

    @Test
    void everythingElseIsRefusedWithAReason()
    {
        for (final String uri : new String[] {"sip:alice@example.com", "sip:localhost:5060", "sips:a@127.0.0.1",
            "sip:a@127.0.0.1;transport=tcp", "tel:+4930123", "alice", "", "sip:a@127.0.0.1\r\nX: y",
            "sip:a@1.2.3", "sip:a@256.1.1.1"})
        {
            final Destination.Refused refused = assertInstanceOf(Destination.Refused.class, resolver.resolve(uri), uri);
            assertTrue(!refused.why().isEmpty(), uri);
        }
        final Destination.Refused named = (Destination.Refused)resolver.resolve("sip:alice@example.com");
        assertTrue(named.why().contains("no DNS"), named.why());
    }

    @Test
    void theCacheIsBoundedInBytesAndEvictsTheLeastRecentlyUsed()
    {
        final String hot = "sip:127.0.0.1:5070";
        final long entry = DestinationResolver.ENTRY_BYTES + hot.length();
        final int[] evicted = new int[1];
        final DestinationResolver small = new DestinationResolver(4 * entry, () -> evicted[0]++);
        small.resolve(hot);
        for (int i = 1; i <= 3; i++)
        {
            small.resolve("sip:127.0.1." + i + ":5070");
        }
        assertEquals(4, small.cachedCount());
        assertEquals(4 * entry, small.cachedBytes());
        assertEquals(0, evicted[0]);

        small.resolve(hot);
        small.resolve("sip:127.0.1.4:5070");
        assertEquals(1, evicted[0], "one went to make room");
        assertEquals(4, small.cachedCount());
        assertTrue(small.cachedBytes() <= 4 * entry);
        final long before = small.cachedBytes();
        small.resolve(hot);
        assertEquals(1, evicted[0], "the URI used last was kept: no eviction to resolve it again");
        small.resolve("sip:127.0.1.4:5070");
        assertEquals(before, small.cachedBytes());
        small.resolve("sip:127.0.1.1:5070");
        assertEquals(2, evicted[0], "1.1 was evicted before: resolving it again evicts the least recently used (1.2)");
    }

    @Test
    void aLongUriCountsItsLengthAndNeverOverflowsTheLimit()
    {
        final int[] evicted = new int[1];
        final DestinationResolver small = new DestinationResolver(2048, () -> evicted[0]++);
        small.resolve("sip:127.0.0.1:5070");
        final String longUri = "sip:" + "a".repeat(4096) + "@127.0.0.1";
        assertInstanceOf(Destination.Resolved.class, small.resolve(longUri), "resolved, just not cached");
        assertEquals(1, small.cachedCount());
        for (int i = 0; i < 100; i++)
        {
            small.resolve("sip:u" + "x".repeat(i) + "@example.com");
            assertTrue(small.cachedBytes() <= 2048, "within the limit after " + i);
        }
        assertTrue(evicted[0] > 0);
    }

    @Test
    void numericHostAcceptsOnlyLiterals()
    {
        assertEquals("/10.0.0.255", NumericHost.parse("10.0.0.255").toString());
        for (final String host : new String[] {"10.0.0", "10.0.0.0.1", "1..2.3", "0x7f.0.0.1", "1234.0.0.1",
            "example.com", "[example.com]", "[::1", "", "10.0.0.1 "})
        {
            assertNull(NumericHost.parse(host), host);
        }
    }

    @Test
    void listenAddresses()
    {
        assertEquals(new InetSocketAddress("127.0.0.1", 5062), SipListenAddress.parse("udp:127.0.0.1:5062").address());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), SipListenAddress.parse("127.0.0.1:0").address());
        assertEquals(new InetSocketAddress("::1", 5062), SipListenAddress.parse("udp:[::1]:5062").address());
        assertEquals("UDP", SipListenAddress.parse(SipListenAddress.DEFAULT).transport());
        for (final String bad : new String[] {"tcp:127.0.0.1:5062", "udp:localhost:5062", "udp:127.0.0.1",
            "udp:127.0.0.1:x", "udp:127.0.0.1:70000"})
        {
            assertThrows(IllegalArgumentException.class, () -> SipListenAddress.parse(bad), bad);
        }
    }
}
