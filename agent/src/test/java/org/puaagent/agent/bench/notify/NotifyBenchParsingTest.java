package org.puaagent.agent.bench.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The pieces of {@code bench-notify} that need no network: options, the event stream decoder (chunked, split
 * anywhere), the notification data, the markers, and how the ledger classifies (change, watcher) pairs.
 */
class NotifyBenchParsingTest
{
    private static final String NOTIFY_DATA = "{\"sequence\":7,\"subscription_id\":\"a-1\","
        + "\"presentity\":\"sip:lat@127.0.0.1:5070\",\"watcher\":\"sip:w3@127.0.0.1\",\"event\":\"presence\","
        + "\"state\":\"active;expires=3599\",\"content_type\":\"application/pidf+xml\","
        + "\"body\":\"<note>nbm-r1-12.</note>\",\"received_at\":\"2026-01-01T00:00:00Z\",\"received_at_ms\":1}";

    @Test
    void defaultsAndDerivedUris()
    {
        final NotifyBenchOptions o = NotifyBenchOptions.parse(new String[0]).options();
        assertEquals(1000, o.watchers());
        assertEquals(50, o.publishes());
        assertEquals(10, o.warmup());
        assertEquals(200, o.intervalMillis());
        assertEquals("sip:lat@127.0.0.1:5070", o.subscribedUri(0));
        assertEquals("sip:lat@127.0.0.1", o.publishedUri(0));
        assertEquals(2049, o.binrpc().getPort());
        assertEquals(5080, o.http().getPort());
        assertTrue(o.cleanup());
        assertFalse(o.stagger());
    }

    @Test
    void optionsAreParsed()
    {
        final NotifyBenchOptions o = NotifyBenchOptions.parse(new String[] {"--binrpc", "tcp:127.0.0.1:12064",
            "--http=127.0.0.1:18084", "--presentity", "sip:p@127.0.0.1:15074", "--presentities", "4",
            "--watchers", "8", "--warmup", "0", "--publishes", "3", "--interval-ms", "0", "--cleanup", "0",
            "--stagger", "1"}).options();
        assertEquals(12064, o.binrpc().getPort());
        assertEquals(18084, o.http().getPort());
        assertEquals("sip:p2@127.0.0.1:15074", o.subscribedUri(2));
        assertEquals("sip:p3@127.0.0.1", o.publishedUri(3));
        assertEquals(0, o.intervalMillis());
        assertEquals(0, o.warmup());
        assertFalse(o.cleanup());
        assertTrue(o.stagger());
        assertEquals("sip:w5@127.0.0.1", NotifyBenchOptions.watcherUri(5));
    }

    @Test
    void badOptionsAreErrorsNotExceptions()
    {
        final String[][] bad = {
            {"--binrpc", "udp:127.0.0.1:2049"},
            {"--binrpc", "tcp:localhost:2049"},
            {"--http", "127.0.0.1"},
            {"--http", "127.0.0.1:70000"},
            {"--watchers", "0"},
            {"--watchers", "ten"},
            {"--presentity", "lat@127.0.0.1"},
            {"--presentity", "sip:lat@"},
            {"--watchers", "2", "--presentities", "3"},
            {"--cleanup", "2"},
            {"--stagger", "yes"},
            {"--frobnicate", "1"},
            {"--publishes"},
            {"stray"},
        };
        for (final String[] args : bad)
        {
            final NotifyBenchOptions.Parsed parsed = NotifyBenchOptions.parse(args);
            assertNull(parsed.options(), String.join(" ", args));
            assertNotNull(parsed.error(), String.join(" ", args));
        }
        assertTrue(NotifyBenchOptions.parse(new String[] {"--help"}).help());
    }

    @Test
    void portIsRemovedOnlyFromTheHost()
    {
        assertEquals("sip:a@127.0.0.1", NotifyBenchOptions.withoutPort("sip:a@127.0.0.1:5070"));
        assertEquals("sip:a@127.0.0.1;transport=udp",
            NotifyBenchOptions.withoutPort("sip:a@127.0.0.1:5070;transport=udp"));
        assertEquals("sip:a@[::1]", NotifyBenchOptions.withoutPort("sip:a@[::1]:5070"));
        assertEquals("sip:a@[::1]", NotifyBenchOptions.withoutPort("sip:a@[::1]"));
        assertEquals("sip:a@127.0.0.1", NotifyBenchOptions.withoutPort("sip:a@127.0.0.1"));
    }

