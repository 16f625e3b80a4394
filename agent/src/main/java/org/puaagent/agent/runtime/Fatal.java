package org.puaagent.agent.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
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
 * <p>Threading: any thread; stateless apart from the JVM-wide handler {@link #install} sets.
 */
public final class Fatal
{
    /** Exit status after an Error (EX_SOFTWARE of sysexits.h: an internal software error). */
    public static final int EXIT_STATUS = 70;

    /** Written when the line itself cannot be built (no memory left even for a String). */
    private static final byte[] FALLBACK =
        "pua-agent: fatal error, exiting\n".getBytes(StandardCharsets.US_ASCII);
    /** Made at class load: after an OutOfMemoryError even this small object might not be. */
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

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
            final String line = "pua-agent: fatal " + failure.getClass().getName() + " on thread '" + thread.getName()
                + "'" + (null == failure.getMessage() ? "" : ": " + failure.getMessage()) + "; exiting with status "
                + EXIT_STATUS + "\n";
            write(line.getBytes(StandardCharsets.UTF_8));
        }
        catch (final Throwable unprintable)
        {
            write(FALLBACK);
        }
        finally
        {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    private static void write(final byte[] bytes)
    {
        try
        {
            // straight to fd 2: System.err may be redirected, locked by the failed thread, or need memory
            STDERR.write(bytes);
            STDERR.flush();
        }
        catch (final IOException | RuntimeException ignored)
        {
            // nowhere left to say it: the exit status still tells
        }
    }
}
