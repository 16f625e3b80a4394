package org.puaagent.agent.transport.http;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.puaagent.agent.sip.NumericHost;

/**
 * Who may drive an HTTP listener from a web browser. A page that a local browser opens can send a form-like POST
 * ({@code text/plain}, no preflight) to any address, and with DNS rebinding can make its own host name point at
 * 127.0.0.1; neither is a client of the agent. So:
 * <ul>
 * <li>a request with an {@code Origin} header is refused unless that origin is allowed ({@code --http-allow-origin},
 *     none by default; {@code *} allows any). curl, kamctl, kamcli and scripts send no Origin and are not
 *     affected;</li>
 * <li>a request whose {@code Host} names something other than the listener is refused: allowed are the listener's
 *     own address, {@code localhost} when it listens on a loopback address, any IP literal when it listens on every
 *     address, and the names given with {@code --http-allow-host}; a port in the Host must be the listener's.
 *     A request without Host (HTTP/1.0) is allowed.</li>
 * </ul>
 * An allowed origin gets the CORS answers a browser needs ({@link #corsOrigin}).
 *
 * <p>Threading: immutable after construction; any thread.
 */
public final class AccessPolicy
{
    /** The outcome of {@link #check}. */
    public enum Verdict
    {
        ALLOWED,
        FOREIGN_ORIGIN,
        FOREIGN_HOST
    }

    private static final String ANY = "*";
    private static final String LOCALHOST = "localhost";

    private final int port;
    private final boolean anyIpLiteral;
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> origins = new HashSet<>();
    private final boolean anyOrigin;

    /**
     * @param listenHost     the listener's numeric host as configured ({@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0})
     * @param port           the listener's port
     * @param allowedOrigins origins allowed to send requests ({@code http://app.example:8080}), {@code *} for any
     * @param allowedHosts   further names the Host header may carry ({@code rpc.example.net})
     */
    public AccessPolicy(final String listenHost, final int port, final List<String> allowedOrigins,
        final List<String> allowedHosts)
    {
        this.port = port;
        final String bare = listenHost.startsWith("[") ? listenHost.substring(1, listenHost.length() - 1) : listenHost;
        final InetAddress address = NumericHost.parse(bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare);
        if (null == address)
        {
            throw new IllegalArgumentException("HTTP listener host must be a numeric IP address: " + listenHost);
        }
        this.anyIpLiteral = address.isAnyLocalAddress();
        hosts.add(hostForm(address));
        if (address.isLoopbackAddress())
        {
            hosts.add(LOCALHOST);
        }
        for (final String h : allowedHosts)
        {
            hosts.add(h.toLowerCase(Locale.ROOT));
        }
        boolean any = false;
        for (final String o : allowedOrigins)
        {
            if (ANY.equals(o))
            {
                any = true;
            }
            else
            {
                origins.add(o.toLowerCase(Locale.ROOT));
            }
        }
        this.anyOrigin = any;
    }

    /**
     * @param host   the request's Host header, or null
     * @param origin the request's Origin header, or null
     */
    public Verdict check(final String host, final String origin)
    {
        if (null != origin && !originAllowed(origin))
        {
            return Verdict.FOREIGN_ORIGIN;
        }
        if (null != host && !hostAllowed(host))
        {
            return Verdict.FOREIGN_HOST;
        }
        return Verdict.ALLOWED;
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request with this Origin, or null for none. */
    public String corsOrigin(final String origin)
    {
        return null != origin && originAllowed(origin) ? origin : null;
    }

    private boolean originAllowed(final String origin)
    {
        return anyOrigin || origins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    private boolean hostAllowed(final String header)
    {
        final String value = header.trim().toLowerCase(Locale.ROOT);
        final String name;
        final int close = value.lastIndexOf(']');
        final int colon = value.lastIndexOf(':');
        if (colon > close && (value.startsWith("[") || value.indexOf(':') == colon))
        {
            // host:port or [v6]:port
            if (!portMatches(value.substring(colon + 1)))
            {
                return false;
            }
            name = value.substring(0, colon);
        }
        else
        {
            name = value;
        }
        if (hosts.contains(name))
        {
            return true;
        }
        if (anyIpLiteral)
        {
            return null != NumericHost.parse(name);
        }
        final InetAddress literal = NumericHost.parse(name);
        return null != literal && hosts.contains(hostForm(literal));
    }

    private boolean portMatches(final String digits)
    {
        if (digits.isEmpty() || digits.length() > 5)
        {
            return false;
        }
        for (int i = 0; i < digits.length(); i++)
        {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9')
            {
                return false;
            }
        }
        return Integer.parseInt(digits) == port;
    }

    /** How an address is written in a Host header: dotted IPv4, bracketed IPv6, lower case. */
    private static String hostForm(final InetAddress address)
    {
        final String text = address.getHostAddress().toLowerCase(Locale.ROOT);
        return text.indexOf(':') >= 0 ? "[" + compressed(address) + "]" : text;
    }

    /** IPv6 in its shortest usual form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), as clients write it. */
    private static String compressed(final InetAddress address)
    {
        final byte[] b = address.getAddress();
        final int[] groups = new int[8];
        for (int i = 0; i < 8; i++)
        {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; )
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength && j - i > 1)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':')
            {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
