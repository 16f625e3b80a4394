package org.puaagent.agent.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The browser rules of the HTTP listener: which Origin and Host headers pass, for each kind of listen address. */
class AccessPolicyTest
{
    private static AccessPolicy.Verdict check(final AccessPolicy p, final String host, final String origin)
    {
        return p.check(host, origin);
    }

    @Test
    void aLoopbackListenerServesItsAddressAndLocalhost()
    {
        final AccessPolicy p = new AccessPolicy("127.0.0.1", 5080, List.of(), List.of());
        for (final String ok : new String[] {"127.0.0.1", "127.0.0.1:5080", "localhost", "LocalHost:5080", " 127.0.0.1 "})
        {
            assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, ok, null), ok);
        }
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, null, null), "no Host (HTTP/1.0)");
        for (final String bad : new String[] {"evil.example", "evil.example:5080", "127.0.0.1:80", "127.0.0.2",
            "localhost:5081", "127.0.0.1:x", "127.0.0.1:", "[::1]", "localhost.evil.example", ""})
        {
            assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(p, bad, null), bad);
        }
    }

    @Test
    void anIpv6ListenerServesItsBracketedAddress()
    {
        final AccessPolicy p = new AccessPolicy("::1", 5080, List.of(), List.of());
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "[::1]:5080", null));
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "[0:0:0:0:0:0:0:1]", null));
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "localhost", null));
        assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(p, "::1", null), "unbracketed is not a Host");
        assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(p, "[::2]:5080", null));
    }

    @Test
    void aWildcardListenerServesAnyIpLiteralButNoName()
    {
        final AccessPolicy p = new AccessPolicy("0.0.0.0", 5080, List.of(), List.of("rpc.example.net"));
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "10.1.2.3:5080", null));
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "[2001:db8::1]", null));
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(p, "rpc.example.net:5080", null), "configured");
        assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(p, "localhost", null), "not loopback");
        assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(p, "evil.example", null));
    }

    @Test
    void originsAreRefusedUnlessAllowed()
    {
        final AccessPolicy none = new AccessPolicy("127.0.0.1", 5080, List.of(), List.of());
        assertEquals(AccessPolicy.Verdict.FOREIGN_ORIGIN, check(none, "127.0.0.1", "http://127.0.0.1:5080"));
        assertEquals(AccessPolicy.Verdict.FOREIGN_ORIGIN, check(none, "127.0.0.1", "null"));
        assertNull(none.corsOrigin("http://127.0.0.1:5080"));
        final AccessPolicy some = new AccessPolicy("127.0.0.1", 5080, List.of("https://Console.example"), List.of());
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(some, "127.0.0.1", "https://console.example"));
        assertEquals("https://console.example", some.corsOrigin("https://console.example"));
        assertEquals(AccessPolicy.Verdict.FOREIGN_ORIGIN, check(some, "127.0.0.1", "https://console.example:444"));
        final AccessPolicy any = new AccessPolicy("127.0.0.1", 5080, List.of("*"), List.of());
        assertEquals(AccessPolicy.Verdict.ALLOWED, check(any, "127.0.0.1", "http://anything.example"));
        assertEquals(AccessPolicy.Verdict.FOREIGN_HOST, check(any, "evil.example", "http://anything.example"),
            "the Host rule still holds for an allowed origin (DNS rebinding)");
    }
}
