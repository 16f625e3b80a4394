package org.puaagent.protocol.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.puaagent.protocol.jsonrpc.Vectors;

/** The captured HTTP requests (curl to Kamailio's jsonrpcs/xhttp) from the project's test-fixtures. */
final class HttpVectors
{
    private HttpVectors()
    {
    }

    static List<Path> requests()
    {
        final List<Path> files = Vectors.files("http", ".req.http");
        assertTrue(files.size() >= 10, "too few .req.http files: " + files.size());
        return files;
    }

    static byte[] read(final Path p)
    {
        return Vectors.read(p);
    }
}
