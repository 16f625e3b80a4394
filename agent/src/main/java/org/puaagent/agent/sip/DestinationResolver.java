package org.puaagent.agent.sip;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a SIP URI (an outbound proxy, or a Request-URI) into a UDP next hop with JAIN-SIP's URI parser.
 * Only numeric hosts are accepted: the agent never resolves names (Kamailio would do DNS here). The port
 * defaults to 5060; {@code sips:} and {@code transport=} other than UDP are refused for now. Results are
 * cached (bounded). Not thread-safe: one thread (the pipeline owner).
 */
public final class DestinationResolver
{
    private static final int DEFAULT_SIP_PORT = 5060;
    private static final int MAX_CACHED = 4096;

    private final StringMsgParser parser = new StringMsgParser();
    private final Map<String, Destination> cache = new HashMap<>();

    public DestinationResolver()
    {
        QuietStackLogger.install();
    }

    /**
     * @param uri a SIP URI such as {@code sip:127.0.0.1:5070} or {@code sip:alice@127.0.0.1;transport=udp}
     * @return the next hop, or why there is none
     */
    public Destination resolve(final String uri)
    {
        final Destination cached = cache.get(uri);
        if (null != cached)
        {
            return cached;
        }
        final Destination resolved = resolveUncached(uri);
        if (cache.size() >= MAX_CACHED)
        {
            cache.clear();
        }
        cache.put(uri, resolved);
        return resolved;
    }

    private Destination resolveUncached(final String uri)
    {
        if (uri.indexOf('\r') >= 0 || uri.indexOf('\n') >= 0)
        {
            return new Destination.Refused("URI '" + printable(uri) + "' contains a line break");
        }
        final GenericURI parsed;
        try
        {
            parsed = parser.parseUrl(uri);
        }
        catch (final ParseException | RuntimeException ex)
        {
            return new Destination.Refused("URI '" + uri + "' does not parse");
        }
        if (!(parsed instanceof SipUri))
        {
            return new Destination.Refused("URI '" + uri + "' is not a sip: URI");
        }
        final SipUri sipUri = (SipUri)parsed;
        if (sipUri.isSecure())
        {
            return new Destination.Refused("URI '" + uri + "': sips (TLS) is not supported");
        }
        final String transport = sipUri.getTransportParam();
        if (null != transport && !transport.equalsIgnoreCase("udp"))
        {
            return new Destination.Refused("URI '" + uri + "': transport " + transport + " is not supported");
        }
        final String host = sipUri.getHost();
        final InetAddress address = NumericHost.parse(host);
        if (null == address)
        {
            return new Destination.Refused(
                "URI '" + uri + "': host '" + host + "' is not a numeric IP address (the agent does no DNS)");
        }
        final int port = sipUri.getPort() > 0 ? sipUri.getPort() : DEFAULT_SIP_PORT;
        return new Destination.Resolved(new InetSocketAddress(address, port));
    }

    private static String printable(final String text)
    {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
