package org.puaagent.agent.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import org.puaagent.agent.transport.ListenAddress;

/**
 * Where the load generator sends its requests, as written after {@code --target}:
 * {@code binrpc-tcp:HOST:PORT}, {@code binrpc-unix:/path}, {@code http://HOST:PORT/PATH} or
 * {@code fifo:/path} (JSON-RPC over the jsonrpcs FIFO), or {@code sip:HOST:PORT} (a presence server over SIP/UDP,
 * driven by the bench's own in-process pipeline, {@link SipBenchRun}). Hosts must be numeric addresses (nothing is ever
 * resolved). Immutable.
 */
public sealed interface BenchTarget permits BenchTarget.BinRpcTcp, BenchTarget.BinRpcUnix, BenchTarget.Http,
    BenchTarget.Fifo, BenchTarget.Sip
{
    /** Where the reply FIFOs go unless told otherwise: jsonrpcs' and the agent's default reply directory. */
    Path DEFAULT_FIFO_REPLY_DIR = Path.of("/tmp");

    /** The socket address to connect to (null for a FIFO target, which has none). */
    SocketAddress socketAddress();

    /** The target as it is written on the command line. */
    String text();

    /** binrpc over TCP. */
    record BinRpcTcp(InetSocketAddress address) implements BenchTarget
    {
        @Override
        public SocketAddress socketAddress()
        {
            return address;
        }

        @Override
        public String text()
        {
            return "binrpc-tcp:" + hostPort(address);
        }
    }

    /** binrpc over a unix stream socket. */
    record BinRpcUnix(Path path) implements BenchTarget
    {
        @Override
        public SocketAddress socketAddress()
        {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String text()
        {
            return "binrpc-unix:" + path;
        }
    }

    /** JSON-RPC over HTTP/1.1, POST to {@code path}. */
    record Http(InetSocketAddress address, String path) implements BenchTarget
    {
        @Override
        public SocketAddress socketAddress()
        {
            return address;
        }

        @Override
        public String text()
        {
            return "http://" + hostPort(address) + path;
        }

        /** The value of the Host header. */
        public String hostHeader()
        {
            return hostPort(address);
        }
    }

    /**
     * JSON-RPC over the server's request FIFO; each connection's answers come back on a reply FIFO the bench
     * creates in {@code replyDir}, which must be the server's reply directory (jsonrpcs {@code fifo_reply_dir},
     * the agent's {@code --jsonrpc-reply-dir}).
     */
    record Fifo(Path fifo, Path replyDir) implements BenchTarget
    {
        @Override
        public SocketAddress socketAddress()
        {
            return null;
        }

        @Override
        public String text()
        {
            return "fifo:" + fifo;
        }
    }

    /** A presence server over SIP/UDP: the next hop of the bench's own PUBLISH/SUBSCRIBE pipeline. */
    record Sip(InetSocketAddress address) implements BenchTarget
    {
        @Override
        public SocketAddress socketAddress()
        {
            return address;
        }

        @Override
        public String text()
        {
            return "sip:" + hostPort(address);
        }
    }

    /** The outcome of {@link #parse}: a target or what is wrong with the text. Immutable. */
    record Parsed(BenchTarget target, String error)
    {
    }

    /** Reads a target; never throws. */
    static Parsed parse(final String text)
    {
        final String binrpcTcp = "binrpc-tcp:";
        final String binrpcUnix = "binrpc-unix:";
        final String http = "http://";
        final String fifo = "fifo:";
        final String sip = "sip:";
        if (text.startsWith(binrpcTcp))
        {
            final Object address = hostPort(text.substring(binrpcTcp.length()));
            return address instanceof InetSocketAddress a ? new Parsed(new BinRpcTcp(a), null)
                : new Parsed(null, "--target " + text + ": " + address);
        }
        if (text.startsWith(binrpcUnix))
        {
            final String path = text.substring(binrpcUnix.length());
            return path.isEmpty() ? new Parsed(null, "--target " + text + ": the socket path is missing")
                : new Parsed(new BinRpcUnix(Path.of(path)), null);
        }
        if (text.startsWith(http))
        {
            final String rest = text.substring(http.length());
            final int slash = rest.indexOf('/');
            final String authority = slash < 0 ? rest : rest.substring(0, slash);
            final String path = slash < 0 ? "/RPC" : rest.substring(slash);
            final Object address = hostPort(authority);
            return address instanceof InetSocketAddress a ? new Parsed(new Http(a, path), null)
                : new Parsed(null, "--target " + text + ": " + address);
        }
        if (text.startsWith(fifo))
        {
            final String path = text.substring(fifo.length());
            return path.isEmpty() ? new Parsed(null, "--target " + text + ": the FIFO path is missing")
                : new Parsed(new Fifo(Path.of(path), DEFAULT_FIFO_REPLY_DIR), null);
        }
        if (text.startsWith(sip))
        {
            final Object address = hostPort(text.substring(sip.length()));
            return address instanceof InetSocketAddress a ? new Parsed(new Sip(a), null)
                : new Parsed(null, "--target " + text + ": " + address);
        }
        return new Parsed(null, "--target " + text
            + ": expected binrpc-tcp:HOST:PORT, binrpc-unix:/path, http://HOST:PORT/RPC or fifo:/path (RPC),"
            + " or sip:HOST:PORT (a presence server over SIP)");
    }

    /** An {@link InetSocketAddress}, or a String saying what is wrong. */
    private static Object hostPort(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0)
        {
            return "expected HOST:PORT";
        }
        final String host = text.substring(0, colon).replace("[", "").replace("]", "");
        if (host.isEmpty() || !ListenAddress.numeric(host))
        {
            return "the host must be a numeric IP address, not '" + host + "'";
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            return "bad port '" + text.substring(colon + 1) + "'";
        }
        if (port < 1 || port > 65535)
        {
            return "port out of range: " + port;
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final java.net.UnknownHostException ex)
        {
            return "bad address '" + host + "'";
        }
    }

    private static String hostPort(final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
