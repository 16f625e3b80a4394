package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The options of the SIP-direct target and its body template. */
class SipBenchOptionsTest
{
    private static final String TARGET = "sip:127.0.0.1:5060";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target|sip:localhost:5060|the host must be a numeric IP address, not 'localhost'",
        "--target|sip:127.0.0.1|expected HOST:PORT",
        "--target|sip:127.0.0.1:0|port out of range: 0",
        "--target|sips:127.0.0.1:5061|or sip:HOST:PORT (a presence server over SIP)",
        "--watchers|5|--watchers is for a sip: target",
        "--body-template|x.xml|--body-template: cannot read x.xml (no such file)",
    })
    void badOptionsWithoutASipTargetSayWhatIsWrong(final String option, final String value, final String expected)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {option, value});
        assertNull(parsed.options());
        assertNotNull(parsed.error(), "no error for " + option + " " + value);
        assertTrue(parsed.error().contains(expected), "error was: " + parsed.error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--method|pua.send_publish|--method is for the RPC targets",
        "--expires|1|--expires with a sip: target takes 2 or more seconds",
        "--presentities|2000000|--presentities with a sip: target is at most 1000000",
        "--subscribe-expires|10|--subscribe-expires must be between 11 and",
        "--watchers|-1|--watchers must be between 0 and 100000",
        "--cleanup|maybe|--cleanup takes all, unsubscribe or none, not 'maybe'",
        "--presentity-template|sip:user@127.0.0.1|--presentity-template takes a sip: URI with one %d",
        "--presentity-template|sip:%d%d@127.0.0.1|--presentity-template takes a sip: URI with one %d",
        "--sip-listen|localhost:5070|host must be a numeric IP address",
        "--sip-listen|tcp:127.0.0.1:5070|only udp is supported",
    })
    void badSipOptionsSayWhatIsWrong(final String option, final String value, final String expected)
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", TARGET, option, value});
        assertNull(parsed.options());
        assertNotNull(parsed.error(), "no error for " + option + " " + value);
        assertTrue(parsed.error().contains(expected), "error was: " + parsed.error());
    }

    @Test
    void aMissingBodyTemplateIsAUsageError()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchCommand.run(new String[] {"--target", TARGET, "--body-template", "no/such/body.xml"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(BenchCommand.EXIT_USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--body-template: cannot read no/such/body.xml"
            + " (no such file)"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyTemplateWithAnUnknownPlaceholderIsRefused() throws IOException
    {
        final Path file = Files.createTempFile("body", ".xml");
        try
        {
            Files.writeString(file, "<presence entity=\"${presentity}\">${status}</presence>");
            final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", TARGET,
                "--body-template", file.toString()});
            assertNull(parsed.options());
            assertTrue(parsed.error().contains("unknown placeholder ${status}"), parsed.error());
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theDefaultsOfASipTarget()
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", TARGET});
        assertNull(parsed.error());
        final SipWorkload sip = parsed.options().sip();
        assertNotNull(sip);
        assertEquals(new BenchTarget.Sip(new java.net.InetSocketAddress("127.0.0.1", 5060)), parsed.options().target());
        assertEquals("sip:user7@127.0.0.1:5060", sip.presentity(7));
        assertEquals("sip:watcher3@127.0.0.1", SipWorkload.watcher(3));
        assertEquals(0, sip.watchers());
        assertEquals(3600, sip.subscribeExpires());
        assertEquals(SipWorkload.Cleanup.ALL, sip.cleanup());
        assertEquals("udp:127.0.0.1:0", sip.sipListen());
        assertNull(sip.body());
        assertTrue(parsed.options().describe().startsWith("SIP PUBLISH x16 -> sip:127.0.0.1:5060"),
            parsed.options().describe());
        assertNull(BenchOptions.parse(new String[] {"--target", "binrpc-tcp:127.0.0.1:2049"}).options().sip());
    }

    @Test
    void theSipOptionsAreTaken()
    {
        final BenchOptions.Parsed parsed = BenchOptions.parse(new String[] {"--target", TARGET, "--watchers", "50",
            "--subscribe-expires", "60", "--presentity-template", "sip:p%d@127.0.0.1", "--sip-listen",
            "127.0.0.1:5099", "--cleanup", "unsubscribe"});
        assertNull(parsed.error());
        final SipWorkload sip = parsed.options().sip();
        assertEquals(50, sip.watchers());
        assertEquals(60, sip.subscribeExpires());
        assertEquals("sip:p12@127.0.0.1", sip.presentity(12));
        assertEquals("udp:127.0.0.1:5099", sip.sipListen());
        assertEquals(SipWorkload.Cleanup.UNSUBSCRIBE, sip.cleanup());
    }

    @Test
    void theDefaultBodyIsAPidfOfAboutTheAskedSizeWhoseBasicStatusAlternates()
    {
        final BodyTemplate t = BodyTemplate.pidf(500);
        final String first = t.render("sip:user1000@127.0.0.1", 1000, 0);
        final String second = t.render("sip:user1000@127.0.0.1", 1000, 1);
        assertTrue(Math.abs(first.length() - 500) <= 8, first.length() + ": " + first);
        assertTrue(first.contains("entity=\"sip:user1000@127.0.0.1\""), first);
        assertTrue(first.contains("<basic>open</basic>") && first.contains("sequence 0 "), first);
        assertTrue(second.contains("<basic>closed</basic>") && second.contains("sequence 1 "), second);
        assertTrue(BodyTemplate.pidf(0).render("sip:a@127.0.0.1", 0, 0).endsWith("</presence>\n"));
    }

    @Test
    void aTemplateFillsEveryPlaceholder()
    {
        final BodyTemplate.Parsed parsed = BodyTemplate.parse("${presentity}|${index}|${sequence}|${basic}|$x");
        assertNull(parsed.error());
        assertEquals("sip:u4@127.0.0.1|4|9|closed|$x", parsed.template().render("sip:u4@127.0.0.1", 4, 9));
        assertTrue(BodyTemplate.parse("a ${presentity").error().contains("unclosed placeholder"));
        assertTrue(BodyTemplate.parse("").error().contains("empty"));
    }
}
