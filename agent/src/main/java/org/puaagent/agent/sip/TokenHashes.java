package org.puaagent.agent.sip;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Tokens the agent currently knows (the Via branches of its live client transactions, the Call-IDs of its
 * dialogs) as 64-bit hashes (FNV-1a over the token's bytes), for the look a datagram gets before it is parsed:
 * a response whose top Via branch, or a request whose Call-ID, hashes to nothing known cannot be for the
 * agent, and is dropped (or rationed) without being copied or parsed ({@link SipEndpoint#poll}). A hash that
 * is present only lets the datagram through to the real match by string (two tokens may share a hash: each
 * hash has a count). Open addressing with linear probing; the table doubles when half full, so it is bounded
 * by what the agent knows, which the pipeline bounds. Not thread-safe: owner thread only.
 */
public final class TokenHashes
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int INITIAL_CAPACITY = 1024;
    private static final long EMPTY = 0;
    /** Stands for a hash that happens to be {@link #EMPTY}. */
    private static final long ZERO_HASH = 1;
    private static final int BYTE_MASK = 0xff;

    private long[] hashes = new long[INITIAL_CAPACITY];
    private int[] counts = new int[INITIAL_CAPACITY];
    private int size;

    /** The hash of a token as written (ASCII: one byte per character). */
    public static long hash(final String token)
    {
        long h = FNV_OFFSET;
        for (int i = 0; i < token.length(); i++)
        {
            h ^= token.charAt(i) & BYTE_MASK;
            h *= FNV_PRIME;
        }
        return EMPTY == h ? ZERO_HASH : h;
    }

    /** The hash of the bytes {@code [start, end)} of a buffer (absolute reads), as {@link #hash(String)}. */
    public static long hash(final ByteBuffer bytes, final int start, final int end)
    {
        long h = FNV_OFFSET;
        for (int i = start; i < end; i++)
        {
            h ^= bytes.get(i) & BYTE_MASK;
            h *= FNV_PRIME;
        }
        return EMPTY == h ? ZERO_HASH : h;
    }

    /** Adds one token (a hash from {@link #hash}). */
    public void add(final long hash)
    {
        if (2 * (size + 1) > hashes.length)
        {
            grow();
        }
        final int slot = slotOf(hashes, hash);
        if (EMPTY == hashes[slot])
        {
            hashes[slot] = hash;
            size++;
        }
        counts[slot]++;
    }

    /** Removes one token added with {@link #add}. */
    public void remove(final long hash)
    {
        final int slot = slotOf(hashes, hash);
        if (EMPTY == hashes[slot] || --counts[slot] > 0)
        {
            return;
        }
        hashes[slot] = EMPTY;
        size--;
        closeGap(slot);
    }

    /** Whether a token with this hash may be known. */
    public boolean contains(final long hash)
    {
        return EMPTY != hashes[slotOf(hashes, hash)];
    }

    /** How many distinct hashes are held. */
    public int size()
    {
        return size;
    }

    /** Forgets every token. */
    public void clear()
    {
        Arrays.fill(hashes, EMPTY);
        Arrays.fill(counts, 0);
        size = 0;
    }

    /** The slot holding {@code hash}, or the empty slot where it would go. */
    private static int slotOf(final long[] table, final long hash)
    {
        final int mask = table.length - 1;
        int slot = spread(hash) & mask;
        while (EMPTY != table[slot] && table[slot] != hash)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int spread(final long hash)
    {
        return (int)(hash ^ (hash >>> 32));
    }

    /** Backward-shift deletion: moves later entries of the probe run into the freed slot. */
    private void closeGap(final int freed)
    {
        final int mask = hashes.length - 1;
        int gap = freed;
        int slot = (freed + 1) & mask;
        while (EMPTY != hashes[slot])
        {
            final int home = spread(hashes[slot]) & mask;
            // the entry may move into the gap when its home is not in (gap, slot] (cyclically)
            final boolean movable = gap <= slot ? home <= gap || home > slot : home <= gap && home > slot;
            if (movable)
            {
                hashes[gap] = hashes[slot];
                counts[gap] = counts[slot];
                hashes[slot] = EMPTY;
                counts[slot] = 0;
                gap = slot;
            }
            slot = (slot + 1) & mask;
        }
        counts[gap] = 0;
    }

    private void grow()
    {
        final long[] oldHashes = hashes;
        final int[] oldCounts = counts;
        hashes = new long[oldHashes.length * 2];
        counts = new int[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++)
        {
            if (EMPTY != oldHashes[i])
            {
                final int slot = slotOf(hashes, oldHashes[i]);
                hashes[slot] = oldHashes[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
