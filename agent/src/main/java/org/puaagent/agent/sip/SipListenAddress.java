package org.puaagent.agent.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the agent's SIP endpoint listens, written {@code proto:host:port} as Kamailio's {@code listen}
 * ({@code udp:127.0.0.1:5062}; {@code host:port} means UDP; port 0 picks a free port). Only UDP is
 * supported so far; the host must be a numeric address. Immutable.
 *
 * @param transport the transport name, upper case ({@code UDP})
 * @param address   the socket address to bind
 */
public record SipListenAddress(String transport, InetSocketAddress address)
{
    /** The agent's default: {@code udp:127.0.0.1:5062}. */
    public static final String DEFAULT = "udp:127.0.0.1:5062";

    private static final int MAX_PORT = 65535;

    /**
     * Parses {@code proto:host:port}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static SipListenAddress parse(final String text)
    {
        String rest = text.trim();
        String transport = "UDP";
        final int firstColon = rest.indexOf(':');
        if (firstColon > 0 && rest.charAt(0) != '[')
        {
            final String head = rest.substring(0, firstColon);
            if (head.equalsIgnoreCase("udp") || head.equalsIgnoreCase("tcp") || head.equalsIgnoreCase("tls"))
            {
                transport = head.toUpperCase(java.util.Locale.ROOT);
                rest = rest.substring(firstColon + 1);
            }
        }
        if (!"UDP".equals(transport))
        {
            throw new IllegalArgumentException("SIP listen address '" + text + "': only udp is supported");
        }
        final int lastColon = rest.lastIndexOf(':');
        if (lastColon <= 0 || (rest.charAt(0) == '[' && rest.charAt(lastColon - 1) != ']'))
        {
            throw new IllegalArgumentException("SIP listen address '" + text + "': expected proto:host:port");
        }
        final String host = rest.substring(0, lastColon);
        final InetAddress ip = NumericHost.parse(host);
        if (null == ip)
        {
            throw new IllegalArgumentException(
                "SIP listen address '" + text + "': host must be a numeric IP address, got '" + host + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(rest.substring(lastColon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("SIP listen address '" + text + "': bad port");
        }
        if (port < 0 || port > MAX_PORT)
        {
            throw new IllegalArgumentException("SIP listen address '" + text + "': port out of range");
        }
        return new SipListenAddress(transport, new InetSocketAddress(ip, port));
    }
}
