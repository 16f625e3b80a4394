package org.puaagent.protocol.binrpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Access to the captured binrpc vectors of the project (system property {@code puaagent.vectors}). */
final class Vectors
{
    static final String PROPERTY = "puaagent.vectors";
    static final byte[] PUA_PUBLISH = "pua.publish".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Vectors()
    {
    }

    static Path root()
    {
        final String dir = System.getProperty(PROPERTY);
        if (null == dir)
        {
            throw new IllegalStateException("system property " + PROPERTY + " is not set (run through Maven)");
        }
        return Paths.get(dir).resolve("binrpc");
    }

    static Path dir(final String name)
    {
        return root().resolve(name);
    }

    /** Files of a vector directory whose names end with {@code suffix}, sorted by name. */
    static List<Path> list(final String dirName, final String suffix)
    {
        try (Stream<Path> s = Files.list(dir(dirName)))
        {
            final List<Path> files = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList());
            if (files.isEmpty())
            {
                throw new IllegalStateException("no " + suffix + " files in " + dirName);
            }
            return files;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(final Path p)
    {
        try
        {
            return Files.readAllBytes(p);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static String text(final Path p)
    {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    /** The sibling of {@code p} with {@code oldSuffix} replaced by {@code newSuffix}. */
    static Path sibling(final Path p, final String oldSuffix, final String newSuffix)
    {
        final String name = p.getFileName().toString();
        if (!name.endsWith(oldSuffix))
        {
            throw new IllegalArgumentException(name + " does not end with " + oldSuffix);
        }
        return p.resolveSibling(name.substring(0, name.length() - oldSuffix.length()) + newSuffix);
    }

    /** Every captured byte stream (requests and replies, all directories): the inputs of the stream tests. */
    static List<Path> allStreams()
    {
        final List<Path> all = new ArrayList<>();
        for (final String d : List.of("kamcmd", "kamcmd-requests-only", "raw", "udp"))
        {
            all.addAll(list(d, ".bin"));
        }
        return all;
    }

    static String hex(final byte[] b, final int from, final int to)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            if (i > from)
            {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    static String hex(final byte[] b)
    {
        return hex(b, 0, b.length);
    }
}
