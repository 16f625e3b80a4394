package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The response bytes: head layout, and reason phrases that cannot break the head (a fault text from a peer). */
class HttpResponsesTest
{
    @Test
    void aWholeResponseIsTheHeadThenTheBody()
    {
        final byte[] r = HttpResponses.whole(200, "OK", "application/json", "{}".getBytes(StandardCharsets.US_ASCII),
            false);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
            new String(r, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aClosingResponseSaysSoAfterItsExtraHeaders()
    {
        final byte[] r = HttpResponses.plain(405, "Method Not Allowed", "use POST", true, "Allow: POST");
        assertEquals("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 9\r\nAllow: POST\r\nConnection: close\r\n\r\nuse POST\n",
            new String(r, StandardCharsets.ISO_8859_1));
    }

    @Test
    void controlCharactersInAReasonBecomeSpacesAndACleanReasonIsKept()
    {
        assertEquals("Busy  X-Injected: 1", HttpResponses.safeReason("Busy\r\nX-Injected: 1"));
        assertEquals("tab here", HttpResponses.safeReason("tab\there"));
        assertEquals("-", HttpResponses.safeReason(""));
        assertEquals("-", HttpResponses.safeReason(null));
        final String clean = "Service Unavailable";
        assertSame(clean, HttpResponses.safeReason(clean));
    }
}
