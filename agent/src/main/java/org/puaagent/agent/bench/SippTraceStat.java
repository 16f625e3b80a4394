package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the statistics file sipp writes with {@code -trace_stat} (every {@code -fd} seconds one line of
 * {@code ;}-separated counters under a header line): how many lines there are and the cumulative count of
 * incoming calls ({@code IncomingCall(C)}) in the last one. For the PUBLISH sink scenario every PUBLISH is one
 * incoming call (retransmissions are absorbed by sipp). Stateless; any thread.
 */
final class SippTraceStat
{
    /** The cumulative number of calls sipp received as UAS. */
    static final String INCOMING = "IncomingCall(C)";

    private SippTraceStat()
    {
    }

    /**
     * The file read at one moment: a count, or what is wrong.
     *
     * @param lines    data lines in the file (they grow by one every period)
     * @param incoming {@code IncomingCall(C)} of the last data line (0 without data lines)
     * @param error    null, or why the file could not be used
     */
    record Reading(int lines, long incoming, String error)
    {
    }

    static Reading read(final Path file)
    {
        final List<String> all;
        try
        {
            all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            return new Reading(0, 0, "cannot read " + file + ": " + ex.getMessage());
        }
        if (all.isEmpty())
        {
            return new Reading(0, 0, null);
        }
        final String[] header = all.get(0).split(";", -1);
        int column = -1;
        for (int i = 0; i < header.length; i++)
        {
            if (header[i].trim().equals(INCOMING))
            {
                column = i;
            }
        }
        if (column < 0)
        {
            return new Reading(0, 0, file + " has no " + INCOMING + " column: not a sipp -trace_stat file?");
        }
        int lines = 0;
        long incoming = 0;
        for (int i = 1; i < all.size(); i++)
        {
            final String[] fields = all.get(i).split(";", -1);
            if (fields.length <= column)
            {
                continue; // a line being written, or sipp's odd first line
            }
            try
            {
                incoming = Long.parseLong(fields[column].trim());
                lines++;
            }
            catch (final NumberFormatException ex)
            {
                // not a data line
            }
        }
        return new Reading(lines, incoming, null);
    }
}
