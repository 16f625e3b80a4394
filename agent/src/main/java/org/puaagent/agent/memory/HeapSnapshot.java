package org.puaagent.agent.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap of this JVM at one moment: used bytes after full collections, and the class histogram of live
 * objects (the JVM's {@code GC.class_histogram} diagnostic command, called in-process). Immutable.
 *
 * @param usedBytes the lowest heap use seen right after each of a few {@code System.gc()} calls
 * @param histogram live objects by class ({@code null} when the diagnostic command is not available)
 */
public record HeapSnapshot(long usedBytes, ClassHistogram histogram)
{
    private static final int GC_ROUNDS = 3;
    private static final long PAUSE_MILLIS = 200;

    /**
     * Collects, measures and takes the histogram. Calling thread only (it sleeps about a second).
     *
     * @throws InterruptedException when interrupted while waiting between collections
     */
    public static HeapSnapshot take() throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++)
        {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(PAUSE_MILLIS);
        }
        return new HeapSnapshot(used, liveHistogram());
    }

    private static ClassHistogram liveHistogram()
    {
        try
        {
            final Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return ClassHistogram.parse(String.valueOf(text));
        }
        catch (final JMException | RuntimeException ex)
        {
            return null;
        }
    }
}
