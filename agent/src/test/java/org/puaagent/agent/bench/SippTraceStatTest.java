package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sipp's -trace_stat file as sipp 3.6 writes it (header, an odd first line, then one line a period). */
class SippTraceStatTest
{
    private static final String HEADER = "StartTime;LastResetTime;CurrentTime;ElapsedTime(P);ElapsedTime(C);"
        + "TargetRate;CallRate(P);CallRate(C);IncomingCall(P);IncomingCall(C);OutgoingCall(P);OutgoingCall(C);"
        + "TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);";

    private static String line(final long incoming)
    {
        return "2026-11-27\t18:08:02.005246\t1795802882.005246;2026-11-27\t18:08:08.028438\t1795802888.028438;"
            + "2026-11-27\t18:08:09.033018\t1795802889.033018;00:00:01;00:00:07;10;0;2098.19;0;" + incoming
            + ";0;0;" + incoming + ";0;0;" + incoming + ";";
    }

    @Test
    void theLastLineGivesTheIncomingCalls(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("stat.csv");
        Files.writeString(file, HEADER + "\n2026-11-27\t18:08:02.005246\t1795802882.005246;2026-11-27\t18:08\n"
            + line(10) + "\n" + line(14744) + "\n", StandardCharsets.ISO_8859_1);
        final SippTraceStat.Reading r = SippTraceStat.read(file);
        assertNull(r.error());
        assertEquals(2, r.lines());
        assertEquals(14744, r.incoming());
    }

    @Test
    void aHeaderAloneIsZeroLines(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("stat.csv");
        Files.writeString(file, HEADER + "\n", StandardCharsets.ISO_8859_1);
        final SippTraceStat.Reading r = SippTraceStat.read(file);
        assertNull(r.error());
        assertEquals(0, r.lines());
    }

    @Test
    void aMissingFileOrAnotherCsvIsAnError(@TempDir final Path dir) throws IOException
    {
        assertNotNull(SippTraceStat.read(dir.resolve("absent.csv")).error());
        final Path other = dir.resolve("other.csv");
        Files.writeString(other, "a;b;c\n1;2;3\n", StandardCharsets.ISO_8859_1);
        assertTrue(SippTraceStat.read(other).error().contains("IncomingCall(C)"));
    }

    @Test
    void aSinkFileThatCannotBeReadIsReportedAsNotAvailable(@TempDir final Path dir)
    {
        final SinkCount count = SinkWatch.start(dir.resolve("absent.csv")).finish(5);
        assertEquals(false, count.available());
        assertTrue(count.source().contains("absent.csv"), count.source());
        assertEquals(0, count.missing());
    }
}
