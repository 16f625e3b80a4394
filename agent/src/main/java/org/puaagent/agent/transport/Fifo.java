package org.puaagent.agent.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Named pipes: creating a request FIFO. Java has no mkfifo, so the coreutils {@code mkfifo} program is used
 * (once per listener, at start). Reply FIFOs are never made here: their clients make them
 * ({@link ReplyDirectory}, {@link ReplyWriter}). Stateless; any thread.
 */
public final class Fifo
{
    private Fifo()
    {
    }

    /** Creates (or re-creates) a FIFO at {@code path} with {@code mode}. */
    public static void create(final Path path, final int mode) throws IOException
    {
        Files.deleteIfExists(path);
        final Process p = new ProcessBuilder("mkfifo", "-m", Integer.toOctalString(mode), path.toString())
            .redirectErrorStream(true).start();
        try
        {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0)
            {
                throw new IOException("mkfifo " + path + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + path, ex);
        }
        Files.setPosixFilePermissions(path, permissions(mode));
    }

    /** The permission set of an octal mode such as 0660. */
    public static Set<PosixFilePermission> permissions(final int mode)
    {
        final Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        final PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++)
        {
            if ((mode & (1 << bit)) != 0)
            {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
