package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What a reply FIFO descriptor must be before a byte is written to it, the checks Kamailio's jsonrpcs makes on
 * the descriptor it opened: a FIFO, linked once, and still the file the name points at (lstat: not a symbolic
 * link, same device and inode, so the name was not swapped between open and check). The descriptor's own
 * attributes are read through {@code /proc/self/fd/N}, which names the open file itself (no struct stat layout
 * is assumed). Besides, never one of the agent's own request FIFOs. Stateless; any thread.
 */
final class ReplyFifoCheck
{
    /** The outcome of the checks. */
    enum Outcome
    {
        FIFO,
        /** A regular file, a directory, a device: never written. */
        NOT_FIFO,
        /** Hard-linked, a symbolic link, replaced after open, or not checkable: never written. */
        UNSAFE
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFLNK = 0120000;
    private static final String PROC_FD = "/proc/self/fd/";
    private static final String OPENED = "unix:mode,nlink,ino,dev";
    private static final String NAMED = "unix:mode,ino,dev";

    private ReplyFifoCheck()
    {
    }

    /** The identity of an open or named file: its device and inode, as {@code "dev:ino"}. */
    static String identity(final Path path) throws IOException
    {
        final Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino");
        return number(attributes, "dev") + ":" + number(attributes, "ino");
    }

    /**
     * The checks, on descriptor {@code fd} opened from {@code named}; {@code refused} holds the identities
     * ({@link #identity}) of files never to be written, the agent's own request FIFOs (a client naming one as its
     * reply FIFO would have replies read back as requests).
     */
    static Outcome check(final int fd, final Path named, final Set<String> refused)
    {
        try
        {
            final Map<String, Object> opened = Files.readAttributes(Path.of(PROC_FD + fd), OPENED);
            if ((number(opened, "mode") & S_IFMT) != S_IFIFO)
            {
                return Outcome.NOT_FIFO;
            }
            if (number(opened, "nlink") != 1
                || refused.contains(number(opened, "dev") + ":" + number(opened, "ino")))
            {
                return Outcome.UNSAFE;
            }
            final Map<String, Object> link = Files.readAttributes(named, NAMED, LinkOption.NOFOLLOW_LINKS);
            if ((number(link, "mode") & S_IFMT) == S_IFLNK || number(link, "ino") != number(opened, "ino")
                || number(link, "dev") != number(opened, "dev"))
            {
                return Outcome.UNSAFE;
            }
            return Outcome.FIFO;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Outcome.UNSAFE;
        }
    }

    private static long number(final Map<String, Object> attributes, final String name)
    {
        return ((Number) attributes.get(name)).longValue();
    }
}
