package org.puaagent.agent.presence;

import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.TimerWheel;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The publications the embedded presence server holds (RFC 3903 event state), by entity tag, each with its
 * resource (presentity and event as watchers are matched), the bytes of its body and its expiry timer; bounded
 * in count and body bytes ({@link PresenceLimits}): {@link #hasRoom} says whether a change fits before it is
 * made. Expiry removes a publication and reports its resource as changed.
 *
 * <p>Threading: everything on the server's thread, except {@link #all()} (any thread: a concurrent view for
 * the read-only queries of {@link PresenceServer}).
 */
final class Publications
{
    private static final long MILLIS_PER_SECOND = 1000L;

    private final Map<String, StoredPublication> byEtag = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new HashMap<>();
    private final Map<String, String> latestEtagByResource = new HashMap<>();
    private final TimerWheel wheel;
    private final PresenceLimits limits;
    private final Counters counters;
    private final Consumer<String> onExpired;
    private long bytes;

    /**
     * @param onExpired called with the resource key of a publication that expired (after it is removed)
     */
    Publications(final TimerWheel wheel, final PresenceLimits limits, final Counters counters,
        final Consumer<String> onExpired)
    {
        this.wheel = wheel;
        this.limits = limits;
        this.counters = counters;
        this.onExpired = onExpired;
    }

    /** The publication with this entity tag if it is live at {@code nowNanos}, else {@code null}. */
    StoredPublication live(final String etag, final long nowNanos)
    {
        final StoredPublication publication = byEtag.get(etag);
        return null == publication || publication.isExpired(nowNanos) ? null : publication;
    }

    /** The bytes of the body of the publication with this entity tag (0 when there is none). */
    long bodyBytes(final String etag)
    {
        final Held entry = held.get(etag);
        return null == entry ? 0 : entry.bodyBytes;
    }

    /**
     * Whether {@code addedPublications} more publications with {@code addedBytes} more body bytes (negative when
     * a change shrinks) stay within the limits.
     */
    boolean hasRoom(final int addedPublications, final long addedBytes)
    {
        return held.size() + addedPublications <= limits.maxPublications()
            && bytes + addedBytes <= limits.maxPublicationBytes();
    }

    /**
     * Holds a new publication until {@code granted} seconds from now.
     *
     * @param bodyBytes the bytes of its body
     */
    void put(final StoredPublication publication, final String resourceKey, final long bodyBytes,
        final long nowMillis, final int granted)
    {
        final Held entry = new Held(publication.etag(), resourceKey, bodyBytes);
        byEtag.put(publication.etag(), publication);
        held.put(publication.etag(), entry);
        latestEtagByResource.put(resourceKey, publication.etag());
        bytes += bodyBytes;
        wheel.schedule(entry, nowMillis + granted * MILLIS_PER_SECOND);
        publishGauges();
    }

    /** Removes a publication (replaced by a modify or refresh, or removed with Expires 0). */
    void remove(final String etag)
    {
        byEtag.remove(etag);
        final Held entry = held.remove(etag);
        if (null == entry)
        {
            return;
        }
        wheel.cancel(entry);
        bytes -= entry.bodyBytes;
        if (etag.equals(latestEtagByResource.get(entry.resourceKey)))
        {
            latestEtagByResource.remove(entry.resourceKey);
        }
        publishGauges();
    }

    /** The live publication to notify for a resource: the latest one changed, else the live one to last longest. */
    StoredPublication current(final String resourceKey, final long nowNanos)
    {
        final String latest = latestEtagByResource.get(resourceKey);
        final StoredPublication stored = null == latest ? null : live(latest, nowNanos);
        if (null != stored)
        {
            return stored;
        }
        StoredPublication best = null;
        for (final Held entry : held.values())
        {
            if (!entry.resourceKey.equals(resourceKey))
            {
                continue;
            }
            final StoredPublication candidate = live(entry.etag, nowNanos);
            if (null != candidate && (null == best || candidate.expiresAtNanos() > best.expiresAtNanos()))
            {
                best = candidate;
            }
        }
        if (null == best)
        {
            latestEtagByResource.remove(resourceKey);
        }
        else
        {
            latestEtagByResource.put(resourceKey, best.etag());
        }
        return best;
    }

    /** Every publication held (some may have just expired). Any thread; a live view. */
    Collection<StoredPublication> all()
    {
        return byEtag.values();
    }

    private void onTimer(final Held entry)
    {
        if (held.get(entry.etag) != entry)
        {
            return;
        }
        remove(entry.etag);
        onExpired.accept(entry.resourceKey);
    }

    private void publishGauges()
    {
        counters.set(PresenceCounter.PUBLICATIONS.ordinal(), held.size());
        counters.set(PresenceCounter.PUBLICATION_BYTES.ordinal(), bytes);
    }

    /** One held publication: its resource, body bytes, and its expiry (it is its own wheel timer). */
    private final class Held extends TimerWheel.Timer
    {
        final String etag;
        final String resourceKey;
        final long bodyBytes;

        Held(final String etag, final String resourceKey, final long bodyBytes)
        {
            this.etag = etag;
            this.resourceKey = resourceKey;
            this.bodyBytes = bodyBytes;
        }

        @Override
        protected void onExpire(final long deadlineMillis)
        {
            onTimer(this);
        }
    }
}
