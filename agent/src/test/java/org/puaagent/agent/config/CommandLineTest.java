package org.puaagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.puaagent.agent.pipeline.SubscribeContact;
import org.puaagent.agent.sip.ResponseSources;
import org.puaagent.agent.runtime.Limits;

class CommandLineTest
{
    @Test
    void defaultsAreLoopbackAndUnixSocketsOnly()
    {
        final AgentConfig c = CommandLine.parse(new String[0]).config();
        assertEquals(List.of("unixs:/tmp/pua-agent_ctl", "tcp:127.0.0.1:2049"), c.binrpc());
        assertEquals("127.0.0.1:5080", c.jsonrpcHttp());
        assertEquals("udp:127.0.0.1:5062", c.sipListen());
        assertTrue(c.embeddedPresenceServer());
        assertEquals(0660, c.unixSocketMode());
        assertEquals(SubscribeContact.AGENT, c.subscribeContact());
    }

    @Test
    void subscribeContactIsAgentOrWatcher()
    {
        assertEquals(SubscribeContact.WATCHER,
            CommandLine.parse(new String[] {"--subscribe-contact", "watcher"}).config().subscribeContact());
        assertEquals(SubscribeContact.AGENT,
            CommandLine.parse(new String[] {"--subscribe-contact=Agent"}).config().subscribeContact());
        assertTrue(CommandLine.parse(new String[] {"--subscribe-contact", "kamailio"}).error()
            .contains("agent or watcher"));
    }

    @Test
    void fifoReplyTimeoutIsAPositiveNumberOfMilliseconds(@TempDir final Path dir) throws IOException
    {
        assertEquals(5000, CommandLine.parse(new String[0]).config().fifoReplyTimeoutMs());
        assertEquals(1500, CommandLine.parse(new String[] {"--fifo-reply-timeout-ms", "1500"}).config()
            .fifoReplyTimeoutMs());
        final Path file = dir.resolve("agent.conf");
        Files.writeString(file, "fifo-reply-timeout-ms = 250\n");
        assertEquals(250, CommandLine.parse(new String[] {"--config", file.toString()}).config().fifoReplyTimeoutMs());
        assertTrue(CommandLine.parse(new String[] {"--fifo-reply-timeout-ms", "0"}).error().contains("positive"));
        assertTrue(CommandLine.parse(new String[] {"--fifo-reply-timeout-ms", "soon"}).error().contains("positive"));
        assertTrue(CommandLine.USAGE.contains("--fifo-reply-timeout-ms"));
    }

    @Test
    void transportThreadIsAutoPipelineOrOwn()
    {
        assertEquals(TransportThread.AUTO, CommandLine.parse(new String[0]).config().transportThread());
        assertEquals(TransportThread.PIPELINE,
            CommandLine.parse(new String[] {"--transport-thread", "pipeline"}).config().transportThread());
        assertEquals(TransportThread.OWN,
            CommandLine.parse(new String[] {"--transport-thread=Own"}).config().transportThread());
        assertTrue(CommandLine.parse(new String[] {"--transport-thread", "two"}).error()
            .contains("auto, pipeline or own"));
    }

    @Test
    void responsesAreTakenFromTheNextHopUnlessAnyIsAsked()
    {
        assertEquals(ResponseSources.NEXT_HOP, CommandLine.parse(new String[0]).config().acceptResponsesFrom());
        assertEquals(ResponseSources.ANY,
            CommandLine.parse(new String[] {"--sip-accept-responses-from", "any"}).config().acceptResponsesFrom());
        assertEquals(ResponseSources.NEXT_HOP, CommandLine.parse(new String[] {"--sip-accept-responses-from=Next-Hop"})
            .config().acceptResponsesFrom());
        assertTrue(CommandLine.parse(new String[] {"--sip-accept-responses-from", "anywhere"}).error()
            .contains("next-hop or any"));
        assertTrue(CommandLine.USAGE.contains("--sip-accept-responses-from next-hop|any"));
    }

    @Test
    void presenceFailureUsersAreOffUnlessSwitchedOn()
    {
        assertFalse(CommandLine.parse(new String[0]).config().presenceFailureUsers());
        assertTrue(CommandLine.parse(new String[] {"--presence-failure-users", "on"}).config().presenceFailureUsers());
        assertTrue(CommandLine.parse(new String[] {"--presence-failure-users=1"}).config().presenceFailureUsers());
        assertFalse(CommandLine.parse(new String[] {"--presence-failure-users", "off"}).config()
            .presenceFailureUsers());
        assertTrue(CommandLine.parse(new String[] {"--presence-failure-users", "maybe"}).error()
            .contains("on or off"));
        assertTrue(CommandLine.USAGE.contains("--presence-failure-users on|off"));
    }

