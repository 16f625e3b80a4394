package org.puaagent.protocol.pua;

/**
 * Expires values given as text. Kamailio strips one leading {@code -}, reads the rest as unsigned decimal
 * digits and negates; nothing else is allowed (no {@code +}, no blanks). Kamailio lets the number wrap
 * around 2^32; here a value outside the Java {@code int} range is refused instead.
 *
 * <p>Stateless: any thread.
 */
final class ExpiresText
{
    /** Returned for text that is not an expires value. */
    static final long INVALID = Long.MIN_VALUE;

    private static final int MAX_DIGITS = 10;

    private ExpiresText()
    {
    }

    /**
     * Kamailio's rule for pua.publish (5.6) and the 4.4 MI commands: an optional {@code -} and digits; no
     * digits at all ({@code ""}, {@code "-"}) reads as 0.
     *
     * @return the value, or {@link #INVALID}
     */
    static long parse(final String text)
    {
        final boolean negative = !text.isEmpty() && text.charAt(0) == '-';
        final int from = negative ? 1 : 0;
        if (text.length() - from > MAX_DIGITS)
        {
            return INVALID;
        }
        long value = 0;
        for (int i = from; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            value = value * 10 + (c - '0');
        }
        final long signed = negative ? -value : value;
        return signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE ? INVALID : signed;
    }

    /** Like {@link #parse} but requires at least one digit (the agent's own leniencies use this). */
    static long parseDecimal(final String text)
    {
        final int digits = !text.isEmpty() && text.charAt(0) == '-' ? text.length() - 1 : text.length();
        return digits == 0 ? INVALID : parse(text);
    }

    /** The text Kamailio prints in "Invalid expires value": the value without its leading {@code -}. */
    static String withoutSign(final String text)
    {
        return !text.isEmpty() && text.charAt(0) == '-' ? text.substring(1) : text;
    }
}
