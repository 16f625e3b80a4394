package org.puaagent.agent.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host that is an IP literal (dotted IPv4, or bracketed IPv6) into an address without any name
 * resolution. The agent never does DNS: every other host is refused. Immutable (static functions only).
 */
public final class NumericHost
{
    private static final int IPV4_PARTS = 4;
    private static final int OCTET_MAX = 255;
    private static final int OCTET_DIGITS = 3;

    private NumericHost()
    {
    }

    /**
     * @param host an IPv4 literal ({@code 127.0.0.1}) or a bracketed IPv6 literal ({@code [::1]})
     * @return the address, or {@code null} when the host is not such a literal
     */
    public static InetAddress parse(final String host)
    {
        if (null == host || host.isEmpty())
        {
            return null;
        }
        if (host.charAt(0) == '[')
        {
            if (host.length() < 3 || host.charAt(host.length() - 1) != ']')
            {
                return null;
            }
            try
            {
                // A bracketed argument is only ever parsed as an IPv6 literal, never looked up.
                return InetAddress.getByName(host);
            }
            catch (final UnknownHostException ex)
            {
                return null;
            }
        }
        final byte[] octets = parseIpv4(host);
        if (null == octets)
        {
            return null;
        }
        try
        {
            return InetAddress.getByAddress(octets);
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    private static byte[] parseIpv4(final String host)
    {
        final byte[] octets = new byte[IPV4_PARTS];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if (c >= '0' && c <= '9')
            {
                value = value * 10 + (c - '0');
                digits++;
                if (digits > OCTET_DIGITS || value > OCTET_MAX)
                {
                    return null;
                }
            }
            else if (c == '.' && digits > 0 && part < IPV4_PARTS - 1)
            {
                octets[part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else
            {
                return null;
            }
        }
        if (digits == 0 || part != IPV4_PARTS - 1)
        {
            return null;
        }
        octets[part] = (byte)value;
        return octets;
    }
}
