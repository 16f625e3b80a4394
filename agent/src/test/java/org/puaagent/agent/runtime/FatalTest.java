package org.puaagent.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error on a thread of the agent ends the process at once with one line on standard error and status 70, so
 * that a supervisor restarts it; an ordinary exception does not. Each case runs {@link FatalChild} in a JVM of
 * its own (java from java.home, the test class path, a small heap) and waits for it a few seconds at most: a
 * process that survived its Error would still be sleeping then.
 */
class FatalTest
{
    /** Generous for a shared machine: a halting JVM takes well under a second. */
    private static final long EXIT_SECONDS = 20;
    private static final String CHILD_HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorNobodyCatchesEndsTheProcess() throws Exception
    {
        final Child child = run("uncaught-oom");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.OutOfMemoryError on thread 'worker'");
    }

    @Test
    void aStackOverflowErrorNobodyCatchesEndsTheProcess() throws Exception
    {
        final Child child = run("uncaught-soe");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.StackOverflowError on thread 'worker'");
    }

    @Test
    void aLoopThreadThatCatchesThrowableHaltsOnAnOutOfMemoryError() throws Exception
    {
        final Child child = run("loop-oom");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.OutOfMemoryError on thread 'loop'");
    }

    @Test
    void aLoopThreadThatCatchesThrowableHaltsOnAStackOverflowError() throws Exception
    {
        final Child child = run("loop-soe");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.StackOverflowError on thread 'loop'");
    }

    @Test
    void ordinaryExceptionsAreSurvived() throws Exception
    {
        final Process process = start("loop-exceptions");
        try
        {
            final Path out = dir.resolve("loop-exceptions.out");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
            while (!Files.readString(out).contains("survived 100") && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(out).contains("survived 100"), "the loop went on after each exception");
            assertTrue(process.isAlive(), "and the process is still up");
            assertEquals("", Files.readString(dir.resolve("loop-exceptions.err")));
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOutOfMemoryErrorThrownByACompletionEndsTheProcessFromThePipelineOwner() throws Exception
    {
        final Child child = run("pipeline-completion-oom");
        assertEquals(Fatal.EXIT_STATUS, child.status, "without Fatal.install: the owner itself must halt");
        assertOneLine(child, "pua-agent: fatal java.lang.OutOfMemoryError on thread 'pua-pipeline': thrown by a "
            + "completion; exiting with status 70");
    }

    @Test
    void aStackOverflowInACompletionEndsTheProcessFromThePipelineOwner() throws Exception
    {
        final Child child = run("pipeline-completion-soe");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.StackOverflowError on thread 'pua-pipeline'");
    }

    @Test
    void aStackOverflowInTheBinRpcDatagramHandlerEndsTheProcess() throws Exception
    {
        final Child child = run("datagram-soe");
        assertEquals(Fatal.EXIT_STATUS, child.status);
        assertOneLine(child, "pua-agent: fatal java.lang.StackOverflowError on thread 'binrpc-udp'");
    }

    private static void assertOneLine(final Child child, final String start)
    {
        assertEquals(1, child.stderr.size(), "exactly one line on stderr: " + child.stderr);
        assertTrue(child.stderr.get(0).startsWith(start), child.stderr.get(0));
        assertTrue(child.stderr.get(0).endsWith("; exiting with status 70"), child.stderr.get(0));
    }

    private record Child(int status, List<String> stderr)
    {
    }

    private Child run(final String scenario) throws IOException, InterruptedException
    {
        final Process process = start(scenario);
        final boolean exited = process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
        if (!exited)
        {
            process.destroyForcibly();
            process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
        }
        assertTrue(exited, scenario + ": the process is still up (half alive) after " + EXIT_SECONDS + " s");
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve(scenario + ".err"), StandardCharsets.UTF_8))
        {
            if (!line.isEmpty())
            {
                lines.add(line);
            }
        }
        return new Child(process.exitValue(), lines);
    }

    private Process start(final String scenario) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, CHILD_HEAP, "-XX:-UsePerfData", "-cp",
            System.getProperty("java.class.path"), FatalChild.class.getName(), scenario);
        builder.redirectOutput(dir.resolve(scenario + ".out").toFile());
        builder.redirectError(dir.resolve(scenario + ".err").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        return builder.start();
    }
}
