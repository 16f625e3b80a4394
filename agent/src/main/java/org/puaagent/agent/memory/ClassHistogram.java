package org.puaagent.agent.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heap class histogram as the JVM prints it ({@code jcmd <pid> GC.class_histogram}: lines
 * {@code "  1:  123  4567  java.lang.String (java.base@17)"}): instances and bytes per class. Immutable; any
 * thread.
 */
public final class ClassHistogram
{
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /**
     * Instances and bytes of one class (or, in a difference, their change).
     *
     * @param className the JVM's name ({@code [B} for byte[], {@code java.lang.String}, ...)
     */
    public record Entry(String className, long instances, long bytes)
    {
    }

    private final Map<String, Entry> entries;

    private ClassHistogram(final Map<String, Entry> entries)
    {
        this.entries = Map.copyOf(entries);
    }

    /** Reads the histogram text; lines that are not class lines (header, total) are skipped. */
    public static ClassHistogram parse(final String text)
    {
        final Map<String, Entry> entries = new HashMap<>();
        for (final String line : text.split("\n"))
        {
            final Matcher m = LINE.matcher(line);
            if (m.find())
            {
                final String name = m.group(3);
                final Entry e = new Entry(name, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                entries.merge(name, e, (a, b) -> new Entry(name, a.instances + b.instances, a.bytes + b.bytes));
            }
        }
        return new ClassHistogram(entries);
    }

    /** Bytes of all classes. */
    public long totalBytes()
    {
        return entries.values().stream().mapToLong(Entry::bytes).sum();
    }

    /** The entry of a class ({@code null}: none). */
    public Entry get(final String className)
    {
        return entries.get(className);
    }

    /**
     * What grew from {@code before} to this one: per class, the change of instances and bytes, largest growth
     * of bytes first; classes whose bytes did not change are left out.
     */
    public List<Entry> growthSince(final ClassHistogram before)
    {
        final List<Entry> growth = new ArrayList<>();
        for (final Entry now : entries.values())
        {
            final Entry then = before.entries.get(now.className());
            final long bytes = now.bytes() - (null == then ? 0 : then.bytes());
            final long instances = now.instances() - (null == then ? 0 : then.instances());
            if (0 != bytes)
            {
                growth.add(new Entry(now.className(), instances, bytes));
            }
        }
        for (final Entry then : before.entries.values())
        {
            if (!entries.containsKey(then.className()))
            {
                growth.add(new Entry(then.className(), -then.instances(), -then.bytes()));
            }
        }
        growth.sort(Comparator.comparingLong(Entry::bytes).reversed().thenComparing(Entry::className));
        return growth;
    }

    /** A readable name: {@code [B} becomes {@code byte[]}, {@code [Ljava.lang.Object;} {@code java.lang.Object[]}. */
    public static String readableName(final String className)
    {
        int dims = 0;
        while (dims < className.length() && '[' == className.charAt(dims))
        {
            dims++;
        }
        if (0 == dims)
        {
            return className;
        }
        final String element = className.substring(dims);
        final String base = switch (element)
        {
            case "B" -> "byte";
            case "C" -> "char";
            case "I" -> "int";
            case "J" -> "long";
            case "S" -> "short";
            case "Z" -> "boolean";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }
}
