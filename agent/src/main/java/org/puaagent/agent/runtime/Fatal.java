package org.puaagent.agent.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The end of the process when a thread meets an {@link Error} (OutOfMemoryError, StackOverflowError, a
 * linkage error, ...): a half-alive agent that still holds its sockets but has lost a thread answers nothing
 * and is worse than a restart, so the process prints one line on standard error and halts at once with
 * {@link #EXIT_STATUS}, and the supervisor (systemd, a container runtime) starts it again. No shutdown hooks
 * run: after an Error nothing can be trusted to finish.
 *
 * <p>Loop threads catch {@link Throwable} around each unit of work and pass it to {@link #check}: an ordinary
 * exception is theirs to count and survive; an Error ends the process. {@link #install} makes the same rule
 * the JVM's default for every thread that does not catch (Undertow's, the JDK's HTTP client's).
 *
 * <p>The line must get out when the heap is full and stays full (the agent's stores still hold it), so printing
 * allocates nothing: the line is copied character by character into a buffer made at class initialisation
 * (printable ASCII; anything else, line breaks included, becomes {@code ?}, so it stays one line) and written to
 * file descriptor 2 through a stream opened then too. The names of the usual Errors are looked up then as well
 * (the JVM builds a class's name on first use), and the JDK's shutdown classes that {@link Runtime#halt} needs are
 * loaded then. When several threads fail at once only the first prints; the others wait for it to halt the
 * process (and halt it themselves if it does not); the first thread itself, back here because halting overflowed
 * its stack, halts at once without a second line.
 *
 * <p>Threading: any thread; its state is set once at class initialisation (first use, {@link #install} in
 * {@code Main}) apart from the line buffer, which only the first failing thread writes.
 */
public final class Fatal
{
    /** Exit status after an Error (EX_SOFTWARE of sysexits.h: an internal software error). */
    public static final int EXIT_STATUS = 70;

    /** The longest line printed, in bytes; longer names and messages are cut. */
    static final int MAX_LINE_BYTES = 1024;
    /** How long a second failing thread waits for the first to halt the process. */
    private static final long SECOND_FAILURE_WAIT_MILLIS = 2000;
    private static final char DEL = 0x7f;
    private static final String HEAD = "pua-agent: fatal ";
    private static final String ON_THREAD = " on thread '";
    private static final String AFTER_THREAD = "'";
    private static final String BEFORE_MESSAGE = ": ";
    private static final String TAIL = "; exiting with status " + EXIT_STATUS;

    /** Straight to fd 2: System.err may be redirected, locked by the failed thread, or need memory. */
    private static final FileOutputStream ERR = new FileOutputStream(FileDescriptor.err);
    private static final Runtime RUNTIME = Runtime.getRuntime();
    private static final byte[] LINE = new byte[MAX_LINE_BYTES];
    /** Guards {@link #halting}: a monitor, not an atomic (a VarHandle links, and allocates, on its first use). */
    private static final Object LOCK = new Object();
    private static boolean halting;
    /** The thread that prints; it may come back here when halting itself failed (a stack overflow). */
    private static volatile Thread printer;

    static
    {
        // the names of the Errors to expect, built now (Class.getName allocates the first time)
        for (final Class<?> expected : new Class<?>[] {OutOfMemoryError.class, StackOverflowError.class,
            InternalError.class, LinkageError.class, NoClassDefFoundError.class, ExceptionInInitializerError.class,
            AssertionError.class, Error.class})
        {
            expected.getName();
        }
        format(Thread.currentThread(), new Error("primer"));
        write(LINE, 0);
        // the JDK's shutdown classes, which Runtime.halt uses: their first use allocates, and an Error out of
        // halt would leave the process running
        final Thread none = new Thread(() ->
        {
        }, "fatal-primer");
        try
        {
            RUNTIME.addShutdownHook(none);
            RUNTIME.removeShutdownHook(none);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // first used while the JVM shuts down: its shutdown classes are loaded already
        }
    }

    private Fatal()
    {
    }

    /** Makes every uncaught Throwable end the process (an exception on a thread nobody watches is a bug too). */
    public static void install()
    {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> halt(thread, failure));
    }

    /**
     * Returns when {@code failure} is not an {@link Error} (the caller counts it and goes on); otherwise ends
     * the process and never returns.
     */
    public static void check(final Throwable failure)
    {
        if (failure instanceof Error)
        {
            halt(Thread.currentThread(), failure);
        }
    }

    /** Prints one line naming the thread and the failure, then halts with {@link #EXIT_STATUS}. Never returns. */
    public static void halt(final Thread thread, final Throwable failure)
    {
        try
        {
            final boolean first;
            synchronized (LOCK)
            {
                first = !halting;
                halting = true;
            }
            if (first)
            {
                printer = Thread.currentThread();
                write(LINE, format(thread, failure));
            }
            else if (printer != Thread.currentThread())
            {
                waitForTheFirst();
            }
        }
        finally
        {
            RUNTIME.halt(EXIT_STATUS);
        }
    }

    /** The line as {@link #halt} prints it, for tests (this one allocates). */
    static String line(final Thread thread, final Throwable failure)
    {
        synchronized (LOCK)
        {
            return new String(LINE, 0, format(thread, failure), StandardCharsets.US_ASCII);
        }
    }

    /**
     * Copies the line into {@link #LINE} without allocating: the names and the message as far as they fit, then
     * always the tail. @return its length
     */
    private static int format(final Thread thread, final Throwable failure)
    {
        final int end = MAX_LINE_BYTES - TAIL.length() - 1;
        int at = put(HEAD, 0, end);
        at = put(failure.getClass().getName(), at, end);
        at = put(ON_THREAD, at, end);
        at = put(thread.getName(), at, end);
        at = put(AFTER_THREAD, at, end);
        final String message = failure.getMessage();
        if (null != message)
        {
            at = put(BEFORE_MESSAGE, at, end);
            at = put(message, at, end);
        }
        at = put(TAIL, at, MAX_LINE_BYTES - 1);
        LINE[at] = '\n';
        return at + 1;
    }

    private static int put(final String text, final int from, final int end)
    {
        int at = from;
        for (int i = 0; i < text.length() && at < end; i++)
        {
            final char c = text.charAt(i);
            LINE[at++] = (byte)(c >= ' ' && c < DEL ? c : '?');
        }
        return at;
    }

    private static void write(final byte[] bytes, final int length)
    {
        try
        {
            ERR.write(bytes, 0, length);
            ERR.flush();
        }
        catch (final Throwable ignored)
        {
            // nowhere left to say it: the exit status still tells
        }
    }

    private static void waitForTheFirst()
    {
        try
        {
            Thread.sleep(SECOND_FAILURE_WAIT_MILLIS);
        }
        catch (final Throwable interrupted)
        {
            // halt below all the same
        }
    }
}
