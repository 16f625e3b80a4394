package org.puaagent.agent.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.jna.Memory;

import org.puaagent.agent.posix.Errno;
import org.puaagent.agent.posix.LinuxOpenFlags;
import org.puaagent.agent.posix.Posix;

/**
 * The client's end of a FIFO in tests: opened for reading without blocking (so a test can hold a reader that
 * never reads), read without blocking. Not thread-safe: one test thread.
 */
final class FifoEnd implements AutoCloseable
{
    private static final int O_RDONLY = 0;
    private static final int CHUNK = 64 * 1024;

    private final int fd;
    private final Memory buffer = new Memory(CHUNK);

    private FifoEnd(final int fd)
    {
        this.fd = fd;
    }

    /** Opens the FIFO at {@code path} for reading, non-blocking. */
    static FifoEnd reader(final Path path)
    {
        final int fd = Posix.open((path + "\0").getBytes(StandardCharsets.UTF_8),
            O_RDONLY | LinuxOpenFlags.current().nonBlock());
        if (fd < 0)
        {
            throw new IllegalStateException("open " + path + ": errno " + -fd);
        }
        return new FifoEnd(fd);
    }

    /** Everything readable now (empty when nothing is). */
    byte[] drain()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true)
        {
            final long n = Posix.read(fd, buffer, CHUNK);
            if (n <= 0)
            {
                if (n < 0 && n != -Errno.EAGAIN)
                {
                    throw new IllegalStateException("read: errno " + -n);
                }
                return out.toByteArray();
            }
            out.write(buffer.getByteArray(0, (int) n), 0, (int) n);
        }
    }

    String drainText()
    {
        return new String(drain(), StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        Posix.close(fd);
        buffer.close();
    }
}
