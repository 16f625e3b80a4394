package org.puaagent.agent.posix;

import java.util.Locale;

/**
 * open(2) flags as Linux numbers them. Most are the kernel's generic values; {@code O_NOFOLLOW} is not: ARM and
 * AArch64 use {@code 0100000} where x86-64 uses {@code 0400000}. Only the architectures whose numbers are written
 * here are supported; on any other, {@link #current()} says so instead of guessing. Immutable; any thread.
 *
 * @param readWrite  {@code O_RDWR}
 * @param writeOnly  {@code O_WRONLY}
 * @param nonBlock   {@code O_NONBLOCK}
 * @param noFollow   {@code O_NOFOLLOW}
 * @param closeOnExec {@code O_CLOEXEC}
 * @param noCtty     {@code O_NOCTTY}
 */
public record LinuxOpenFlags(int readWrite, int writeOnly, int nonBlock, int noFollow, int closeOnExec, int noCtty)
{
    private static final int O_WRONLY = 01;
    private static final int O_RDWR = 02;
    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_NOFOLLOW_GENERIC = 0400000;
    private static final int O_NOFOLLOW_ARM = 0100000;

    private static final LinuxOpenFlags GENERIC = new LinuxOpenFlags(O_RDWR, O_WRONLY, O_NONBLOCK, O_NOFOLLOW_GENERIC,
        O_CLOEXEC, O_NOCTTY);
    private static final LinuxOpenFlags ARM = new LinuxOpenFlags(O_RDWR, O_WRONLY, O_NONBLOCK, O_NOFOLLOW_ARM,
        O_CLOEXEC, O_NOCTTY);

    /** The flags of this machine, or null when its operating system or architecture is not one listed here. */
    public static LinuxOpenFlags current()
    {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The flags for an {@code os.name} and {@code os.arch}, or null when unsupported. */
    static LinuxOpenFlags of(final String osName, final String osArch)
    {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux"))
        {
            return null;
        }
        switch (osArch.toLowerCase(Locale.ROOT))
        {
            case "amd64":
            case "x86_64":
                return GENERIC;
            case "aarch64":
            case "arm64":
                return ARM;
            default:
                return null;
        }
    }

    /** What {@link #current()} supports, for the message when it returns null. */
    public static String supported()
    {
        return "Linux on x86-64 or AArch64";
    }

    /** A reply FIFO: write-only, never blocking, never through a symbolic link, no O_CREAT (never made here). */
    public int replyFifo()
    {
        return writeOnly | nonBlock | noFollow | closeOnExec | noCtty;
    }

    /**
     * A request FIFO: read-write (the reader never sees end-of-file when a client closes, and the open does not
     * wait for a writer), never blocking.
     */
    public int requestFifo()
    {
        return readWrite | nonBlock | closeOnExec | noCtty;
    }
}
