package org.puaagent.agent.sip;

import java.security.SecureRandom;

/**
 * Makes the unique tokens of outgoing requests: Via branches (RFC 3261 magic cookie {@code z9hG4bK}),
 * From tags and Call-IDs. Each is a random per-instance prefix plus a counter, so they are unique for this
 * process and across restarts without a random draw per request. Not thread-safe: owner thread only.
 */
public final class SipIdentifiers
{
    private static final String MAGIC_COOKIE = "z9hG4bK";

    private final String branchPrefix;
    private final String tagPrefix;
    private final String callIdPrefix;
    private final String callIdHost;
    private long sequence;

    /**
     * @param callIdHost the host part of Call-IDs (the advertised address)
     */
    public SipIdentifiers(final String callIdHost)
    {
        final SecureRandom random = new SecureRandom();
        this.branchPrefix = MAGIC_COOKIE + hex(random.nextLong()) + ".";
        this.tagPrefix = hex(random.nextLong()) + hex(random.nextLong()) + "-";
        this.callIdPrefix = hex(random.nextLong()) + "-";
        this.callIdHost = "@" + callIdHost;
    }

    /** A new Via branch. */
    public String branch()
    {
        return branchPrefix + Long.toHexString(++sequence);
    }

    /** A new From tag. */
    public String tag()
    {
        return tagPrefix + Long.toHexString(++sequence);
    }

    /** A new Call-ID. */
    public String callId()
    {
        return callIdPrefix + Long.toHexString(++sequence) + callIdHost;
    }

    private static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        return "0000000000000000".substring(digits.length()) + digits;
    }
}
