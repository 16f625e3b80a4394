package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the captured JSON-RPC vectors from the project's test-fixtures (system property puaagent.vectors). */
public final class Vectors
{
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private Vectors()
    {
    }

    static Path jsonrpc()
    {
        final String dir = System.getProperty("puaagent.vectors");
        assertNotNull(dir, "system property puaagent.vectors is not set");
        final Path path = Paths.get(dir, "jsonrpc");
        assertTrue(Files.isDirectory(path), "no vectors at " + path);
        return path;
    }

    /** Sorted files of a vector directory whose name ends with suffix. */
    public static List<Path> files(final String subdir, final String suffix)
    {
        try (Stream<Path> s = Files.list(jsonrpc().resolve(subdir)))
        {
            final List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                .collect(Collectors.toList());
            assertTrue(!files.isEmpty(), "no " + suffix + " files in " + subdir);
            return files;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(final Path p)
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

    /** The two-digit case number at the start of a vector file name. */
    static String caseNumber(final Path p)
    {
        return p.getFileName().toString().substring(0, 2);
    }

    /** The file next to p with another suffix (e.g. ".req.http" to ".rep.http"). */
    static Path sibling(final Path p, final String fromSuffix, final String toSuffix)
    {
        final String name = p.getFileName().toString();
        return p.resolveSibling(name.substring(0, name.length() - fromSuffix.length()) + toSuffix);
    }

    /** An HTTP message split into its head (without the blank line) and body. */
    record HttpMessage(String head, byte[] body)
    {
        String startLine()
        {
            final int end = head.indexOf("\r\n");
            return end < 0 ? head : head.substring(0, end);
        }

        String header(final String name)
        {
            for (final String line : head.split("\r\n"))
            {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name))
                {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static HttpMessage http(final Path p)
    {
        final byte[] all = read(p);
        for (int i = 0; i + HEADER_END.length <= all.length; i++)
        {
            if (Arrays.equals(all, i, i + HEADER_END.length, HEADER_END, 0, HEADER_END.length))
            {
                return new HttpMessage(new String(all, 0, i, StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(all, i + HEADER_END.length, all.length));
            }
        }
        throw new AssertionError("no end of headers in " + p);
    }
}
