package org.puaagent.agent.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The SIP captures of test-fixtures/vectors/sip (directory given by the puaagent.vectors property). */
final class Vectors
{
    private Vectors()
    {
    }

    static Path sipDirectory()
    {
        final String root = System.getProperty("puaagent.vectors");
        if (null == root)
        {
            throw new IllegalStateException("system property puaagent.vectors is not set (surefire sets it)");
        }
        return Path.of(root, "sip");
    }

    /** Every captured message file whose name contains {@code marker}, sorted. */
    static List<Path> messages(final String marker) throws IOException
    {
        try (Stream<Path> files = Files.walk(sipDirectory()))
        {
            return files.filter(p -> p.getFileName().toString().contains(marker)).sorted()
                .collect(Collectors.toList());
        }
    }

    static byte[] bytes(final String scenario, final String prefix) throws IOException
    {
        try (Stream<Path> files = Files.list(sipDirectory().resolve(scenario)))
        {
            final Path file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + " in " + scenario));
            return Files.readAllBytes(file);
        }
    }
}