    @Test
    void chunkedStreamSplitAnywhereGivesTheSameFrames()
    {
        final String events = ": pua-agent notifications; last sequence 0, oldest kept 1\n\n"
            + "id: 1\nevent: notify\ndata: " + NOTIFY_DATA + "\n\n"
            + ": heartbeat\n\n"
            + "id: 9\r\nevent: gap\r\ndata: {\"reason\":\"overflow\"}\r\n\r\n"
            + "retry: 5\ndata: a\ndata: b\n\n";
        final byte[] body = chunked(events.getBytes(StandardCharsets.UTF_8), 37);
        for (int split = 0; split <= body.length; split++)
        {
            final SseDecoder decoder = new SseDecoder(true);
            final List<SseFrame> frames = new ArrayList<>();
            decoder.feed(body, 0, split, frames::add);
            decoder.feed(body, split, body.length - split, frames::add);
            assertNull(decoder.error(), "split at " + split);
            assertTrue(decoder.ended(), "split at " + split);
            assertEquals(2, decoder.comments(), "split at " + split);
            assertEquals(List.of(new SseFrame("1", "notify", NOTIFY_DATA), new SseFrame("9", "gap",
                "{\"reason\":\"overflow\"}"), new SseFrame(null, null, "a\nb")), frames, "split at " + split);
        }
    }

    @Test
    void plainStreamAndBadChunkHeader()
    {
        final SseDecoder plain = new SseDecoder(false);
        final List<SseFrame> frames = new ArrayList<>();
        final byte[] bytes = "event: notify\ndata: x\n\n".getBytes(StandardCharsets.UTF_8);
        for (final byte b : bytes)
        {
            plain.feed(new byte[] {b}, 0, 1, frames::add);
        }
        assertEquals(List.of(new SseFrame(null, "notify", "x")), frames);

        final SseDecoder bad = new SseDecoder(true);
        bad.feed("zz\r\nabc".getBytes(StandardCharsets.US_ASCII), 0, 7, frames::add);
        assertNotNull(bad.error());
        assertEquals(1, frames.size());
    }

    @Test
    void notifyDataIsReadAndBadDataIsAValue()
    {
        final NotifyData d = NotifyData.parse(NOTIFY_DATA).data();
        assertEquals("sip:lat@127.0.0.1:5070", d.presentity());
        assertEquals("sip:w3@127.0.0.1", d.watcher());
        assertTrue(d.active());
        assertEquals("<note>nbm-r1-12.</note>", d.body());
        assertFalse(NotifyData.parse(NOTIFY_DATA.replace("active;expires=3599", "terminated;reason=timeout"))
            .data().active());
        assertNull(NotifyData.parse(NOTIFY_DATA.replace("\"body\":\"<note>nbm-r1-12.</note>\"", "\"body\":null"))
            .data().body());
        for (final String bad : new String[] {null, "", "[1]", "{\"watcher\":\"x\"}", "{not json"})
        {
            final NotifyData.Parsed parsed = NotifyData.parse(bad);
            assertNull(parsed.data(), String.valueOf(bad));
            assertNotNull(parsed.error(), String.valueOf(bad));
        }
    }

    @Test
    void markersAreFoundOnlyForTheirRun()
    {
        final Marker m = new Marker("r1");
        for (final int n : new int[] {0, 1, 9, 10, 11, 99, 100, 123456})
        {
            assertEquals(n, m.find(m.pidf("sip:a@127.0.0.1", n)), "change " + n);
        }
        assertEquals(Marker.NONE, new Marker("r2").find(m.pidf("sip:a@127.0.0.1", 3)));
        assertEquals(Marker.NONE, new Marker("r").find(m.pidf("sip:a@127.0.0.1", 3)));
        assertEquals(Marker.NONE, m.find(null));
        assertEquals(Marker.NONE, m.find("nbm-r1-12"));
        assertEquals(Marker.NONE, m.find("nbm-r1-.x"));
        assertEquals(12, m.find("<note>nbm-r1-3.</note><note>nbm-r1-12.</note>"), "aggregated: the newest");
    }

