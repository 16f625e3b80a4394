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
 * matched. Bounded in count: when full, the oldest answer is forgotten first (counted by the caller).
 *
 * <p>Not thread-safe: owner thread only.
 */
public final class AnsweredRequests
{
    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final long keepMillis;
    private final int capacity;
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();

    private record Answer(byte[] response, long expiresAtMillis)
    {
    }

    /**
     * @param keepMillis how long an answer is kept (Timer J)
     * @param capacity   the most answers kept at once
     */
    public AnsweredRequests(final long keepMillis, final int capacity)
    {
        if (keepMillis <= 0 || capacity <= 0)
        {
            throw new IllegalArgumentException("keepMillis and capacity must be positive");
        }
        this.keepMillis = keepMillis;
        this.capacity = capacity;
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
     * Remembers the response sent to the request with this key.
     *
     * @return true when an older answer had to be forgotten before its time to make room
     */
    public boolean remember(final String key, final byte[] response, final long nowMillis)
    {
        expire(nowMillis);
        answers.put(key, new Answer(response, nowMillis + keepMillis));
        if (answers.size() > capacity)
        {
            final Iterator<Answer> oldest = answers.values().iterator();
            oldest.next();
            oldest.remove();
            return true;
        }
        return false;
    }

    /** How many answers are kept. */
    public int size()
    {
        return answers.size();
    }

    private void expire(final long nowMillis)
    {
        final Iterator<Map.Entry<String, Answer>> it = answers.entrySet().iterator();
        while (it.hasNext())
        {
            if (it.next().getValue().expiresAtMillis > nowMillis)
            {
                return;
            }
            it.remove();
        }
    }
}
