package org.puaagent.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GNU-style command line into {@code --name value} / {@code --name=value} pairs, in order, for every
 * parser of the jar (the agent, {@code bench}, {@code bench-notify}). {@code --help}/{@code -h} anywhere asks for
 * help; a bare word or a last option without a value is an error text. Stateless; any thread.
 */
public final class OptionPairs
{
    /** One option and its value. Immutable. */
    public record Pair(String name, String value)
    {
    }

    /** The pairs in order, or a request for help, or an error text. Immutable. */
    public record Split(List<Pair> pairs, boolean help, String error)
    {
    }

    private OptionPairs()
    {
    }

    /**
     * The value of {@code --name} as a whole number in {@code [min, max]}.
     *
     * @throws IllegalArgumentException with the message to show when it is not one
     */
    public static long whole(final String name, final String value, final long min, final long max)
    {
        final long n;
        try
        {
            n = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
        if (n < min || n > max)
        {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", not "
                + value);
        }
        return n;
    }

    public static Split split(final String[] args)
    {
        final List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h"))
            {
                return new Split(List.of(), true, null);
            }
            if (!arg.startsWith("--"))
            {
                return new Split(List.of(), false, "unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            final String value;
            final int eq = name.indexOf('=');
            if (eq >= 0)
            {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            else if (i + 1 < args.length)
            {
                value = args[++i];
            }
            else
            {
                return new Split(List.of(), false, "option --" + name + " needs a value");
            }
            pairs.add(new Pair(name, value));
        }
        return new Split(List.copyOf(pairs), false, null);
    }
}
