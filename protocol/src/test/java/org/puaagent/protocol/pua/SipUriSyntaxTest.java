package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipUriSyntaxTest
{
    @Test
    void accepted()
    {
        for (final String uri : List.of("sip:alice@127.0.0.1", "sip:127.0.0.1:5070", "sip:alice@example.com",
            "SIP:Alice@Example.COM", "sips:bob@[::1]:5061;transport=tls", "sip:[2001:db8::1]", "sip:a:pw@h;p=1?x=y",
            "sip:alice@127.0.0.1:5070;transport=udp", "tel:+1-555-0100", "tel:123;phone-context=x", "sip:h_1-x.y",
            "sip:u@h?subject=x"))
        {
            assertTrue(SipUriSyntax.isValid(uri), uri);
        }
    }

    @Test
    void refused()
    {
        for (final String uri : List.of("", "alice", "sip:", "sip:alice@", "sip:@host", "sip:alice@:5060",
            "sip:a@b:99999", "sip:a@b:", "sip:a@b:12x", "sip:a@[zz]", "sip:a@[::1", "sip:a@[::1]x", "sip:a b@c",
            "sip:a@b\n", "http://example.com", "tel:", "tel:;x=y", "mailto:a@b", "sip:a@h/x", "sip:a@ü"))
        {
            assertFalse(SipUriSyntax.isValid(uri), uri);
        }
        assertFalse(SipUriSyntax.isValid(null));
    }
}
