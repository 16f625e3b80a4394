package org.puaagent.protocol.binrpc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Types command-line arguments as kamcmd 1.5 does (spec binrpc.md 8.3), for a kamcmd-compatible client:
 * <ol>
 * <li>if C {@code strtol(arg, 10)} consumes the whole argument: int, truncated to its low 32 bits (leading
 * white space and a sign allowed; the empty string counts as fully consumed: int 0; out-of-range values
 * saturate at the 64-bit limits first, as {@code strtol} does);</li>
 * <li>else if C {@code strtod} consumes the whole argument: double (decimal with optional exponent,
 * hexadecimal with optional binary exponent, {@code inf}/{@code infinity}/{@code nan}/{@code nan(...)});</li>
 * <li>else str, without a leading {@code s:}.</li>
 * </ol>
 * Stateless; any thread.
 */
public final class KamcmdArguments
{
    private static final String STRING_PREFIX = "s:";
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Binary exponents beyond this already overflow or underflow any double. */
    private static final int MAX_HEX_EXPONENT = 100_000;

    private KamcmdArguments()
    {
    }

    /** The value kamcmd sends for one argument. */
    public static RpcValue type(final String arg)
    {
        final Long asLong = wholeLong(arg);
        if (null != asLong)
        {
            return RpcInt.of(asLong.intValue());
        }
        final Double asDouble = wholeDouble(arg);
        if (null != asDouble)
        {
            return new RpcDouble(asDouble);
        }
        return new RpcString(arg.startsWith(STRING_PREFIX) ? arg.substring(STRING_PREFIX.length()) : arg);
    }

    /** Types every argument (the parameters after the method name). */
    public static List<RpcValue> typeAll(final List<String> args)
    {
        final List<RpcValue> values = new ArrayList<>(args.size());
        for (final String a : args)
        {
            values.add(type(a));
        }
        return values;
    }

    /** {@code strtol(s, &end, 10)} if it consumes all of {@code s}, saturated to the 64-bit range; else null. */
    static Long wholeLong(final String s)
    {
        final int n = s.length();
        if (n == 0)
        {
            return 0L;
        }
        int i = skipSpace(s, 0);
        final int signAt = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-'))
        {
            i++;
        }
        final int digits = i;
        while (i < n && isDigit(s.charAt(i)))
        {
            i++;
        }
        if (i == digits || i != n)
        {
            return null;
        }
        BigInteger v = new BigInteger(s.substring(digits, n));
        if (s.charAt(signAt) == '-')
        {
            v = v.negate();
        }
        return v.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    /** {@code strtod(s, &end)} if it consumes all of {@code s}; else null. */
    static Double wholeDouble(final String s)
    {
        final int n = s.length();
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-'))
        {
            negative = s.charAt(i) == '-';
            i++;
        }
        final double magnitude;
        if (s.regionMatches(true, i, "infinity", 0, "infinity".length()))
        {
            i += "infinity".length();
            magnitude = Double.POSITIVE_INFINITY;
        }
        else if (s.regionMatches(true, i, "inf", 0, "inf".length()))
        {
            i += "inf".length();
            magnitude = Double.POSITIVE_INFINITY;
        }
        else if (s.regionMatches(true, i, "nan", 0, "nan".length()))
        {
            i += "nan".length();
            if (i < n && s.charAt(i) == '(')
            {
                int j = i + 1;
                while (j < n && (isAlphaNumeric(s.charAt(j)) || s.charAt(j) == '_'))
                {
                    j++;
                }
                if (j < n && s.charAt(j) == ')')
                {
                    i = j + 1;
                }
            }
            magnitude = Double.NaN;
        }
        else if (isHexStart(s, i))
        {
            return parseHex(s, i + 2, negative);
        }
        else
        {
            final int begin = i;
            int mantissaDigits = 0;
            while (i < n && isDigit(s.charAt(i)))
            {
                i++;
                mantissaDigits++;
            }
            if (i < n && s.charAt(i) == '.')
            {
                i++;
                while (i < n && isDigit(s.charAt(i)))
                {
                    i++;
                    mantissaDigits++;
                }
            }
            if (mantissaDigits == 0)
            {
                return null;
            }
            i = exponentEnd(s, i, 'e');
            if (i != n)
            {
                return null;
            }
            magnitude = Double.parseDouble(s.substring(begin, n));
        }
        if (i != n)
        {
            return null;
        }
        return negative ? -magnitude : magnitude;
    }

    private static Double parseHex(final String s, final int from, final boolean negative)
    {
        final int n = s.length();
        int i = from;
        final StringBuilder mantissa = new StringBuilder("0x");
        while (i < n && isHexDigit(s.charAt(i)))
        {
            mantissa.append(s.charAt(i++));
        }
        if (mantissa.length() == 2)
        {
            mantissa.append('0');
        }
        mantissa.append('.');
        if (i < n && s.charAt(i) == '.')
        {
            i++;
            while (i < n && isHexDigit(s.charAt(i)))
            {
                mantissa.append(s.charAt(i++));
            }
        }
        mantissa.append('0');
        final int exponentStart = i;
        i = exponentEnd(s, i, 'p');
        if (i != n)
        {
            return null;
        }
        long exponent = 0;
        if (i > exponentStart)
        {
            final BigInteger e = new BigInteger(s.substring(exponentStart + 1, i).replace("+", ""));
            exponent = e.max(BigInteger.valueOf(-MAX_HEX_EXPONENT)).min(BigInteger.valueOf(MAX_HEX_EXPONENT)).longValue();
        }
        final double magnitude = Double.parseDouble(mantissa.append('p').append(exponent).toString());
        return negative ? -magnitude : magnitude;
    }

    /** "0x" followed by a hex digit, or by "." and a hex digit (otherwise strtod reads just the "0"). */
    private static boolean isHexStart(final String s, final int i)
    {
        final int n = s.length();
        if (i + 2 >= n || s.charAt(i) != '0' || (s.charAt(i + 1) != 'x' && s.charAt(i + 1) != 'X'))
        {
            return false;
        }
        final char c = s.charAt(i + 2);
        return isHexDigit(c) || (c == '.' && i + 3 < n && isHexDigit(s.charAt(i + 3)));
    }

    /** Past an exponent ({@code e}/{@code p}, optional sign, at least one digit) if there is one at i. */
    private static int exponentEnd(final String s, final int i, final char marker)
    {
        final int n = s.length();
        if (i >= n || Character.toLowerCase(s.charAt(i)) != marker)
        {
            return i;
        }
        int j = i + 1;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-'))
        {
            j++;
        }
        final int digits = j;
        while (j < n && isDigit(s.charAt(j)))
        {
            j++;
        }
        return j == digits ? i : j;
    }

    private static int skipSpace(final String s, final int from)
    {
        int i = from;
        while (i < s.length() && isCSpace(s.charAt(i)))
        {
            i++;
        }
        return i;
    }

    /** C {@code isspace} in the C locale. */
    private static boolean isCSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(final char c)
    {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlphaNumeric(final char c)
    {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
