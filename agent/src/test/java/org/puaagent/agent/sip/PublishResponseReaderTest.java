package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PUBLISH response fast path against JAIN-SIP (the reference): on every captured response and on generated
 * variants, what the fast path reads equals what JAIN-SIP reads; the plain forms are read by the fast path;
 * anything else is left to JAIN-SIP ({@code null}).
 */
class PublishResponseReaderTest
{
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5090);
    private static final long SEED = 0x5EEDL;
    private static final int RANDOM_MUTATIONS = 3000;
    /** A 200 OK as the load's sink (sipp) sends it. */
    private static final String SIPP_OK = "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-pua-1a2b3c;rport\r\n"
        + "From: <sip:user7@127.0.0.1>;tag=f00d\r\n"
        + "To: <sip:user7@127.0.0.1>;tag=4242SIPpTag0117\r\n"
        + "Call-ID: c0ffee-17@127.0.0.1\r\n"
        + "CSeq: 1 PUBLISH\r\n"
        + "SIP-ETag: sipp4242.17\r\n"
        + "Expires: 3600\r\n"
        + "Content-Length: 0\r\n"
        + "\r\n";

    private final SipMessageReader reader = new SipMessageReader();

    @Test
    void everyCapturedResponseReadsAsJainSipReadsIt() throws IOException
    {
        int publishResponses = 0;
        for (final Path file : Vectors.messages("SIP_2_0_"))
        {
            final byte[] bytes = Files.readAllBytes(file);
            final ReceivedResponse fast = PublishResponseReader.read(bytes, FROM);
            final SipEvent reference = reader.readWithJainSip(bytes, FROM);
            if (reference instanceof ReceivedResponse && "PUBLISH".equals(((ReceivedResponse)reference).cseqMethod()))
            {
                publishResponses++;
                assertNotNull(fast, "the fast path reads " + file);
            }
            if (null != fast)
            {
                assertEquals(reference, fast, file.toString());
            }
        }
        assertTrue(publishResponses >= 10, "captured PUBLISH responses found: " + publishResponses);
    }

    @Test
    void theSinksOkReadsAsJainSipReadsIt()
    {
        final ReceivedResponse fast = PublishResponseReader.read(ascii(SIPP_OK), FROM);
        assertNotNull(fast);
        assertEquals(reader.readWithJainSip(ascii(SIPP_OK), FROM), fast);
        assertEquals("z9hG4bK-pua-1a2b3c", fast.branch());
        assertEquals("4242SIPpTag0117", fast.toTag());
        assertEquals("sipp4242.17", fast.sipEtag());
        assertEquals(3600, fast.expires());
        assertEquals(-1, fast.minExpires());
    }

    @Test
    void plainVariantsAreReadByTheFastPathAlike() throws IOException
    {
        final Random random = new Random(SEED);
        for (final String base : bases())
        {
            final List<String> variants = new ArrayList<>();
            variants.add(mapNames(base, n -> n.toLowerCase(Locale.ROOT)));
            variants.add(mapNames(base, n -> n.toUpperCase(Locale.ROOT)));
            variants.add(mapNames(base, PublishResponseReaderTest::compact));
            variants.add(base.replace(": ", " : "));
            variants.add(base.replace(": ", ":"));
            variants.add(base.replace(": ", ":\t "));
            variants.add(join(base, headerLines(base).stream().map(l -> l + " \t").toList()));
            variants.add(base.replace("Content-Length:", "User-Agent: pua-agent/1.0 (test; x86_64/linux)\r\nContent-Length:"));
            variants.add(base.replace("CSeq: ", "CSeq: 000"));
            variants.add(base.replaceFirst("(?m)^(Via: [^\r]*)\r\n", "$1\r\nVia: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKsecond\r\n"));
            for (int k = 0; k < 5; k++)
            {
                variants.add(shuffled(base, random));
            }
            for (final String variant : variants)
            {
                final ReceivedResponse fast = PublishResponseReader.read(ascii(variant), FROM);
                assertNotNull(fast, "the fast path reads\n" + variant);
                assertEquals(reader.readWithJainSip(ascii(variant), FROM), fast, variant);
            }
        }
    }

    @Test
    void unusualValuesAreReadAlikeOrLeftToJainSip() throws IOException
    {
        final String[] values = {"", "abc", "99999999999", "2147483648", "3600 x", "\"x\"", "1, 2", "-1", " 7",
            "0", "SIP/2.0/UDP [::1]:5060;branch=z9hG4bKv6", "SIP/2.0/UDP 127.0.0.1;BRANCH=z9hG4bKup",
            "SIP/2.0/UDP 127.0.0.1;branch=a;branch=b", "SIP/2.0/UDP 127.0.0.1", "SIP / 2.0 / UDP 127.0.0.1;branch=x",
            "SIP/2.0/UDP 127.0.0.1;branch=\"q\"", "SIP/2.0/UDP 127.0.0.1:99999;branch=x", "1 publish", "1 SUBSCRIBE",
            "\"Bob\" <sip:b@127.0.0.1>;tag=t", "sip:b@127.0.0.1;tag=t", "<sip:b@127.0.0.1>;TAG=t", "<sip:b@127.0.0.1>;tag",
            "<sip:b@127.0.0.1>;tag=a;tag=b", "a@b c", "x(y)", "caf\u00e9", "2 PUBLISH", "5"};
        int checked = 0;
        for (final String base : bases())
        {
            final List<String> lines = headerLines(base);
            for (int h = 0; h < lines.size(); h++)
            {
                final String name = lines.get(h).substring(0, lines.get(h).indexOf(':'));
                for (final String value : values)
                {
                    final List<String> changed = new ArrayList<>(lines);
                    changed.set(h, name + ": " + value);
                    check(join(base, changed));
                    checked++;
                }
                final List<String> twice = new ArrayList<>(lines);
                twice.add(h, lines.get(h));
                check(join(base, twice));
                final List<String> without = new ArrayList<>(lines);
                without.remove(h);
                check(join(base, without));
                final List<String> folded = new ArrayList<>(lines);
                folded.set(h, lines.get(h).replaceFirst(": ", ":\r\n "));
                check(join(base, folded));
                checked += 3;
            }
            check(base.replace("\r\n", "\n"));
            check(base.replace("SIP/2.0 ", "SIP/2.0  "));
            check(base.replaceFirst(" \\d\\d\\d ", " 2000 "));
            check(base.replaceFirst(" \\d\\d\\d ", " 099 "));
            check(base.replaceFirst("\r\n", "\t\r\n"));
            check(base.replaceFirst("(?m)^SIP/2.0 (\\d+) .*\r\n", "SIP/2.0 $1 \r\n"));
            check("\r\n" + base);
            check(base + "x");
            checked += 8;
        }
        assertTrue(checked > 500, "variants checked: " + checked);
    }

    @Test
    void truncatedAndMutatedBytesAreReadAlikeOrLeftToJainSip() throws IOException
    {
        final Random random = new Random(SEED);
        final List<String> bases = bases();
        for (final String base : bases)
        {
            final byte[] bytes = ascii(base);
            for (int cut = 0; cut < bytes.length; cut++)
            {
                final byte[] part = new byte[cut];
                System.arraycopy(bytes, 0, part, 0, cut);
                check(part, "cut at " + cut);
            }
        }
        final byte[] alphabet = ascii(" \t\r\n:;,=<>\"@/.-0123456789aAzZ\u007f");
        for (int k = 0; k < RANDOM_MUTATIONS; k++)
        {
            final byte[] bytes = ascii(bases.get(random.nextInt(bases.size())));
            final int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++)
            {
                bytes[random.nextInt(bytes.length)] = random.nextInt(4) == 0 ? (byte)random.nextInt(256)
                    : alphabet[random.nextInt(alphabet.length)];
            }
            check(bytes, "mutation " + k + " (seed " + SEED + "):\n" + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void requestsAndOtherMethodsAreLeftToJainSip() throws IOException
    {
        for (final Path file : Vectors.messages(".txt"))
        {
            final byte[] bytes = Files.readAllBytes(file);
            final SipEvent reference = reader.readWithJainSip(bytes, FROM);
            if (!(reference instanceof ReceivedResponse) || !"PUBLISH".equals(((ReceivedResponse)reference).cseqMethod()))
            {
                assertNull(PublishResponseReader.read(bytes, FROM), file.toString());
            }
        }
    }

    private void check(final String message)
    {
        check(ascii(message), message);
    }

    private void check(final byte[] bytes, final String what)
    {
        final ReceivedResponse fast = PublishResponseReader.read(bytes, FROM);
        if (null != fast)
        {
            assertEquals(reader.readWithJainSip(bytes, FROM), fast, what);
        }
    }

    private static List<String> bases() throws IOException
    {
        final List<String> bases = new ArrayList<>();
        bases.add(SIPP_OK);
        for (final Path file : Vectors.messages("SIP_2_0_"))
        {
            final String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains(" PUBLISH\r\n"))
            {
                bases.add(text);
            }
        }
        return bases;
    }

    private static List<String> headerLines(final String message)
    {
        final int head = message.indexOf("\r\n\r\n");
        final String[] lines = message.substring(0, head).split("\r\n");
        final List<String> result = new ArrayList<>();
        for (int i = 1; i < lines.length; i++)
        {
            result.add(lines[i]);
        }
        return result;
    }

    private static String join(final String base, final List<String> lines)
    {
        final int head = base.indexOf("\r\n\r\n");
        final String statusLine = base.substring(0, base.indexOf("\r\n"));
        return statusLine + "\r\n" + String.join("\r\n", lines) + base.substring(head);
    }

    private static String mapNames(final String base, final java.util.function.UnaryOperator<String> f)
    {
        final List<String> lines = headerLines(base);
        final List<String> renamed = new ArrayList<>();
        for (final String line : lines)
        {
            final int colon = line.indexOf(':');
            renamed.add(f.apply(line.substring(0, colon)) + line.substring(colon));
        }
        return join(base, renamed);
    }

    private static String compact(final String name)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "via":
                return "v";
            case "call-id":
                return "i";
            case "to":
                return "t";
            case "content-length":
                return "l";
            case "from":
                return "f";
            default:
                return name;
        }
    }

    private static String shuffled(final String base, final Random random)
    {
        final List<String> lines = headerLines(base);
        Collections.shuffle(lines, random);
        return join(base, lines);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
