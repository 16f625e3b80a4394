package org.puaagent.agent.posix;

/**
 * The errno values the FIFOs act on. They are the same on every Linux architecture this agent runs on
 * ({@link LinuxOpenFlags#supported}): x86-64 and AArch64 both use the kernel's generic numbering. Constants only.
 */
public final class Errno
{
    /** No such file. */
    public static final int ENOENT = 2;
    /** Interrupted by a signal: try again. */
    public static final int EINTR = 4;
    /** A FIFO opened write-only and non-blocking has no reader. */
    public static final int ENXIO = 6;
    /** Not now: the pipe is full, or nothing to read. */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** A directory where a file was expected. */
    public static final int EISDIR = 21;
    /** Writing to a pipe whose readers have all gone (the JVM ignores SIGPIPE, so this comes back). */
    public static final int EPIPE = 32;
    /** {@code O_NOFOLLOW} met a symbolic link. */
    public static final int ELOOP = 40;

    private Errno()
    {
    }
}
