package org.puaagent.agent.pipeline;

import org.puaagent.agent.sip.TokenHashes;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's subscriptions by key (in creation order) and by the Call-ID of their current dialog, plus the
 * Call-IDs of dialogs given up recently (a late NOTIFY of such a dialog is answered 200, not 481, and not
 * delivered). Ids are a random per-process prefix and a counter. Both kinds of Call-IDs are also kept as hashes
 * ({@link TokenHashes}) for the look a request gets before it is parsed ({@link #mayKnowCallId}). Everything it
 * holds is counted in its {@link ByteBudget} ({@link RecordSizes#subscription}, {@link RecordSizes#retired}): a
 * new subscription is created only while it fits. Not thread-safe: owner thread only.
 */
final class SubscriptionTable
{
    private final Map<SubscriptionKey, Subscription> byKey = new LinkedHashMap<>();
    private final Map<String, Subscription> byCallId = new HashMap<>();
    private final Map<String, Long> retired = new HashMap<>();
    private final TokenHashes knownCallIds = new TokenHashes();
    private final ByteBudget budget;
    private final String idPrefix;
    private long idSequence;

    /** @param budget what the subscriptions may hold */
    SubscriptionTable(final ByteBudget budget)
    {
        this.budget = budget;
        this.idPrefix = Integer.toHexString(new SecureRandom().nextInt() & 0x7fffffff) + "-";
    }

    Subscription get(final SubscriptionKey key)
    {
        return byKey.get(key);
    }

    /**
     * Creates and adds a subscription for a key that has none, when its estimated {@code bytes} fit.
     *
     * @return the new subscription, or {@code null} when the budget has no room for it
     */
    Subscription create(final SubscriptionKey key, final Subscriber subscriber, final long bytes)
    {
        if (!budget.admits(bytes))
        {
            return null;
        }
        final Subscription subscription = new Subscription(key, idPrefix + Long.toHexString(++idSequence),
            subscriber);
        subscription.heldBytes = bytes;
        budget.add(bytes);
        byKey.put(key, subscription);
        return subscription;
    }

    /** Removes a subscription and its dialog's Call-ID, and gives its bytes back. */
    void remove(final Subscription subscription)
    {
        if (byKey.get(subscription.key) == subscription)
        {
            byKey.remove(subscription.key);
        }
        unbind(subscription);
        budget.add(-subscription.heldBytes);
        subscription.heldBytes = 0;
    }

    /** Brings a subscription's share of the budget up to date (nothing for one already removed). */
    void account(final Subscription subscription)
    {
        if (subscription.heldBytes > 0)
        {
            final long now = RecordSizes.subscription(subscription);
            budget.add(now - subscription.heldBytes);
            subscription.heldBytes = now;
        }
    }

    /** Whether a subscription may grow by {@code bytes} (a larger notified state). */
    boolean allowsGrowth(final long bytes)
    {
        return budget.allowsGrowth(bytes);
    }

    /** The estimated bytes held (subscriptions and retired Call-IDs). */
    long heldBytes()
    {
        return budget.used();
    }

    /** The subscription whose current dialog has this Call-ID, or {@code null}. */
    Subscription byCallId(final String callId)
    {
        return byCallId.get(callId);
    }

    /** Whether this Call-ID belonged to a dialog given up less than the retirement time ago. */
    boolean isRetired(final String callId, final long now)
    {
        final Long until = retired.get(callId);
        return null != until && until > now;
    }

    /**
     * Whether a request with the Call-ID {@code datagram[start, end)} may be for one of the dialogs, current or
     * retired (no: certainly not). Allocation-free.
     */
    boolean mayKnowCallId(final ByteBuffer datagram, final int start, final int end)
    {
        return knownCallIds.contains(TokenHashes.hash(datagram, start, end));
    }

    /** Makes the subscription's current Call-ID findable. */
    void bind(final Subscription subscription)
    {
        if (null == byCallId.put(subscription.callId, subscription))
        {
            knownCallIds.add(TokenHashes.hash(subscription.callId));
        }
    }

    /** Forgets the subscription's current Call-ID, remembering it as retired until {@code until}. */
    void retire(final Subscription subscription, final long until)
    {
        if (null != subscription.callId)
        {
            unbind(subscription);
            if (null == retired.put(subscription.callId, until))
            {
                knownCallIds.add(TokenHashes.hash(subscription.callId));
                budget.add(RecordSizes.retired(subscription.callId));
            }
        }
    }

    /** Drops retired Call-IDs whose time has passed. @return whether any remain */
    boolean pruneRetired(final long now)
    {
        final Iterator<Map.Entry<String, Long>> untils = retired.entrySet().iterator();
        while (untils.hasNext())
        {
            final Map.Entry<String, Long> entry = untils.next();
            if (entry.getValue() <= now)
            {
                budget.add(-RecordSizes.retired(entry.getKey()));
                untils.remove();
                knownCallIds.remove(TokenHashes.hash(entry.getKey()));
            }
        }
        return !retired.isEmpty();
    }

    int size()
    {
        return byKey.size();
    }

    /** Every subscription in creation order (a copy). */
    List<Subscription> all()
    {
        return new ArrayList<>(byKey.values());
    }

    void clear()
    {
        byKey.clear();
        byCallId.clear();
        retired.clear();
        knownCallIds.clear();
        budget.clear();
    }

    private void unbind(final Subscription subscription)
    {
        if (null != subscription.callId && byCallId.get(subscription.callId) == subscription)
        {
            byCallId.remove(subscription.callId);
            knownCallIds.remove(TokenHashes.hash(subscription.callId));
        }
    }
}
