package org.puaagent.protocol.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The captured HTTP requests (curl to Kamailio's jsonrpcs/xhttp) from the project's test-fixtures. */
final class HttpVectors
{
    private HttpVectors()
    {
    }

    static List<Path> requests()
    {
        final String dir = System.getProperty("puaagent.vectors");
        assertNotNull(dir, "system property puaagent.vectors is not set");
        final Path http = Paths.get(dir, "jsonrpc", "http");
        assertTrue(Files.isDirectory(http), "no vectors at " + http);
        try (Stream<Path> s = Files.list(http))
        {
            final List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".req.http")).sorted()
                .collect(Collectors.toList());
            assertTrue(files.size() >= 10, "too few .req.http files in " + http);
            return files;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(final Path p)
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
}
