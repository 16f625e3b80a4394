package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.presence.RecordingRelay.RecordedRequest;
import org.puaagent.agent.presence.PresenceServerConfig;
import org.puaagent.agent.presence.StoredPublication;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.PublishRequest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.puaagent.agent.pipeline.PipelineHarness.pidf;
import static org.puaagent.agent.pipeline.PipelineHarness.presence;

/** PUBLISH through the pipeline to the embedded presence server, over UDP on 127.0.0.1. */
class PublishPipelineTest
{
    private static final String ALICE = "sip:alice@example.com";

    @Test
    void publishReportsTheServersEtagAndGrantedExpires() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome outcome = h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open")));

            final PublishOutcome.Published published = assertInstanceOf(PublishOutcome.Published.class, outcome);
            assertEquals(200, published.status());
            assertEquals(3600, published.expires(), "server caps the requested 3601 at its maximum");
            final StoredPublication stored = h.server.lookup(ALICE, "presence").orElseThrow();
            assertEquals(published.etag(), stored.etag());
            assertTrue(stored.body().contains("<basic>open</basic>"));
            assertTrue(stored.body().contains("<tuple id=\""), "a tuple id was added: " + stored.body());
            final RecordedRequest sent = h.sent().get(0);
            assertEquals("PUBLISH", sent.method());
            assertEquals(3601, sent.expires(), "pua sends expires + 1");
            assertNull(sent.sipIfMatch());
            assertEquals("application/pidf+xml", sent.contentType());
            assertEquals("presence", sent.event());
            assertEquals(1, h.counter("publish.outcome.published"));
            assertEquals(1, h.counter("sip.status.200"));
        }
    }

    @Test
    void modifyCarriesTheStoredEtagAndKeepsTheTupleId() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, "s1", null, pidf(ALICE, "open"))));
            final String firstBody = h.server.lookup(ALICE, "presence").orElseThrow().body();

            final PublishOutcome.Published second = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, "s1", null, pidf(ALICE, "closed"))));

            assertNotEquals(first.etag(), second.etag());
            final RecordedRequest modify = h.sent().get(1);
            assertEquals(first.etag(), modify.sipIfMatch(), "SIP-If-Match carries the stored ETag");
            assertTrue(modify.body().contains("closed"));
            final StoredPublication stored = h.server.lookup(ALICE, "presence").orElseThrow();
            assertEquals(second.etag(), stored.etag());
            assertEquals(tupleId(firstBody), tupleId(stored.body()), "same tuple id across the series");
            assertEquals(1, h.server.publicationCount());
        }
    }

    @Test
    void etagParameterSelectsTheSeriesAndAWrongOneIsRefused() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open"))));

            assertEquals(PublishOutcome.WRONG_ETAG,
                h.publish(presence(ALICE, 3600, null, "no-such-etag", pidf(ALICE, "closed"))));
            final PublishOutcome.Published second = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, first.etag(), pidf(ALICE, "closed"))));

            assertEquals(2, h.sent().size(), "nothing sent for the wrong ETag");
            assertEquals(first.etag(), h.sent().get(1).sipIfMatch());
            assertNotEquals(first.etag(), second.etag());
            assertEquals(1, h.counter("publish.outcome.wrong_etag"));
        }
    }

    @Test
    void refreshIsSentBeforeTheGrantedExpiryRunsOut() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults().withExpires(1, 2), b -> b))
        {
            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open"))));
            assertEquals(2, first.expires());

            final Optional<RecordedRequest> refresh = h.relay.awaitRequest(
                r -> first.etag().equals(r.sipIfMatch()) && 0 != r.status(), PipelineHarness.WAIT_SECONDS * 1000);

            final RecordedRequest sent = refresh.orElseThrow();
            assertNull(sent.body(), "a refresh has no body");
            assertNull(sent.contentType(), "and no Content-Type");
            assertEquals(200, sent.status());
            assertNotNull(sent.etag());
            assertNotEquals(first.etag(), sent.etag(), "the server gave the refresh a new ETag");
            assertTrue(sent.expires() > 3500 && sent.expires() <= 3601, "desired end - now + 1: " + sent.expires());
            assertTrue(h.counter("publish.refresh.sent") >= 1);
            final StoredPublication stored = h.server.lookup(ALICE, "presence").orElseThrow();
            assertTrue(stored.body().contains("open"), "the server kept the body");
        }
    }

    @Test
    void publicationGrantedWhatItAskedForIsNotRefreshed() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults().withExpires(1, 3600), b -> b))
        {
            assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 1, null, null, pidf(ALICE, "open"))));
            // a publication that ends before its refresh would be due is left to expire, as pua does;
            // the series is then forgotten: a body-less command finds no publication
            h.awaitCounter("publish.expired", 1);
            assertTrue(h.sent().stream().noneMatch(r -> null != r.sipIfMatch()), "no refresh expected");
            assertEquals(PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION, h.publish(presence(ALICE, 60, null, null, null)));
            assertEquals(1, h.counter("publish.expired"));
        }
    }

    @Test
    void unpublishRemovesThePublication() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open"))));

            final PublishOutcome.Published removed = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 0, null, null, null)));

            assertEquals(0, removed.expires());
            assertNotNull(removed.etag());
            assertTrue(h.server.lookup(ALICE, "presence").isEmpty());
            final RecordedRequest remove = h.sent().get(1);
            assertEquals(0, remove.expires());
            assertEquals(first.etag(), remove.sipIfMatch());
            assertNull(remove.body());
            assertEquals(PublishOutcome.NOTHING_TO_REMOVE, h.publish(presence(ALICE, 0, null, null, null)),
                "a second removal finds nothing and sends nothing");
            assertEquals(2, h.sent().size());
        }
    }

    @Test
    void conditionalRequestFailedOnModifyIsRecoveredWithOneFreshPublish() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome.Published first = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open"))));
            h.restartServer();

            final PublishOutcome.Published recovered = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "closed"))));

            final List<RecordedRequest> seen = h.sent();
            assertEquals(3, seen.size());
            assertEquals(first.etag(), seen.get(1).sipIfMatch());
            assertEquals(412, seen.get(1).status());
            assertNull(seen.get(2).sipIfMatch(), "fresh initial PUBLISH");
            assertTrue(seen.get(2).body().contains("closed"), "with the new body");
            assertEquals(recovered.etag(), h.server.lookup(ALICE, "presence").orElseThrow().etag());
            assertEquals(1, h.counter("publish.retry.412"));
        }
    }

    @Test
    void conditionalRequestFailedOnRefreshResendsTheLastBody() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open")));
            h.restartServer();

            assertInstanceOf(PublishOutcome.Published.class, h.publish(presence(ALICE, 3600, null, null, null)));

            final List<RecordedRequest> seen = h.sent();
            assertEquals(3, seen.size());
            assertNull(seen.get(1).body());
            assertEquals(412, seen.get(1).status());
            assertTrue(seen.get(2).body().contains("open"), "the last body is sent again");
            assertEquals(200, seen.get(2).status());
        }
    }

    @Test
    void conditionalRequestFailedTwiceIsReported() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS, b -> b))
        {
            final String e412 = "sip:e412@example.com";
            final PublishOutcome outcome = h.publish(presence(e412, 3600, null, null, pidf(e412, "open")));
            assertEquals(new PublishOutcome.Failed(412, "Conditional Request Failed"), outcome);
            assertEquals(1, h.sent().size(), "an initial PUBLISH is not retried");
        }
    }

    @Test
    void intervalTooBriefIsRetriedOnceWithMinExpires() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS.withExpires(60, 3600), b -> b))
        {
            final PublishOutcome.Published published = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 10, null, null, pidf(ALICE, "open"))));

            assertEquals(60, published.expires());
            final List<RecordedRequest> seen = h.sent();
            assertEquals(List.of(11, 60), seen.stream().map(RecordedRequest::expires).collect(Collectors.toList()));
            assertEquals(List.of(423, 200), seen.stream().map(RecordedRequest::status).collect(Collectors.toList()));
            assertEquals(1, h.counter("publish.retry.423"));

            final String e423 = "sip:e423@example.com";
            assertEquals(new PublishOutcome.Failed(423, "Interval Too Brief"),
                h.publish(presence(e423, 3600, null, null, pidf(e423, "open"))), "only one retry");
            assertEquals(2, h.counter("publish.retry.423"));
        }
    }

    @Test
    void noFinalResponseIsALocal408AndChangesNothing() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS, b -> b))
        {
            final String timeout = "sip:timeout@example.com";
            final PublishOutcome outcome = h.publish(presence(timeout, 3600, null, null, pidf(timeout, "open")));

            assertEquals(new PublishOutcome.Failed(408, "Request Timeout"), outcome);
            assertEquals(1, h.counter("sip.timeouts"));
            assertTrue(h.counter("sip.retransmissions") >= 1, "Timer E retransmitted");
            assertTrue(h.sent().size() >= 2, "the server saw the retransmissions");
            assertEquals(PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION,
                h.publish(presence(timeout, 3600, null, null, null)), "no record was created");
        }
    }

    @Test
    void errorResponsesAreReportedWithTheirStatus() throws Exception
    {
        final PresenceServerConfig presenceOnly = new PresenceServerConfig("udp:127.0.0.1:0", 60, 3600,
            java.util.Set.of("presence")).withFailureUsers(true);
        try (PipelineHarness h = new PipelineHarness(presenceOnly, b -> b))
        {
            final String e503 = "sip:e503@example.com";
            assertEquals(new PublishOutcome.Failed(503, "Service Unavailable"),
                h.publish(presence(e503, 3600, null, null, pidf(e503, "open"))));
            final PublishRequest unknownEvent = new PublishRequest(ALICE, 3600, EventPackage.REG,
                "application/reginfo+xml", null, null, null, null, "<reginfo/>");
            final PublishOutcome.Failed badEvent = assertInstanceOf(PublishOutcome.Failed.class,
                h.publish(unknownEvent));
            assertEquals(489, badEvent.sipStatus());
            final String noetag = "sip:noetag@example.com";
            final PublishOutcome.Failed invalid = assertInstanceOf(PublishOutcome.Failed.class,
                h.publish(presence(noetag, 3600, null, null, pidf(noetag, "open"))));
            assertEquals(500, invalid.sipStatus());
            assertEquals(1, h.counter("sip.status.503"));
            assertEquals(1, h.counter("sip.status.489"));
            assertEquals(3, h.counter("publish.outcome.failed"));
        }
    }

    @Test
    void refusalsAreValuesAndSendNothing() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            assertEquals(PublishOutcome.NOTHING_TO_REMOVE, h.publish(presence(ALICE, 0, null, null, null)));
            assertEquals(PublishOutcome.NO_BODY_FOR_NEW_PUBLICATION, h.publish(presence(ALICE, 60, null, null, null)));
            assertInstanceOf(PublishOutcome.NotPublishable.class, h.publish(new PublishRequest(ALICE, 60,
                EventPackage.CONFERENCE, null, null, null, null, null, "x")));
            assertInstanceOf(PublishOutcome.NotPublishable.class, h.publish(new PublishRequest(ALICE, 60,
                EventPackage.PRESENCE_WINFO, null, null, null, null, null, "<watcherinfo/>")));
            assertInstanceOf(PublishOutcome.NotPublishable.class,
                h.publish(presence(ALICE, 60, null, null, "<presence>no tuple</presence>")));
            assertInstanceOf(PublishOutcome.NotPublishable.class,
                h.publish(presence(ALICE, 60, null, null, "<presence><tuple></presence>")));
            final PublishOutcome.Unroutable unroutable = assertInstanceOf(PublishOutcome.Unroutable.class,
                h.publish(new PublishRequest(ALICE, 60, EventPackage.PRESENCE, PipelineHarness.PIDF, null, null,
                    "sip:proxy.example.com", null, pidf(ALICE, "open"))));
            assertTrue(unroutable.why().contains("proxy.example.com"), unroutable.why());
            assertInstanceOf(PublishOutcome.Unroutable.class,
                h.publish(presence("sip:a@127.0.0.1\r\nX-Evil: 1", 60, null, null, pidf(ALICE, "open"))));
            assertEquals(0, h.sent().size());
            assertEquals(8, h.counter("publish.requests"));
            assertEquals(0, h.counter("pipeline.series"));
        }
    }

    @Test
    void requestUriIsTheNextHopWithoutProxyAndNamesAreNeverResolved() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PresenceServerConfig.defaults(),
            b -> b.defaultOutboundProxy(null)))
        {
            assertInstanceOf(PublishOutcome.Unroutable.class,
                h.publish(presence(ALICE, 60, null, null, pidf(ALICE, "open"))));
            final String direct = "sip:bob@127.0.0.1:" + h.relay.address().getPort();
            assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(direct, 60, null, null, pidf(direct, "open"))));
            final PublishRequest viaProxy = new PublishRequest(ALICE, 60, EventPackage.PRESENCE,
                PipelineHarness.PIDF, null, null, h.relay.uri(), "X-Bridge: test\r\n", pidf(ALICE, "open"));
            assertInstanceOf(PublishOutcome.Published.class, h.publish(viaProxy));
            final RecordedRequest sent = h.sent().get(1);
            assertTrue(sent.raw().contains("\r\nX-Bridge: test\r\n"), "extra headers copied verbatim");
            assertTrue(!sent.raw().contains("\r\nRoute:"), "no Route header for the proxy");
        }
    }

    @Test
    void commandsOfOneSeriesAreSerialisedAndEachGetsItsOutcome() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final CompletableFuture<PublishOutcome> a = h.submit(presence(ALICE, 3600, "x", null, pidf(ALICE, "a")));
            final CompletableFuture<PublishOutcome> b = h.submit(presence(ALICE, 3600, "x", null, pidf(ALICE, "b")));
            final CompletableFuture<PublishOutcome> c = h.submit(presence(ALICE, 3600, "x", null, null));
            final CompletableFuture<PublishOutcome> d = h.submit(presence(ALICE, 0, "x", null, null));

            final PublishOutcome.Published pa = assertInstanceOf(PublishOutcome.Published.class, PipelineHarness.await(a));
            final PublishOutcome.Published pb = assertInstanceOf(PublishOutcome.Published.class, PipelineHarness.await(b));
            final PublishOutcome.Published pc = assertInstanceOf(PublishOutcome.Published.class, PipelineHarness.await(c));
            final PublishOutcome.Published pd = assertInstanceOf(PublishOutcome.Published.class, PipelineHarness.await(d));

            final List<RecordedRequest> seen = h.sent();
            assertEquals(4, seen.size());
            assertNull(seen.get(0).sipIfMatch());
            assertEquals(pa.etag(), seen.get(1).sipIfMatch(), "b waited for a's ETag");
            assertTrue(seen.get(1).body().contains(">b<"));
            assertEquals(pb.etag(), seen.get(2).sipIfMatch(), "c refreshes b");
            assertNull(seen.get(2).body());
            assertEquals(pc.etag(), seen.get(3).sipIfMatch(), "d removes c");
            assertEquals(0, pd.expires());
            assertTrue(h.server.lookup(ALICE, "presence").isEmpty());
        }
    }

    @Test
    void sourcesKeepSeparateSeries() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final PublishOutcome.Published viaPublish = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "open"))));
            final PublishOutcome sendPublish = PipelineHarness.await(h.submit(
                presence(ALICE, 3600, null, null, pidf(ALICE, "closed")), PublishSource.RPC_SEND_PUBLISH,
                PublishMode.HANDED_OFF));
            assertEquals(PublishOutcome.HANDED_OFF, sendPublish);
            final RecordedRequest second = h.relay.awaitRequest(r -> r.body() != null && r.body().contains("closed"),
                PipelineHarness.WAIT_SECONDS * 1000).orElseThrow();
            assertNull(second.sipIfMatch(), "a new series: initial PUBLISH, not a modify of " + viaPublish.etag());
            final PublishOutcome.Published modify = assertInstanceOf(PublishOutcome.Published.class,
                h.publish(presence(ALICE, 3600, null, null, pidf(ALICE, "away"))));
            assertEquals(viaPublish.etag(), h.sent().get(2).sipIfMatch());
            assertNotEquals(viaPublish.etag(), modify.etag());
        }
    }

    @Test
    void handedOffCommandsQueuedBehindABusySeriesCompleteAtOnce() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS, b -> b))
        {
            final String timeout = "sip:timeout@example.com";
            final CompletableFuture<PublishOutcome> first = h.submit(presence(timeout, 60, null, null,
                pidf(timeout, "open")), PublishSource.RPC_SEND_PUBLISH, PublishMode.HANDED_OFF);
            final CompletableFuture<PublishOutcome> second = h.submit(presence(timeout, 60, null, null,
                pidf(timeout, "closed")), PublishSource.RPC_SEND_PUBLISH, PublishMode.HANDED_OFF);
            assertEquals(PublishOutcome.HANDED_OFF, PipelineHarness.await(first));
            assertEquals(PublishOutcome.HANDED_OFF, PipelineHarness.await(second));
            assertTrue(second.isDone());
            assertEquals(2, h.counter("publish.outcome.handed_off"));
        }
    }

    @Test
    void dialogSlaBodiesCarryTheSeriesVersion() throws Exception
    {
        try (PipelineHarness h = new PipelineHarness())
        {
            final String body = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" "
                + "version=\"5\" state=\"full\" entity=\"sip:bob@example.com\"/>";
            for (int i = 0; i < 3; i++)
            {
                assertInstanceOf(PublishOutcome.Published.class, h.publish(new PublishRequest("sip:bob@example.com",
                    600, EventPackage.DIALOG_SLA, "application/dialog-info+xml", null, null, null, null, body)));
            }
            final List<String> versions = h.sent().stream()
                .map(r -> r.body().replaceAll("(?s).*<dialog-info[^>]* version=\"(\\d+)\".*", "$1"))
                .collect(Collectors.toList());
            assertEquals(List.of("0", "1", "2"), versions);
            assertEquals("dialog;sla", h.sent().get(0).event());
        }
    }

    private static String tupleId(final String body)
    {
        final int at = body.indexOf("<tuple id=\"");
        assertTrue(at >= 0, body);
        final int start = at + "<tuple id=\"".length();
        return body.substring(start, body.indexOf('"', start));
    }
}