    @Test
    void autoPutsTheListenersOnThePipelineOnTwoCpusOrFewer()
    {
        assertTrue(TransportThread.AUTO.onPipeline(1));
        assertTrue(TransportThread.AUTO.onPipeline(2));
        assertFalse(TransportThread.AUTO.onPipeline(3));
        assertTrue(TransportThread.PIPELINE.onPipeline(64));
        assertFalse(TransportThread.OWN.onPipeline(1));
    }

    @Test
    void repeatableBinrpcAndOffSwitches()
    {
        final AgentConfig c = CommandLine.parse(new String[] {"--binrpc", "tcp:127.0.0.1:1", "--binrpc=udp:127.0.0.1:2",
            "--jsonrpc-http", "off", "--outbound-proxy", "sip:127.0.0.1:5070", "--unix-mode", "0600"}).config();
        assertEquals(List.of("tcp:127.0.0.1:1", "udp:127.0.0.1:2"), c.binrpc());
        assertNull(c.jsonrpcHttp());
        assertEquals("sip:127.0.0.1:5070", c.outboundProxy());
        assertEquals(0600, c.unixSocketMode());
    }

    @Test
    void badOptionsAreErrorsNotExceptions()
    {
        assertTrue(CommandLine.parse(new String[] {"--nope", "1"}).error().contains("unknown option --nope"));
        assertTrue(CommandLine.parse(new String[] {"--json-pretty", "maybe"}).error().contains("0 or 1"));
        assertTrue(CommandLine.parse(new String[] {"--command-queue", "-3"}).error().contains("positive"));
        assertTrue(CommandLine.parse(new String[] {"--binrpc"}).error().contains("needs a value"));
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
    }

    @Test
    void theByteLimitsDefaultToSharesOfTheHeapAndTakeSizes()
    {
        final long gib = 1L << 30;
        assertEquals(Limits.forHeap(gib), CommandLine.parse(new String[0], gib).config().limits());
        assertEquals(Limits.forHeap(256L << 20), CommandLine.parse(new String[0], 256L << 20).config().limits());
        final Limits l = CommandLine.parse(new String[] {"--publications-bytes", "100m", "--subscriptions-bytes=2g",
            "--command-queue-bytes", "512k", "--events-buffer-bytes", "1048576", "--webhook-queue-bytes", "3M",
            "--sip-answers-bytes", "4m", "--resolver-cache-bytes", "64k", "--jsonrpc-batch-limit", "50"}, gib)
            .config().limits();
        assertEquals(100L << 20, l.publicationBytes());
        assertEquals(2L << 30, l.subscriptionBytes());
        assertEquals(512L << 10, l.commandBytes());
        assertEquals(1L << 20, l.eventBufferBytes());
        assertEquals(3L << 20, l.webhookQueueBytes());
        assertEquals(4L << 20, l.sipAnswerBytes());
        assertEquals(64L << 10, l.resolverCacheBytes());
        assertEquals(50, l.jsonrpcBatch());
        assertTrue(CommandLine.parse(new String[] {"--publications-bytes", "lots"}).error()
            .contains("--publications-bytes takes a size in bytes"));
        assertTrue(CommandLine.parse(new String[] {"--events-buffer-bytes", "0"}).error().contains("a size in bytes"));
        assertTrue(CommandLine.parse(new String[] {"--jsonrpc-batch-limit", "0"}).error().contains("positive"));
        assertTrue(CommandLine.USAGE.contains("--publications-bytes SIZE"));
        assertTrue(CommandLine.USAGE.contains("--jsonrpc-batch-limit N"));
    }

    @Test
    void configFileThenCommandLineWins(@TempDir final Path dir) throws IOException
    {
        final Path f = dir.resolve("agent.conf");
        Files.writeString(f, "# test\nbinrpc = tcp:127.0.0.1:9\njson-pretty = 0\nsip-listen = udp:127.0.0.1:7\n");
        final AgentConfig c = CommandLine.parse(new String[] {"--config", f.toString(), "--sip-listen",
            "udp:127.0.0.1:8"}).config();
        assertEquals(List.of("tcp:127.0.0.1:9"), c.binrpc());
        assertEquals(false, c.jsonPretty());
        assertEquals("udp:127.0.0.1:8", c.sipListen());
        Files.writeString(f, "garbage line\n");
        assertTrue(CommandLine.parse(new String[] {"--config", f.toString()}).error().contains(":1: expected"));
    }
}
