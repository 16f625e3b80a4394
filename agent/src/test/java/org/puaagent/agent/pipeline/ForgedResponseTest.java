package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.sip.ResponseSources;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.puaagent.agent.pipeline.PipelineHarness.pidf;
import static org.puaagent.agent.pipeline.PipelineHarness.presence;

/**
 * A bystander who saw the PUBLISH (so it knows the branch, Call-ID and tags) answers it first, from another
 * port: the agent ignores that answer, counts it, and the caller gets the real server's ETag.
 */
class ForgedResponseTest
{
    private static final String ALICE = "sip:alice@127.0.0.1";

    @Test
    void aResponseFromAnotherPortIsIgnoredAndTheRealOneIsTaken() throws Exception
    {
        try (ScriptedNotifier server = new ScriptedNotifier();
            DatagramChannel forger = DatagramChannel.open();
            PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS,
                b -> b.defaultOutboundProxy(server.presentity("x").replace("x@", ""))))
        {
            forger.bind(new InetSocketAddress("127.0.0.1", 0));
            final CompletableFuture<PublishOutcome> pending = h.submit(presence(ALICE, 60, null, null,
                pidf(ALICE, "open")));
            final ScriptedNotifier.Received publish = server.receiveRequest("PUBLISH");

            forger.send(ByteBuffer.wrap(answer(publish, "forged-etag").getBytes(StandardCharsets.UTF_8)),
                h.pipeline.sipAddress());
            h.awaitCounter("sip.responses_wrong_source", 1);
            assertFalse(pending.isDone(), "the forged 200 ended nothing");

            server.send(answer(publish, "real-etag"), publish.source());
            final PublishOutcome.Published published = assertInstanceOf(PublishOutcome.Published.class,
                PipelineHarness.await(pending));
            assertEquals("real-etag", published.etag());
            assertEquals(1, h.counter("sip.responses_wrong_source"));
            assertEquals(1, h.counter("sip.status.200"), "only the real answer counts as a response");
        }
    }

    @Test
    void withAnySourceTheFirstAnswerWins() throws Exception
    {
        try (ScriptedNotifier server = new ScriptedNotifier();
            DatagramChannel forger = DatagramChannel.open();
            PipelineHarness h = new PipelineHarness(PipelineHarness.WITH_FAILURE_USERS,
                b -> b.defaultOutboundProxy(server.presentity("x").replace("x@", ""))
                    .acceptResponsesFrom(ResponseSources.ANY)))
        {
            forger.bind(new InetSocketAddress("127.0.0.1", 0));
            final CompletableFuture<PublishOutcome> pending = h.submit(presence(ALICE, 60, null, null,
                pidf(ALICE, "open")));
            final ScriptedNotifier.Received publish = server.receiveRequest("PUBLISH");
            forger.send(ByteBuffer.wrap(answer(publish, "other-etag").getBytes(StandardCharsets.UTF_8)),
                h.pipeline.sipAddress());
            final PublishOutcome.Published published = assertInstanceOf(PublishOutcome.Published.class,
                PipelineHarness.await(pending));
            assertEquals("other-etag", published.etag(), "a load balancer may answer from elsewhere");
            assertTrue(h.counter("sip.responses_wrong_source") == 0);
        }
    }

    private static String answer(final ScriptedNotifier.Received request, final String etag)
    {
        return "SIP/2.0 200 OK\r\nVia: " + request.header("Via") + "\r\nFrom: " + request.header("From")
            + "\r\nTo: " + request.header("To") + ";tag=s1\r\nCall-ID: " + request.header("Call-ID")
            + "\r\nCSeq: " + request.header("CSeq") + "\r\nSIP-ETag: " + etag + "\r\nExpires: 60\r\n"
            + "Content-Length: 0\r\n\r\n";
    }
}
