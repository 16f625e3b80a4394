package org.puaagent.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.transport.StreamLimits;
import org.puaagent.agent.transport.http.HttpLimits;

/** The options of the listeners' limits and of the HTTP browser rules: defaults, values, refusals. */
class ListenerLimitOptionsTest
{
    @Test
    void defaultsAreTheListenersDefaults()
    {
        final AgentConfig c = CommandLine.parse(new String[0]).config();
        assertEquals(HttpLimits.defaults(), c.http().limits());
        assertEquals(List.of(), c.http().allowOrigins());
        assertEquals(List.of(), c.http().allowHosts());
        assertEquals(StreamLimits.defaults(), c.binrpcLimits());
    }

    @Test
    void everyLimitCanBeSet()
    {
        final AgentConfig c = CommandLine.parse(new String[] {
            "--http-allow-origin", "https://console.example", "--http-allow-origin", "*",
            "--http-allow-host", "rpc.example.net",
            "--http-max-connections", "10", "--http-idle-timeout-ms", "1000", "--http-request-timeout-ms", "2000",
            "--http-max-body", "4096", "--http-body-budget", "8192", "--http-io-threads", "3",
            "--binrpc-max-connections", "20", "--binrpc-max-in-flight", "5", "--binrpc-max-queued-bytes", "7000",
            "--binrpc-idle-timeout-ms", "3000", "--binrpc-request-timeout-ms", "4000"}).config();
        assertEquals(new HttpLimits(HttpLimits.DEFAULT_MAX_HEAD_BYTES, 4096, 8192, 10, 1000, 2000, 3),
            c.http().limits());
        assertEquals(List.of("https://console.example", "*"), c.http().allowOrigins());
        assertEquals(List.of("rpc.example.net"), c.http().allowHosts());
        assertEquals(new StreamLimits(20, 5, 7000, 3000, 4000), c.binrpcLimits());
    }

    @Test
    void badValuesAreErrors()
    {
        assertTrue(CommandLine.parse(new String[] {"--http-allow-origin", "http://a.example/path"}).error()
            .contains("no path"));
        assertTrue(CommandLine.parse(new String[] {"--http-allow-origin", "a.example"}).error()
            .contains("scheme://host"));
        assertTrue(CommandLine.parse(new String[] {"--http-max-connections", "0"}).error().contains("positive"));
        assertTrue(CommandLine.parse(new String[] {"--binrpc-max-in-flight", "x"}).error().contains("positive"));
        assertTrue(CommandLine.parse(new String[] {"--http-max-body", "100000", "--http-body-budget", "1000"})
            .error().contains("body budget"));
    }
}
