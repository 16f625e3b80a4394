package org.puaagent.protocol.pua;

/**
 * The URI check the pua commands apply to presentity and watcher URIs, standing in for Kamailio's
 * {@code parse_uri}: a {@code sip:}, {@code sips:}, {@code tel:} or {@code tels:} URI (scheme in any case)
 * without white space or control characters, where
 * <ul>
 *   <li>sip/sips: an optional non-empty user part ending in {@code @}, then a non-empty host
 *       (name or IPv4 of letters, digits, {@code . - _}, or {@code [IPv6]}), an optional {@code :port}
 *       of 1 to 5 digits up to 65535, then anything after {@code ;} or {@code ?};</li>
 *   <li>tel/tels: a non-empty number before any {@code ;}.</li>
 * </ul>
 * So {@code sip:alice@127.0.0.1}, {@code sip:127.0.0.1:5070}, {@code sips:bob@[::1]:5061;transport=tls} and
 * {@code tel:+123} pass, {@code alice}, {@code ""}, {@code sip:}, {@code sip:alice@} and
 * {@code sip:a@b:99999} do not. No name is ever resolved.
 *
 * <p>Stateless: any thread.
 */
public final class SipUriSyntax
{
    private static final int MAX_PORT = 65535;
    private static final int MAX_PORT_DIGITS = 5;

    private SipUriSyntax()
    {
    }

    /** Whether {@code uri} is acceptable as a presentity or watcher URI. */
    public static boolean isValid(final String uri)
    {
        if (uri == null)
        {
            return false;
        }
        final int colon = uri.indexOf(':');
        if (colon < 0)
        {
            return false;
        }
        for (int i = 0; i < uri.length(); i++)
        {
            final char c = uri.charAt(i);
            if (c <= ' ' || c == 0x7f)
            {
                return false;
            }
        }
        final String scheme = uri.substring(0, colon);
        final String rest = uri.substring(colon + 1);
        if (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips"))
        {
            return isValidSipPart(rest);
        }
        if (scheme.equalsIgnoreCase("tel") || scheme.equalsIgnoreCase("tels"))
        {
            final int semicolon = rest.indexOf(';');
            return (semicolon < 0 ? rest.length() : semicolon) > 0;
        }
        return false;
    }

    private static boolean isValidSipPart(final String rest)
    {
        final int headers = rest.indexOf('?');
        final String beforeHeaders = headers < 0 ? rest : rest.substring(0, headers);
        final int at = beforeHeaders.indexOf('@');
        if (at == 0)
        {
            return false;
        }
        final String hostPart = at < 0 ? beforeHeaders : beforeHeaders.substring(at + 1);
        final int params = hostPart.indexOf(';');
        final String hostPort = params < 0 ? hostPart : hostPart.substring(0, params);
        final int portColon;
        if (hostPort.startsWith("["))
        {
            final int close = hostPort.indexOf(']');
            if (close < 2 || !isIpv6(hostPort.substring(1, close)))
            {
                return false;
            }
            if (close + 1 == hostPort.length())
            {
                return true;
            }
            if (hostPort.charAt(close + 1) != ':')
            {
                return false;
            }
            portColon = close + 1;
        }
        else
        {
            portColon = hostPort.indexOf(':');
            final String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            if (host.isEmpty() || !isHostName(host))
            {
                return false;
            }
            if (portColon < 0)
            {
                return true;
            }
        }
        return isPort(hostPort.substring(portColon + 1));
    }

    private static boolean isHostName(final String host)
    {
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '.' && c != '-' && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(final String address)
    {
        for (int i = 0; i < address.length(); i++)
        {
            final char c = address.charAt(i);
            final boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.')
            {
                return false;
            }
        }
        return address.indexOf(':') >= 0;
    }

    private static boolean isPort(final String port)
    {
        if (port.isEmpty() || port.length() > MAX_PORT_DIGITS)
        {
            return false;
        }
        int value = 0;
        for (int i = 0; i < port.length(); i++)
        {
            final char c = port.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_PORT;
    }
}
