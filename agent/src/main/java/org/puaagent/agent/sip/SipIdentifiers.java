package org.puaagent.agent.sip;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Makes the tokens of what the agent (and its embedded presence server) sends: Via branches (with the RFC 3261
 * magic cookie {@code z9hG4bK}), From and To tags, Call-IDs and entity tags. Every token carries
 * {@value #RANDOM_BITS} bits of its own from a {@link SecureRandom}: whoever saw earlier tokens cannot tell the
 * next ones, so a response, a NOTIFY or a SIP-If-Match that names one must come from someone who saw the
 * request it belongs to (docs/sip-security.md). The random bytes are drawn in blocks of {@value #BLOCK_BYTES}
 * bytes, one draw per {@value #TOKENS_PER_BLOCK} tokens, so the cost of the SecureRandom is not paid per
 * request. A token is written as {@value #TOKEN_LENGTH} characters of lower-case base32 (RFC 4648's alphabet
 * in lower case, 5 bits per character, the first carries 4): straight into a reused byte array, one String per
 * token. Not thread-safe: one instance per thread (the owner thread, or the presence server's thread).
 */
public final class SipIdentifiers
{
    /** Random bits in every token. */
    public static final int RANDOM_BITS = 64;
    /** Characters of a token (a tag, an entity tag; a branch is the magic cookie and a token). */
    public static final int TOKEN_LENGTH = 13;
    /** RFC 3261 section 8.1.1.7: a branch starting with it is unique in space and time. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final int BLOCK_BYTES = 4096;
    private static final int TOKEN_BYTES = RANDOM_BITS / Byte.SIZE;
    private static final int TOKENS_PER_BLOCK = BLOCK_BYTES / TOKEN_BYTES;
    private static final int BITS_PER_CHARACTER = 5;
    private static final int CHARACTER_MASK = (1 << BITS_PER_CHARACTER) - 1;
    private static final int BYTE_MASK = 0xff;
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int next = BLOCK_BYTES;
    /** The magic cookie, then room for a token. */
    private final byte[] branch;
    /** Room for a token, then {@code @host}. */
    private final byte[] callId;

    /**
     * @param callIdHost the host part of Call-IDs (the advertised address)
     */
    public SipIdentifiers(final String callIdHost)
    {
        this(callIdHost, new SecureRandom());
    }

    /**
     * @param callIdHost the host part of Call-IDs
     * @param random     where the bits come from
     */
    SipIdentifiers(final String callIdHost, final SecureRandom random)
    {
        this.random = random;
        final byte[] cookie = MAGIC_COOKIE.getBytes(StandardCharsets.US_ASCII);
        this.branch = new byte[cookie.length + TOKEN_LENGTH];
        System.arraycopy(cookie, 0, branch, 0, cookie.length);
        final byte[] host = ("@" + callIdHost).getBytes(StandardCharsets.UTF_8);
        this.callId = new byte[TOKEN_LENGTH + host.length];
        System.arraycopy(host, 0, callId, TOKEN_LENGTH, host.length);
    }

    /** A new Via branch: the magic cookie and a token. */
    public String branch()
    {
        writeToken(branch, MAGIC_COOKIE.length());
        return new String(branch, 0, branch.length, StandardCharsets.ISO_8859_1);
    }

    /** A new From or To tag. */
    public String tag()
    {
        return token();
    }

    /** A new entity tag (RFC 3903 SIP-ETag): whoever holds it may change the publication. */
    public String etag()
    {
        return token();
    }

    /** A new Call-ID: a token, {@code @} and the host. */
    public String callId()
    {
        writeToken(callId, 0);
        return new String(callId, 0, callId.length, StandardCharsets.UTF_8);
    }

    private String token()
    {
        writeToken(branch, MAGIC_COOKIE.length());
        return new String(branch, MAGIC_COOKIE.length(), TOKEN_LENGTH, StandardCharsets.ISO_8859_1);
    }

    /** Writes the base32 text of the next random 64 bits at {@code into[at..at + TOKEN_LENGTH)}. */
    private void writeToken(final byte[] into, final int at)
    {
        long bits = nextRandomLong();
        for (int i = at + TOKEN_LENGTH - 1; i >= at; i--)
        {
            into[i] = ALPHABET[(int)(bits & CHARACTER_MASK)];
            bits >>>= BITS_PER_CHARACTER;
        }
    }

    private long nextRandomLong()
    {
        if (next + TOKEN_BYTES > BLOCK_BYTES)
        {
            random.nextBytes(block);
            next = 0;
        }
        long value = 0;
        for (int i = 0; i < TOKEN_BYTES; i++)
        {
            value = (value << Byte.SIZE) | (block[next + i] & BYTE_MASK);
        }
        next += TOKEN_BYTES;
        return value;
    }
}
