package org.puaagent.agent.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * open(2), read(2), write(2), close(2) and poll(2) of the C library, each returning its result or
 * {@code -errno} (read with {@link Native#getLastError()} on the calling thread right after a failure), never
 * throwing. Paths are NUL-terminated bytes, data moves through native {@link Memory} the caller owns.
 *
 * <p>{@link #unavailable()} tells whether the calls can be made here (JNA's native part loads, the machine is one
 * whose flags are known); call it before anything else. Stateless; any thread.
 */
public final class Posix
{
    /** poll(2) {@code POLLIN}. */
    public static final short POLLIN = 0x1;
    /** Size of one {@code struct pollfd} ({@code int fd; short events; short revents;}) on every Linux ABI. */
    public static final int POLLFD_BYTES = 8;
    /** Offset of {@code revents} in a {@code struct pollfd}. */
    public static final int POLLFD_REVENTS = 6;
    /** Offset of {@code events} in a {@code struct pollfd}. */
    public static final int POLLFD_EVENTS = 4;

    private Posix()
    {
    }

    /** Null when the calls work here, else why not (to refuse starting the FIFO transports with). */
    public static String unavailable()
    {
        if (null == LinuxOpenFlags.current())
        {
            return "the FIFO transports need " + LinuxOpenFlags.supported() + ", not " + System.getProperty("os.name")
                + " on " + System.getProperty("os.arch");
        }
        try
        {
            return Libc.LOADED ? null : "JNA could not bind the C library";
        }
        catch (final LinkageError ex)
        {
            return "JNA's native library could not be loaded (" + ex + "); a writable, executable jna.tmpdir"
                + " (or java.io.tmpdir) is needed";
        }
    }

    /** open(2) of a NUL-terminated path without O_CREAT: the descriptor, or {@code -errno}. */
    public static int open(final byte[] pathWithNul, final int flags)
    {
        final int fd = Libc.open(pathWithNul, flags);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** write(2) of {@code count} bytes from {@code buffer}: the bytes written, or {@code -errno}. */
    public static long write(final int fd, final Pointer buffer, final long count)
    {
        final long n = Libc.write(fd, buffer, new NativeLong(count)).longValue();
        return n >= 0 ? n : -Native.getLastError();
    }

    /** read(2) of up to {@code count} bytes into {@code buffer}: the bytes read (0 at end of file), or {@code -errno}. */
    public static long read(final int fd, final Pointer buffer, final long count)
    {
        final long n = Libc.read(fd, buffer, new NativeLong(count)).longValue();
        return n >= 0 ? n : -Native.getLastError();
    }

    /** close(2): 0 or {@code -errno} (the descriptor is released either way on Linux). */
    public static int close(final int fd)
    {
        return Libc.close(fd) == 0 ? 0 : -Native.getLastError();
    }

    /**
     * poll(2) of {@code count} {@code struct pollfd} at {@code fds}: how many have events, 0 on timeout, or
     * {@code -errno}.
     */
    public static int poll(final Pointer fds, final int count, final int timeoutMillis)
    {
        final int n = Libc.poll(fds, new NativeLong(count), timeoutMillis);
        return n >= 0 ? n : -Native.getLastError();
    }

    /** The C library, bound once by JNA's direct mapping (the class loads on first use). */
    private static final class Libc
    {
        static final boolean LOADED;

        static
        {
            Native.register(Platform.C_LIBRARY_NAME);
            LOADED = true;
        }

        private Libc()
        {
        }

        // open(2) is variadic; without O_CREAT the mode argument is never read, so the two-argument form is exact
        static native int open(byte[] path, int flags);

        static native NativeLong read(int fd, Pointer buffer, NativeLong count);

        static native NativeLong write(int fd, Pointer buffer, NativeLong count);

        static native int close(int fd);

        static native int poll(Pointer fds, NativeLong count, int timeoutMillis);
    }
}
