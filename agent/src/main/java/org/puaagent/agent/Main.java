package org.puaagent.agent;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.puaagent.agent.bench.BenchCommand;
import org.puaagent.agent.bench.notify.NotifyBenchCommand;
import org.puaagent.agent.config.AgentConfig;
import org.puaagent.agent.config.CommandLine;
import org.puaagent.agent.runtime.Fatal;

/**
 * Command line entry point: parses the options, starts the {@link Agent}, and stops it on SIGTERM/SIGINT.
 * Exit status 0 after a clean stop or {@code --help}, 2 for a bad option, 1 when a listener cannot start.
 * With {@code bench} as the first argument it runs the load generator instead ({@link BenchCommand}).
 */
public final class Main
{
    /** The first argument that selects the load generator. */
    private static final String BENCH = "bench";

    private Main()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length > 0 && BENCH.equals(args[0]))
        {
            BenchCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && NotifyBenchCommand.NAME.equals(args[0]))
        {
            NotifyBenchCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final CommandLine.Parsed parsed = CommandLine.parse(args);
        if (parsed.help())
        {
            System.out.println(CommandLine.USAGE);
            return;
        }
        if (null != parsed.error())
        {
            System.err.println("pua-agent: " + parsed.error());
            System.err.println("try --help");
            System.exit(2);
        }
        final AgentConfig config = parsed.config();
        Fatal.install();
        final Agent agent = new Agent(config);
        try
        {
            agent.start();
        }
        catch (final Exception ex)
        {
            System.err.println("pua-agent: cannot start: " + ex.getMessage());
            agent.close();
            System.exit(1);
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        for (final String line : agent.describe())
        {
            System.out.println(line);
        }
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
