package org.puaagent.agent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.agent.config.AgentConfig;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.rpc.CoreMethods;
import org.puaagent.agent.rpc.Dispatcher;
import org.puaagent.agent.transport.BinRpcDatagramEndpoint;
import org.puaagent.agent.transport.BinRpcStreamSession;
import org.puaagent.agent.transport.DatagramServer;
import org.puaagent.agent.transport.ListenAddress;
import org.puaagent.agent.transport.StreamServer;
import org.puaagent.protocol.binrpc.BinRpcPacket;

/**
 * The whole daemon: builds the dispatcher and its methods, the pipeline, and every configured listener, and
 * stops them in reverse order. Used by {@link Main} and, in-process, by tests.
 *
 * <p>Threading: {@link #start} and {@link #close} on one thread; what they start runs on its own threads.
 */
public final class Agent implements AutoCloseable
{
    /** Most simultaneous binrpc stream connections per listener (Kamailio: 128). */
    private static final int MAX_CONNECTIONS = 1024;

    private final AgentConfig config;
    private final AgentCounters counters = new AgentCounters();
    private final Dispatcher dispatcher = new Dispatcher(counters);
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> described = new ArrayList<>();

    public Agent(final AgentConfig config)
    {
        this.config = config;
    }

    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    public AgentCounters counters()
    {
        return counters;
    }

    /** Starts every listener; throws if one cannot bind (the caller then closes what did start). */
    public void start() throws IOException
    {
        new CoreMethods(dispatcher, Instant.now(), List.of()).registerAll();
        for (final String text : config.binrpc())
        {
            startBinRpc(text);
        }
    }

    private void startBinRpc(final String text) throws IOException
    {
        final ListenAddress.Parsed parsed = ListenAddress.parse(text);
        if (null != parsed.error())
        {
            throw new IOException("--binrpc " + text + ": " + parsed.error());
        }
        final ListenAddress address = parsed.address();
        switch (address.kind())
        {
            case UDP:
            {
                final DatagramServer server = new DatagramServer(address, counters);
                running.add(server);
                server.start(new BinRpcDatagramEndpoint(server, dispatcher, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE),
                    "binrpc-udp");
                break;
            }
            case UNIX_DATAGRAM:
                throw new IOException("--binrpc " + text + ": unix datagram sockets are not supported (Java has no"
                    + " AF_UNIX datagram channel); use unixs:, tcp: or udp:");
            default:
            {
                final StreamServer server = new StreamServer(address,
                    conn -> new BinRpcStreamSession(conn, dispatcher, BinRpcPacket.DEFAULT_MAX_PACKET_SIZE),
                    counters, MAX_CONNECTIONS, config.unixSocketMode());
                running.add(server);
                server.start("binrpc-" + (address.kind() == ListenAddress.Kind.TCP ? "tcp" : "unix"));
                break;
            }
        }
        described.add("binrpc listening on " + address);
    }

    /** One line per listener, for the start-up banner. */
    public List<String> describe()
    {
        return List.copyOf(described);
    }

    @Override
    public void close()
    {
        for (int i = running.size() - 1; i >= 0; i--)
        {
            try
            {
                running.get(i).close();
            }
            catch (final Exception ignored)
            {
                // stopping anyway
            }
        }
        running.clear();
    }
}
