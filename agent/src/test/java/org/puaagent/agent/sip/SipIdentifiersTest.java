package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tokens are short, of one alphabet, never repeat, and carry 64 bits that show no counter: every bit is set
 * in about half of the tokens, and consecutive tokens differ in about half of their bits. A random prefix plus
 * a counter (the scheme these replaced) fails the last two checks however long its prefix.
 */
class SipIdentifiersTest
{
    private static final int TOKENS = 100_000;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final SipIdentifiers identifiers = new SipIdentifiers("192.0.2.7");

    @Test
    void tokensHaveTheirShapes()
    {
        for (int i = 0; i < 1000; i++)
        {
            final String branch = identifiers.branch();
            assertTrue(branch.matches("z9hG4bK[a-z2-7]{13}"), branch);
            assertTrue(identifiers.tag().matches("[a-z2-7]{13}"));
            assertTrue(identifiers.etag().matches("[a-z2-7]{13}"));
            final String callId = identifiers.callId();
            assertTrue(callId.matches("[a-z2-7]{13}@192\\.0\\.2\\.7"), callId);
        }
    }

    @Test
    void hundredThousandBranchesAreDistinctAndShowNoCounter()
    {
        assertLooksRandom(() -> identifiers.branch().substring(SipIdentifiers.MAGIC_COOKIE.length()));
    }

    @Test
    void tagsCallIdsAndEntityTagsAreDistinctAndShowNoCounter()
    {
        assertLooksRandom(identifiers::tag);
        assertLooksRandom(() -> identifiers.callId().substring(0, SipIdentifiers.TOKEN_LENGTH));
        assertLooksRandom(identifiers::etag);
    }

    @Test
    void everyKindOfTokenTakesFreshBitsFromTheSameStream()
    {
        final List<String> mixed = new ArrayList<>();
        for (int i = 0; i < TOKENS / 4; i++)
        {
            mixed.add(identifiers.branch().substring(SipIdentifiers.MAGIC_COOKIE.length()));
            mixed.add(identifiers.tag());
            mixed.add(identifiers.callId().substring(0, SipIdentifiers.TOKEN_LENGTH));
            mixed.add(identifiers.etag());
        }
        assertEquals(TOKENS, new HashSet<>(mixed).size(), "no token twice, of any kind");
    }

    @Test
    void randomBytesAreDrawnInBlocksNotPerToken()
    {
        final int[] draws = new int[1];
        final SecureRandom counting = new SecureRandom()
        {
            @Override
            public void nextBytes(final byte[] bytes)
            {
                draws[0]++;
                super.nextBytes(bytes);
            }
        };
        final SipIdentifiers counted = new SipIdentifiers("h", counting);
        for (int i = 0; i < TOKENS; i++)
        {
            counted.tag();
        }
        assertEquals((TOKENS + 511) / 512, draws[0], "one 4 KiB draw per 512 tokens of 8 bytes");
    }

    @Test
    void theCheckFailsForAPrefixAndACounter()
    {
        final long prefix = new SecureRandom().nextLong() & 0xffffffff00000000L;
        final long[] counter = {0};
        final AssertionError failed = assertThrows(AssertionError.class,
            () -> assertLooksRandom(() -> encode(prefix | ++counter[0])));
        assertTrue(failed.getMessage().contains("bit"), failed.getMessage());
    }

    /** Draws {@value #TOKENS} tokens: distinct, 13 base32 characters, bits balanced, neighbours unrelated. */
    private static void assertLooksRandom(final Supplier<String> tokens)
    {
        final Set<String> seen = new HashSet<>();
        final int[] ones = new int[Long.SIZE];
        long previous = 0;
        long flips = 0;
        for (int i = 0; i < TOKENS; i++)
        {
            final String token = tokens.get();
            assertEquals(SipIdentifiers.TOKEN_LENGTH, token.length(), token);
            assertTrue(seen.add(token), "a token came twice: " + token);
            final long bits = decode(token);
            for (int b = 0; b < Long.SIZE; b++)
            {
                ones[b] += (int)((bits >>> b) & 1);
            }
            if (i > 0)
            {
                flips += Long.bitCount(bits ^ previous);
            }
            previous = bits;
        }
        // binomial(100000, 1/2): standard deviation 158; 2,000 is more than 12 of them
        for (int b = 0; b < Long.SIZE; b++)
        {
            assertTrue(Math.abs(ones[b] - TOKENS / 2) < 2000, "bit " + b + " set in " + ones[b] + " of " + TOKENS);
        }
        final double meanFlips = (double)flips / (TOKENS - 1);
        assertTrue(Math.abs(meanFlips - 32) < 0.5, "consecutive tokens differ in " + meanFlips + " bits, not 32");
    }

    private static long decode(final String token)
    {
        long bits = 0;
        for (int i = 0; i < token.length(); i++)
        {
            final int value = BASE32.indexOf(token.charAt(i));
            assertTrue(value >= 0, "not base32: " + token);
            assertTrue(i > 0 || value < 16, "the first character carries 4 bits: " + token);
            bits = (bits << 5) | value;
        }
        return bits;
    }

    private static String encode(final long value)
    {
        final char[] text = new char[SipIdentifiers.TOKEN_LENGTH];
        long bits = value;
        for (int i = text.length - 1; i >= 0; i--)
        {
            text[i] = BASE32.charAt((int)(bits & 31));
            bits >>>= 5;
        }
        return new String(text);
    }
}
