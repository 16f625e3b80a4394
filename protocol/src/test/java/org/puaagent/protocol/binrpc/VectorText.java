package org.puaagent.protocol.binrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser of the vectors' {@code .txt} files (the capture tool's record-by-record decode): packets with their
 * header fields and records. Strings appear as Python reprs, cut to 67 characters plus "..." when longer than
 * 70; raw bytes appear cut to 57 characters plus "..." when their hex is longer than 60.
 */
final class VectorText
{
    private static final Pattern PACKET = Pattern.compile(
        "packet #(\\d+) at offset (\\d+): (\\w+), header (\\d+) bytes \\[([0-9a-f ]+)\\], body length (\\d+), cookie 0x([0-9a-f]+)");
    private static final Pattern MARKER = Pattern.compile("( *)@(\\d+) ([0-9a-f]{2})  (start|end) (struct|array)");
    private static final Pattern RECORD = Pattern.compile("( *)@(\\d+) \\[([0-9a-f .]+)\\]  (.*)");
    private static final Pattern NOT_PACKET = Pattern.compile("@(\\d+): not a binrpc packet start \\(([0-9a-f ]*)\\)");
    private static final Pattern INT = Pattern.compile("int (-?\\d+)");
    private static final Pattern DOUBLE = Pattern.compile("double (\\S+) \\(raw fixed-point (-?\\d+)\\)");
    private static final Pattern STR = Pattern.compile("(str|avp-name) len=(\\d+) \\((NUL-terminated|NOT NUL-terminated)\\) (.*)");
    private static final Pattern BYTES = Pattern.compile("bytes len=(\\d+)");

    /** One record line. {@code kind}: int, double, str, avp-name, bytes, start struct, end struct, ... */
    record Record(int offset, String hex, String kind, long number, int length, boolean terminated, String text)
    {
    }

    record Packet(int offset, String kind, String headerHex, int bodyLength, long cookie, List<Record> records)
    {
    }

    /** Everything in one file: packets, and the offset of a "not a binrpc packet start" line (or -1). */
    record Capture(List<Packet> packets, int notPacketOffset, String notPacketHex)
    {
    }

    private VectorText()
    {
    }

    static Capture parse(final String text)
    {
        final List<Packet> packets = new ArrayList<>();
        List<Record> current = null;
        int notPacket = -1;
        String notPacketHex = null;
        for (final String line : text.split("\n"))
        {
            if (line.isEmpty())
            {
                continue;
            }
            Matcher m = PACKET.matcher(line);
            if (m.matches())
            {
                current = new ArrayList<>();
                packets.add(new Packet(Integer.parseInt(m.group(2)), m.group(3), m.group(5), Integer.parseInt(m.group(6)),
                    Long.parseLong(m.group(7), 16), current));
                continue;
            }
            m = NOT_PACKET.matcher(line);
            if (m.matches())
            {
                notPacket = Integer.parseInt(m.group(1));
                notPacketHex = m.group(2);
                continue;
            }
            if (line.trim().startsWith("(truncated"))
            {
                throw new IllegalStateException("truncated packets are not expected in the captures: " + line);
            }
            m = MARKER.matcher(line);
            if (m.matches())
            {
                current.add(new Record(Integer.parseInt(m.group(2)), m.group(3), m.group(4) + " " + m.group(5), 0, 0, true, null));
                continue;
            }
            m = RECORD.matcher(line);
            if (!m.matches())
            {
                throw new IllegalStateException("unparsed line: " + line);
            }
            current.add(record(Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
        }
        return new Capture(packets, notPacket, notPacketHex);
    }

    private static Record record(final int offset, final String hex, final String desc)
    {
        Matcher m = INT.matcher(desc);
        if (m.matches())
        {
            return new Record(offset, hex, "int", Long.parseLong(m.group(1)), 0, true, null);
        }
        m = DOUBLE.matcher(desc);
        if (m.matches())
        {
            return new Record(offset, hex, "double", Long.parseLong(m.group(2)), 0, true, m.group(1));
        }
        m = STR.matcher(desc);
        if (m.matches())
        {
            return new Record(offset, hex, m.group(1), 0, Integer.parseInt(m.group(2)), m.group(3).equals("NUL-terminated"),
                pythonRepr(m.group(4)));
        }
        m = BYTES.matcher(desc);
        if (m.matches())
        {
            return new Record(offset, hex, "bytes", 0, Integer.parseInt(m.group(1)), false, null);
        }
        throw new IllegalStateException("unknown record description: " + desc);
    }

    /** Decodes a Python string repr ('...' or "..."). */
    static String pythonRepr(final String repr)
    {
        final char quote = repr.charAt(0);
        if ((quote != '\'' && quote != '"') || repr.charAt(repr.length() - 1) != quote)
        {
            throw new IllegalArgumentException("not a repr: " + repr);
        }
        final String body = repr.substring(1, repr.length() - 1);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++)
        {
            final char c = body.charAt(i);
            if (c != '\\')
            {
                sb.append(c);
                continue;
            }
            final char e = body.charAt(++i);
            switch (e)
            {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\', '\'', '"' -> sb.append(e);
                case 'x' ->
                {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' ->
                {
                    sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' ->
                {
                    sb.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16));
                    i += 8;
                }
                default -> throw new IllegalArgumentException("escape \\" + e + " in " + repr);
            }
        }
        return sb.toString();
    }

    /** How the capture tool shows a decoded string: cut to 67 code points + "..." if longer than 70. */
    static String shown(final String value)
    {
        final int codePoints = value.codePointCount(0, value.length());
        if (codePoints <= 70)
        {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, 67)) + "...";
    }

    /** How the capture tool shows a record's raw bytes: hex, cut to 57 characters + "..." if longer than 60. */
    static String shownHex(final byte[] b, final int from, final int to)
    {
        final String hex = Vectors.hex(b, from, to);
        return hex.length() > 60 ? hex.substring(0, 57) + "..." : hex;
    }
}
