package org.puaagent.agent.bench;

import java.io.PrintStream;

/**
 * {@code java -jar pua-agent.jar bench [options]}: parses the options ({@link BenchOptions}), runs the load
 * ({@link BenchRun}), prints progress and the summary to {@code err} and the one-line JSON summary to
 * {@code out}. Exit status: 0 when every measured request got a successful reply, 1 otherwise, 2 for a bad
 * option. Threading: one call at a time per pair of streams.
 */
public final class BenchCommand
{
    /** Every measured request got a successful reply. */
    public static final int EXIT_ALL_OK = 0;
    /** Some request failed (fault, transport error, missing SIP-ETag) or none was sent. */
    public static final int EXIT_FAILURES = 1;
    /** A bad option. */
    public static final int EXIT_USAGE = 2;

    private BenchCommand()
    {
    }

    /** Runs the subcommand and exits the JVM with its status. */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the subcommand; returns its exit status. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(args);
        if (parsed.help())
        {
            out.println(BenchOptions.USAGE);
            return EXIT_ALL_OK;
        }
        if (null != parsed.error())
        {
            err.println("pua-agent bench: " + parsed.error());
            err.println("try bench --help");
            return EXIT_USAGE;
        }
        err.println("bench: " + parsed.options().describe());
        final BenchSummary summary = new BenchRun(parsed.options(), err).run();
        err.print(summary.text());
        out.println(summary.json());
        out.flush();
        return summary.allOk() ? EXIT_ALL_OK : EXIT_FAILURES;
    }
}
