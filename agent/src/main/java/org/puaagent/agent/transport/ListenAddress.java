package org.puaagent.agent.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/**
 * A listen address in Kamailio's ctl syntax (spec binrpc.md 7.5): {@code unixs:/path}, {@code unix:/path},
 * {@code unixd:/path}, {@code tcp:host:port}, {@code udp:host:port}, {@code tcp:port}, {@code tcp:host}
 * (port 2049), {@code /path} (unix stream), {@code host:port} (UDP). Hosts must be numeric IP addresses or
 * {@code *}: the agent never resolves names. Immutable.
 */
public record ListenAddress(Kind kind, String host, int port, String path)
{
    /** The default ctl port. */
    public static final int DEFAULT_PORT = 2049;

    public enum Kind
    {
        UNIX_STREAM, UNIX_DATAGRAM, TCP, UDP
    }

    /** The parse result: an address or an error text. Immutable. */
    public record Parsed(ListenAddress address, String error)
    {
    }

    public static Parsed parse(final String text)
    {
        final String t = text.trim();
        final int colon = t.indexOf(':');
        String proto = null;
        String rest = t;
        if (colon > 0)
        {
            final String p = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (p.equals("unixs") || p.equals("unix") || p.equals("unixd") || p.equals("tcp") || p.equals("udp"))
            {
                proto = p;
                rest = t.substring(colon + 1);
            }
        }
        if (null == proto)
        {
            if (t.contains("/"))
            {
                return unix(Kind.UNIX_STREAM, t);
            }
            return inet(Kind.UDP, t, text);
        }
        switch (proto)
        {
            case "unixs":
            case "unix":
                return unix(Kind.UNIX_STREAM, rest);
            case "unixd":
                return unix(Kind.UNIX_DATAGRAM, rest);
            case "tcp":
                return inet(Kind.TCP, rest, text);
            default:
                return inet(Kind.UDP, rest, text);
        }
    }

    private static Parsed unix(final Kind kind, final String path)
    {
        if (path.isEmpty())
        {
            return new Parsed(null, "empty unix socket path");
        }
        return new Parsed(new ListenAddress(kind, null, 0, path), null);
    }

    private static Parsed inet(final Kind kind, final String hostPort, final String original)
    {
        String host = hostPort;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("["))
        {
            final int end = hostPort.indexOf(']');
            if (end < 0)
            {
                return new Parsed(null, "bad IPv6 address in '" + original + "'");
            }
            host = hostPort.substring(1, end);
            final String after = hostPort.substring(end + 1);
            if (after.startsWith(":"))
            {
                port = -1;
                try
                {
                    port = Integer.parseInt(after.substring(1));
                }
                catch (final NumberFormatException ignored)
                {
                    // reported below
                }
            }
        }
        else
        {
            final int c = hostPort.lastIndexOf(':');
            if (c >= 0)
            {
                host = hostPort.substring(0, c);
                port = -1;
                try
                {
                    port = Integer.parseInt(hostPort.substring(c + 1));
                }
                catch (final NumberFormatException ignored)
                {
                    // reported below
                }
            }
            else if (!hostPort.isEmpty() && hostPort.chars().allMatch(Character::isDigit))
            {
                port = Integer.parseInt(hostPort);
                host = "*";
            }
        }
        if (port < 0 || port > 65535)
        {
            return new Parsed(null, "bad port in '" + original + "'");
        }
        if (host.isEmpty() || host.equals("*"))
        {
            host = "0.0.0.0";
        }
        if (!numeric(host))
        {
            return new Parsed(null, "host must be a numeric IP address (no DNS) in '" + original + "'");
        }
        return new Parsed(new ListenAddress(kind, host, port, null), null);
    }

    /** True for an IPv4 dotted quad or an IPv6 literal: something that needs no name resolution. */
    public static boolean numeric(final String host)
    {
        if (host.indexOf(':') >= 0)
        {
            return host.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.');
        }
        final String[] parts = host.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String p : parts)
        {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255)
            {
                return false;
            }
        }
        return true;
    }

    /** The socket address to bind; for IP hosts no name is resolved (they are numeric). */
    public SocketAddress socketAddress()
    {
        if (kind == Kind.UNIX_STREAM || kind == Kind.UNIX_DATAGRAM)
        {
            return UnixDomainSocketAddress.of(path);
        }
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString()
    {
        switch (kind)
        {
            case UNIX_STREAM: return "unixs:" + path;
            case UNIX_DATAGRAM: return "unixd:" + path;
            case TCP: return "tcp:" + host + ":" + port;
            default: return "udp:" + host + ":" + port;
        }
    }
}
