package org.puaagent.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;

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
        boolean written = true;
        if (null != parsed.options().html())
        {
            try
            {
                Files.writeString(parsed.options().html(), HtmlReport.render(summary, parsed.options(), Instant.now()),
                    StandardCharsets.UTF_8);
                err.println("bench: HTML report written to " + parsed.options().html());
            }
            catch (final IOException ex)
            {
                err.println("pua-agent bench: cannot write the HTML report " + parsed.options().html() + ": " + ex);
                written = false;
            }
        }
        return summary.allOk() && written ? EXIT_ALL_OK : EXIT_FAILURES;
    }
}
