package org.puaagent.protocol.jsonrpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number text exactly as Kamailio's srjson prints a JSON number (spec jsonrpc.md section 4), with C printf
 * rounding (the exact binary value, ties to even). Static methods; any thread.
 *
 * <ol>
 *   <li>{@code (int) d} differs from {@code d} by at most {@code DBL_EPSILON} and {@code d} is within the 32-bit
 *       range: {@code %d} of that int (so {@code 1e-300} and {@code -0.0} print {@code 0});</li>
 *   <li>{@code floor(d)} differs from {@code d} by at most {@code DBL_EPSILON}: {@code %.0f} (all digits of the
 *       integer, e.g. {@code 12345678901});</li>
 *   <li>{@code |d| < 1e-6} or {@code |d| > 1e9}: {@code %e} ({@code 1.500000e-07}, {@code 1.234568e+10});</li>
 *   <li>else {@code %f}: six decimals ({@code 1.500000}).</li>
 * </ol>
 * NaN and infinities (C would print {@code nan}/{@code inf}, which is not JSON) are written as {@code null}.
 */
final class KamailioNumbers
{
    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final double EXPONENT_BELOW = 1.0e-6;
    private static final double EXPONENT_ABOVE = 1.0e9;
    private static final int FIXED_DECIMALS = 6;
    private static final int EXPONENT_DIGITS = 7;
    private static final MathContext EXPONENT_CONTEXT = new MathContext(EXPONENT_DIGITS, RoundingMode.HALF_EVEN);
    private static final int MIN_EXPONENT_WIDTH = 10;

    private KamailioNumbers()
    {
    }

    static String format(final double d)
    {
        if (!Double.isFinite(d))
        {
            return "null";
        }
        final int truncated = (int) d;
        if (Math.abs(truncated - d) <= DBL_EPSILON && d <= Integer.MAX_VALUE && d >= Integer.MIN_VALUE)
        {
            return Integer.toString(truncated);
        }
        if (Math.abs(Math.floor(d) - d) <= DBL_EPSILON)
        {
            return new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        }
        final double magnitude = Math.abs(d);
        if (magnitude < EXPONENT_BELOW || magnitude > EXPONENT_ABOVE)
        {
            return exponent(d);
        }
        return new BigDecimal(d).setScale(FIXED_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** C's {@code %e}: one digit, '.', six digits, 'e', sign, at least two exponent digits. */
    private static String exponent(final double d)
    {
        final BigDecimal rounded = new BigDecimal(d).round(EXPONENT_CONTEXT);
        final StringBuilder digits = new StringBuilder(rounded.unscaledValue().abs().toString());
        final int exponent = digits.length() - 1 - rounded.scale();
        while (digits.length() < EXPONENT_DIGITS)
        {
            digits.append('0');
        }
        final StringBuilder out = new StringBuilder(16);
        if (d < 0)
        {
            out.append('-');
        }
        out.append(digits.charAt(0)).append('.').append(digits, 1, EXPONENT_DIGITS).append('e');
        out.append(exponent < 0 ? '-' : '+');
        final int magnitude = Math.abs(exponent);
        if (magnitude < MIN_EXPONENT_WIDTH)
        {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }
}
