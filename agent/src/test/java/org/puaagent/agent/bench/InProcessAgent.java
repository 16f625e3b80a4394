package org.puaagent.agent.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;

/**
 * An agent with its embedded presence server on 127.0.0.1 for load tests: binrpc over TCP and JSON-RPC over
 * HTTP on free ports, and the JSON-RPC FIFO in a temporary directory (replies there too). Owner thread only.
 */
final class InProcessAgent implements AutoCloseable
{
    private final Path dir;
    private final Agent agent;
    private final int binrpcPort;

    InProcessAgent() throws IOException
    {
        dir = Files.createTempDirectory("bench-agent");
        binrpcPort = freeTcpPort();
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "tcp:127.0.0.1:" + binrpcPort, "--jsonrpc-http", "127.0.0.1:0",
            "--jsonrpc-fifo", dir.resolve("rpc.fifo").toString(), "--jsonrpc-reply-dir", dir + "/",
            "--mi-fifo", "off", "--sip-listen", "udp:127.0.0.1:0", "--presence-listen", "udp:127.0.0.1:0"});
        if (null != parsed.error())
        {
            throw new IllegalStateException(parsed.error());
        }
        agent = new Agent(parsed.config());
        try
        {
            agent.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            agent.close();
            throw ex;
        }
    }

    String binrpcTarget()
    {
        return "binrpc-tcp:127.0.0.1:" + binrpcPort;
    }

    String httpTarget()
    {
        return "http://127.0.0.1:" + agent.http().localPort() + "/RPC";
    }

    /** The agent's JSON-RPC FIFO. */
    Path fifo()
    {
        return dir.resolve("rpc.fifo");
    }

    /** Where the agent opens reply fifos. */
    Path replyDir()
    {
        return dir;
    }

    /** A port that was free a moment ago (the StreamServer does not tell the port it bound for port 0). */
    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException
    {
        agent.close();
        try (var files = Files.list(dir))
        {
            for (final Path p : (Iterable<Path>) files::iterator)
            {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
