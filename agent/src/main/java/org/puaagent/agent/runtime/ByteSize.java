package org.puaagent.agent.runtime;

import java.util.Locale;

/**
 * Sizes in bytes as operators write them: a plain number of bytes, or a number with the suffix {@code k},
 * {@code m} or {@code g} (KiB, MiB, GiB: powers of 1024, as the JVM's {@code -Xmx} reads them), and back to
 * text for logs ({@code 256 MiB}). Stateless; any thread.
 */
public final class ByteSize
{
    /** One KiB. */
    public static final long KIB = 1024L;
    /** One MiB. */
    public static final long MIB = KIB * KIB;
    /** One GiB. */
    public static final long GIB = MIB * KIB;

    private ByteSize()
    {
    }

    /**
     * Reads a size: {@code 1048576}, {@code 1024k}, {@code 64m}, {@code 1g} (the suffix in either case).
     *
     * @return the size in bytes, or -1 when the text is not a positive size
     */
    public static long parse(final String text)
    {
        if (null == text)
        {
            return -1;
        }
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty())
        {
            return -1;
        }
        final char last = trimmed.charAt(trimmed.length() - 1);
        final long unit;
        switch (last)
        {
            case 'k':
                unit = KIB;
                break;
            case 'm':
                unit = MIB;
                break;
            case 'g':
                unit = GIB;
                break;
            default:
                unit = 1;
                break;
        }
        final String digits = 1 == unit ? trimmed : trimmed.substring(0, trimmed.length() - 1);
        if (digits.isEmpty() || digits.length() > String.valueOf(Long.MAX_VALUE).length())
        {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++)
        {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9')
            {
                return -1;
            }
        }
        try
        {
            final long number = Long.parseLong(digits);
            if (number <= 0 || number > Long.MAX_VALUE / unit)
            {
                return -1;
            }
            return number * unit;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** The size for people: whole GiB, MiB or KiB when it is one, else with one decimal, else bytes. */
    public static String format(final long bytes)
    {
        if (bytes >= GIB)
        {
            return scaled(bytes, GIB, "GiB");
        }
        if (bytes >= MIB)
        {
            return scaled(bytes, MIB, "MiB");
        }
        if (bytes >= KIB)
        {
            return scaled(bytes, KIB, "KiB");
        }
        return bytes + " B";
    }

    private static String scaled(final long bytes, final long unit, final String name)
    {
        if (0 == bytes % unit)
        {
            return bytes / unit + " " + name;
        }
        return String.format(Locale.ROOT, "%.1f %s", (double)bytes / unit, name);
    }
}
