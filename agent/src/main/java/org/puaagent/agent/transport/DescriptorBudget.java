package org.puaagent.agent.transport;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Makes the connection caps of all listeners fit the process's file-descriptor limit, so that no listener can be
 * locked out by another: a flood that fills the TCP listener's cap must leave descriptors for the unix control
 * socket (and the FIFOs, the SIP socket, the state files). When the caps together, plus a reserve, exceed the
 * limit ({@code ulimit -n}), each is lowered in the same proportion (never below a floor), and the caller says so
 * at start.
 *
 * <p>Threading: stateless; used once at start.
 */
public final class DescriptorBudget
{
    /** Descriptors kept for everything but connections: sockets, FIFOs, jars, files, webhook connections. */
    public static final int RESERVE = 256;
    private static final int FLOOR = 8;

    private DescriptorBudget()
    {
    }

    /** The process's open-file limit (the soft limit, after the JVM raised it), or -1 when it is not known. */
    public static long openFileLimit()
    {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix)
        {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * @param caps  the connection cap of each listener
     * @param limit the open-file limit (-1: unknown, nothing changes)
     * @return the caps to use: the same when they fit, else each lowered in proportion
     */
    public static int[] fit(final int[] caps, final long limit)
    {
        long sum = 0;
        for (final int cap : caps)
        {
            sum += cap;
        }
        final long available = limit - RESERVE;
        if (limit < 0 || sum <= available)
        {
            return caps.clone();
        }
        final int[] fitted = new int[caps.length];
        for (int i = 0; i < caps.length; i++)
        {
            fitted[i] = (int) Math.max(Math.min(FLOOR, caps[i]), Math.max(0, available) * caps[i] / sum);
        }
        return fitted;
    }
}