    @Test
    void ledgerClassifiesPairs()
    {
        // 3 watchers over 1 presentity, 3 changes
        final DeliveryLedger ledger = new DeliveryLedger(3, 1, 3, 0);
        final long ms = 1_000_000L;
        for (int c = 1; c <= 3; c++)
        {
            ledger.sent(c, 0, c * 1000 * ms);
            ledger.answered(c, 0, 2 * ms, true);
        }
        // watcher 0: everything, 5 ms after each publish (and change 0, which is not measured)
        ledger.seen(0, 0, 1);
        for (int c = 1; c <= 3; c++)
        {
            ledger.seen(0, c, c * 1000 * ms + 5 * ms);
        }
        ledger.seen(0, 3, 9999 * ms);
        // watcher 1: change 1 folded into change 2 (superseded); change 3 never came (missing)
        ledger.seen(1, 2, 2000 * ms + 7 * ms);
        // watcher 2: all three, change 3 late
        ledger.seen(2, 1, 1000 * ms + 1 * ms);
        ledger.seen(2, 2, 2000 * ms + 1 * ms);
        ledger.seen(2, 3, 3000 * ms + 300 * ms);
        ledger.seen(2, 4, 1);
        assertEquals(7, ledger.deliveredCount());
        assertFalse(ledger.lastChangeEverywhere(3));
        final LatencyReport r = ledger.report();
        assertEquals(7, r.delivered());
        assertEquals(1, r.superseded());
        assertEquals(1, r.missing());
        assertEquals(List.of("change 3 to watcher 1"), r.missingPairs());
        assertFalse(r.complete());
        assertEquals(7, r.latency().getTotalCount());
        assertEquals(300_000, r.latency().getMaxValue(), 300);
        assertEquals(1_000, r.latency().getMinValue(), 1);
        assertEquals(3, r.roundTrip().getTotalCount());
        assertEquals(3, r.spread().getTotalCount());
        assertTrue(r.json().contains("\"missing\":1,"), r.json());
    }

    @Test
    void ledgerSkipsFailedPublishesAndTracksReadiness()
    {
        final DeliveryLedger ledger = new DeliveryLedger(2, 2, 2, 0);
        assertEquals(0, ledger.presentityOf(0));
        assertEquals(1, ledger.presentityOf(1));
        ledger.active(1);
        ledger.active(1);
        assertEquals(1, ledger.activeCount());
        assertEquals(List.of(0), ledger.inactiveWatchers());
        ledger.sent(1, 0, 10);
        ledger.answered(1, 0, 5, false);
        ledger.sent(1, 1, 10);
        ledger.answered(1, 1, 5, true);
        ledger.sent(2, 0, 20);
        ledger.answered(2, 0, 5, true);
        ledger.sent(2, 1, 20);
        ledger.answered(2, 1, 5, true);
        ledger.seen(0, 2, 30);
        ledger.seen(1, 1, 30);
        ledger.seen(1, 2, 40);
        assertEquals(3, ledger.expectedPairs());
        assertTrue(ledger.lastChangeEverywhere(2));
        final LatencyReport r = ledger.report();
        assertEquals(3, r.delivered());
        assertEquals(0, r.missing());
        assertEquals(1, r.failedPublishes());
        assertFalse(r.complete(), "a failed publish makes the run incomplete");
    }

    @Test
    void warmUpChangesAreNotMeasured()
    {
        // 1 watcher, 1 presentity, changes 1..3 of which 2 warm-up
        final DeliveryLedger ledger = new DeliveryLedger(1, 1, 3, 2);
        for (int c = 1; c <= 3; c++)
        {
            ledger.sent(c, 0, c * 100L);
            ledger.answered(c, 0, 1, true);
        }
        ledger.seen(0, 3, 350);
        assertEquals(1, ledger.expectedPairs());
        final LatencyReport r = ledger.report();
        assertEquals(1, r.publishes());
        assertEquals(1, r.delivered());
        assertEquals(0, r.missing() + r.superseded(), "changes 1 and 2 never arrived but are warm-up");
        assertTrue(r.complete());
    }

    private static byte[] chunked(final byte[] data, final int chunk)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.length; i += chunk)
        {
            final int n = Math.min(chunk, data.length - i);
            out.append(Integer.toHexString(n)).append(";ext=1\r\n")
                .append(new String(data, i, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        out.append("0\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
