package org.puaagent.agent.sip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final responses the agent sent to requests it received, kept for Timer J (64 * T1 = 32 s over UDP) so
 * that a retransmitted request gets the very same response again instead of being processed a second time
 * (RFC 3261 17.2.2 and 17.2.3: the server transaction is matched by the top Via's branch, its sent-by and the
 * method). This matters for NOTIFY: a retransmission of an older NOTIFY that arrives after a newer one must be
 * answered with the 200 it got, not rejected as out of order; for the embedded presence server a retransmitted
 * PUBLISH must not make a second publication. Only RFC 3261 branches ({@code z9hG4bK...}) are
 * matched. Bounded in bytes: each answer counts {@value #ENTRY_BYTES} bytes (its map entry, record, key String
 * and array headers) plus its key's characters and its response's bytes; when a new answer takes the total above
 * the limit, the oldest answers are forgotten first (counted by the caller).
 *
 * <p>Not thread-safe: owner thread only.
 */
public final class AnsweredRequests
{
    /** What the embedded presence server keeps at most. */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    /**
     * One answer without its key's characters and its response's bytes: the LinkedHashMap entry (40 B), the
     * {@code Answer} record (24), the key String with its array header (40), the response array's header (16).
     */
    static final int ENTRY_BYTES = 120;

    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final long keepMillis;
    private final long maxBytes;
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();
    private long bytes;

    private record Answer(byte[] response, long expiresAtMillis, long bytes)
    {
    }

    /**
     * @param keepMillis how long an answer is kept (Timer J)
     * @param maxBytes   the most bytes the kept answers may take ({@link #ENTRY_BYTES} each plus key and
     *                   response)
     */
    public AnsweredRequests(final long keepMillis, final long maxBytes)
    {
        if (keepMillis <= 0 || maxBytes <= 0)
        {
            throw new IllegalArgumentException("keepMillis and maxBytes must be positive");
        }
        this.keepMillis = keepMillis;
        this.maxBytes = maxBytes;
    }

    /**
     * The transaction key of a request, or {@code null} when it cannot be matched (no RFC 3261 branch).
     *
     * @param branch the top Via's branch parameter
     * @param sentBy the top Via's sent-by (host and port as written)
     * @param method the request method
     */
    public static String key(final String branch, final String sentBy, final String method)
    {
        if (null == branch || !branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length()))
        {
            return null;
        }
        return branch + ' ' + sentBy + ' ' + method;
    }

    /** The response sent to the request with this key, or {@code null} when there is none (any more). */
    public byte[] answerOf(final String key, final long nowMillis)
    {
        expire(nowMillis);
        final Answer answer = answers.get(key);
        return null == answer ? null : answer.response;
    }

    /**
     * Remembers the response sent to the request with this key. An answer larger than the whole limit is not
     * kept (a retransmission of its request is then processed again, as without a cache).
     *
     * @return true when older answers had to be forgotten before their time to make room (or this one could not
     *         be kept)
     */
    public boolean remember(final String key, final byte[] response, final long nowMillis)
    {
        expire(nowMillis);
        final long size = ENTRY_BYTES + key.length() + response.length;
        final Answer before = answers.remove(key);
        if (null != before)
        {
            bytes -= before.bytes;
        }
        if (size > maxBytes)
        {
            return true;
        }
        boolean forgotten = false;
        final Iterator<Answer> oldest = answers.values().iterator();
        while (bytes + size > maxBytes && oldest.hasNext())
        {
            bytes -= oldest.next().bytes;
            oldest.remove();
            forgotten = true;
        }
        answers.put(key, new Answer(response, nowMillis + keepMillis, size));
        bytes += size;
        return forgotten;
    }

    /** How many answers are kept. */
    public int size()
    {
        return answers.size();
    }

    /** The bytes the kept answers take (estimated as in {@link #remember}). */
    public long bytes()
    {
        return bytes;
    }

    private void expire(final long nowMillis)
    {
        final Iterator<Map.Entry<String, Answer>> it = answers.entrySet().iterator();
        while (it.hasNext())
        {
            final Answer answer = it.next().getValue();
            if (answer.expiresAtMillis > nowMillis)
            {
                return;
            }
            bytes -= answer.bytes;
            it.remove();
        }
    }
}
