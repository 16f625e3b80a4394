package org.puaagent.agent.sip;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a SIP URI (an outbound proxy, or a Request-URI) into a UDP next hop with JAIN-SIP's URI parser.
 * Only numeric hosts are accepted: the agent never resolves names (Kamailio would do DNS here). The port
 * defaults to 5060; {@code sips:} and {@code transport=} other than UDP are refused for now. Results are
 * cached, bounded in bytes: each entry counts {@value #ENTRY_BYTES} bytes plus its URI's characters (and the
 * reason's, for a refusal); beyond the limit the least recently used entries are evicted (counted by the
 * {@code onEvicted} callback). Not thread-safe: one thread (the pipeline owner).
 */
public final class DestinationResolver
{
    /** The cache's limit when none is given (the embedded presence server's). */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    /**
     * One cache entry without its characters: the LinkedHashMap entry (40 B) and its share of the bucket array,
     * the URI String and array headers (40), the {@code Destination} with its address (a resolved one:
     * InetSocketAddress, its holder and the InetAddress, about 100; a refusal: its reason String headers).
     */
    static final int ENTRY_BYTES = 200;
    private static final int DEFAULT_SIP_PORT = 5060;
    private static final float LOAD_FACTOR = 0.75f;
    private static final int INITIAL_CAPACITY = 64;

    private final StringMsgParser parser = new StringMsgParser();
    /** In access order: the eldest entry is the least recently used. */
    private final LinkedHashMap<String, Destination> cache = new LinkedHashMap<>(INITIAL_CAPACITY, LOAD_FACTOR, true);
    private final long maxBytes;
    private final Runnable onEvicted;
    private long bytes;

    /** A resolver with a cache of {@link #DEFAULT_MAX_BYTES}, evictions not counted. */
    public DestinationResolver()
    {
        this(DEFAULT_MAX_BYTES, () ->
        {
        });
    }

    /**
     * @param maxBytes  the most bytes the cache may take (positive)
     * @param onEvicted run once per entry evicted to make room
     */
    public DestinationResolver(final long maxBytes, final Runnable onEvicted)
    {
        if (maxBytes <= 0)
        {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.onEvicted = onEvicted;
        QuietStackLogger.install();
    }

    /** The bytes the cache takes (estimated as the class comment says). */
    public long cachedBytes()
    {
        return bytes;
    }

    /** How many URIs are cached. */
    public int cachedCount()
    {
        return cache.size();
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
        final long size = sizeOf(uri, resolved);
        if (size > maxBytes)
        {
            return resolved;
        }
        final Iterator<Map.Entry<String, Destination>> eldest = cache.entrySet().iterator();
        while (bytes + size > maxBytes && eldest.hasNext())
        {
            final Map.Entry<String, Destination> entry = eldest.next();
            bytes -= sizeOf(entry.getKey(), entry.getValue());
            eldest.remove();
            onEvicted.run();
        }
        cache.put(uri, resolved);
        bytes += size;
        return resolved;
    }

    private static long sizeOf(final String uri, final Destination destination)
    {
        final long reason = destination instanceof Destination.Refused refused ? refused.why().length() : 0;
        return ENTRY_BYTES + uri.length() + reason;
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
