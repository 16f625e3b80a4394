package org.puaagent.agent.bench.notify;

import java.io.PrintStream;

/**
 * {@code java -jar pua-agent.jar bench-notify [options]}: parses the options ({@link NotifyBenchOptions}),
 * runs the measurement ({@link NotifyBenchRun}), prints progress and the summary to {@code err} and one line
 * of JSON to {@code out}. Exit status: 0 when every (change, watcher) pair was delivered, 1 otherwise, 2 for
 * a bad option. Threading: one call at a time per pair of streams.
 */
public final class NotifyBenchCommand
{
    /** The first argument of the agent jar that selects this command. */
    public static final String NAME = "bench-notify";
    /** Every pair delivered, nothing lost. */
    public static final int EXIT_ALL_DELIVERED = 0;
    /** The run stopped early, or some pair was not delivered. */
    public static final int EXIT_INCOMPLETE = 1;
    /** A bad option. */
    public static final int EXIT_USAGE = 2;

    private NotifyBenchCommand()
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
        final NotifyBenchOptions.Parsed parsed = NotifyBenchOptions.parse(args);
        if (parsed.help())
        {
            out.println(NotifyBenchOptions.USAGE);
            return EXIT_ALL_DELIVERED;
        }
        if (null != parsed.error())
        {
            err.println("pua-agent bench-notify: " + parsed.error());
            err.println("try bench-notify --help");
            return EXIT_USAGE;
        }
        err.println("bench-notify: " + parsed.options().describe());
        final NotifyBenchResult result = new NotifyBenchRun(parsed.options(), err).run();
        err.print(result.text());
        out.println(result.json());
        out.flush();
        return result.ok() ? EXIT_ALL_DELIVERED : EXIT_INCOMPLETE;
    }
}
