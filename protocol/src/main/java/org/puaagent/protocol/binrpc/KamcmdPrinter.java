package org.puaagent.protocol.binrpc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Prints a decoded reply the way kamcmd 1.5 prints it on stdout (spec binrpc.md 8.4), as bytes (strings in
 * UTF-8, bytes values raw).
 *
 * <p>Default output: every value on its own line, indented with one tab per nesting level; a struct as
 * {@code {}, its members one level deeper, {@code }}; a named member as {@code name: value} (a struct
 * value as {@code name: {} ... {@code }}); an array (only from array tags, which Kamailio never sends) as
 * {@code [} ... {@code ]}; ints {@code %d}; doubles {@code %lld} when integral else {@code %f}. An empty reply
 * prints nothing; a fault prints {@code error: <code> - <message>}. {@link RpcBool} and {@link RpcNull}
 * print as they travel (int 0/1, {@code <null string>}).
 *
 * <p>Formatted output ({@code -f}): see {@link #printFormatted}. Stateless; any thread.
 */
public final class KamcmdPrinter
{
    private static final int FLOAT_DECIMALS = 6;
    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';

    private KamcmdPrinter()
    {
    }

    /** kamcmd's default output for a reply or a fault. */
    public static byte[] print(final RpcResponse response)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (response instanceof RpcFault fault)
        {
            printFault(out, fault);
            return out.toByteArray();
        }
        for (final RpcValue v : ((RpcReply) response).values())
        {
            printValue(out, v, 0);
        }
        return out.toByteArray();
    }

    /**
     * kamcmd's {@code -f} output. {@code format} is used as given (expand a user's {@code -f} argument with
     * {@link #expandEscapes} first; alias formats such as {@code "%v\t%v\n"} already hold the characters).
     * The format is printed repeatedly, each {@code %v} replaced by the next record ({@code name: value} for
     * a named member, {@code {}/{@code }} for struct markers, no indentation), {@code %%} as {@code %}, until the
     * records run out; the rest of the last round prints empty values. An empty reply prints nothing, and a
     * format without {@code %v} is printed once. A fault prints as in {@link #print}.
     */
    public static byte[] printFormatted(final RpcResponse response, final String format)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (response instanceof RpcFault fault)
        {
            printFault(out, fault);
            return out.toByteArray();
        }
        final List<byte[]> records = new ArrayList<>();
        for (final RpcValue v : ((RpcReply) response).values())
        {
            flatten(records, v);
        }
        if (records.isEmpty())
        {
            return out.toByteArray();
        }
        final boolean consumes = format.contains("%v");
        int next = 0;
        do
        {
            int i = 0;
            while (i < format.length())
            {
                final char c = format.charAt(i);
                if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == 'v')
                {
                    if (next < records.size())
                    {
                        out.writeBytes(records.get(next++));
                    }
                    i += 2;
                }
                else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%')
                {
                    out.write('%');
                    i += 2;
                }
                else
                {
                    final int end = i + Character.charCount(format.codePointAt(i));
                    out.writeBytes(format.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end;
                }
            }
        }
        while (consumes && next < records.size());
        return out.toByteArray();
    }

    /** Expands the backslash escapes kamcmd expands in a {@code -f} format: \n \r \t \\ (others stay as is). */
    public static String expandEscapes(final String format)
    {
        final StringBuilder sb = new StringBuilder(format.length());
        for (int i = 0; i < format.length(); i++)
        {
            final char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length())
            {
                final char e = format.charAt(i + 1);
                final char replacement = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e == '\\' ? '\\' : 0;
                if (replacement != 0)
                {
                    sb.append(replacement);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A double as kamcmd prints it: {@code %lld} if integral, else {@code %f} (6 decimals, glibc rounding). */
    public static String formatDouble(final double d)
    {
        if (Double.isNaN(d))
        {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d))
        {
            return d < 0 ? "-inf" : "inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63)
        {
            return Long.toString((long) d);
        }
        final String text = new BigDecimal(d).setScale(FLOAT_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 && !text.startsWith("-") ? "-" + text : text;
    }

    private static void printFault(final ByteArrayOutputStream out, final RpcFault fault)
    {
        out.writeBytes(("error: " + fault.code() + " - ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(fault.message().getBytes(StandardCharsets.UTF_8));
        out.write(NEWLINE);
    }

    private static void printValue(final ByteArrayOutputStream out, final RpcValue v, final int indent)
    {
        if (v instanceof RpcStruct s)
        {
            line(out, indent, "{");
            printMembers(out, s, indent + 1);
            line(out, indent, "}");
        }
        else if (v instanceof RpcArray a)
        {
            line(out, indent, "[");
            for (final RpcValue item : a.items())
            {
                printValue(out, item, indent + 1);
            }
            line(out, indent, "]");
        }
        else
        {
            indent(out, indent);
            out.writeBytes(scalarText(v));
            out.write(NEWLINE);
        }
    }

    private static void printMembers(final ByteArrayOutputStream out, final RpcStruct s, final int indent)
    {
        for (final RpcStruct.Member m : s.members())
        {
            final RpcValue v = m.value();
            if (null == m.name())
            {
                printValue(out, v, indent);
            }
            else if (v instanceof RpcStruct inner)
            {
                line(out, indent, m.name() + ": {");
                printMembers(out, inner, indent + 1);
                line(out, indent, "}");
            }
            else if (v instanceof RpcArray inner)
            {
                line(out, indent, m.name() + ": [");
                for (final RpcValue item : inner.items())
                {
                    printValue(out, item, indent + 1);
                }
                line(out, indent, "]");
            }
            else
            {
                indent(out, indent);
                out.writeBytes((m.name() + ": ").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(scalarText(v));
                out.write(NEWLINE);
            }
        }
    }

    private static void flatten(final List<byte[]> records, final RpcValue v)
    {
        if (v instanceof RpcStruct s)
        {
            records.add(utf8("{"));
            for (final RpcStruct.Member m : s.members())
            {
                final RpcValue mv = m.value();
                if (null == m.name())
                {
                    flatten(records, mv);
                }
                else if (mv instanceof RpcStruct || mv instanceof RpcArray)
                {
                    final List<byte[]> inner = new ArrayList<>();
                    flatten(inner, mv);
                    records.add(concat(utf8(m.name() + ": "), inner.get(0)));
                    records.addAll(inner.subList(1, inner.size()));
                }
                else
                {
                    records.add(concat(utf8(m.name() + ": "), scalarText(mv)));
                }
            }
            records.add(utf8("}"));
        }
        else if (v instanceof RpcArray a)
        {
            records.add(utf8("["));
            for (final RpcValue item : a.items())
            {
                flatten(records, item);
            }
            records.add(utf8("]"));
        }
        else
        {
            records.add(scalarText(v));
        }
    }

    private static byte[] scalarText(final RpcValue v)
    {
        if (v instanceof RpcString s)
        {
            return utf8(s.value());
        }
        if (v instanceof RpcInt i)
        {
            return utf8(Integer.toString(i.value()));
        }
        if (v instanceof RpcDouble d)
        {
            return utf8(formatDouble(d.value()));
        }
        if (v instanceof RpcBytes b)
        {
            return b.value();
        }
        if (v instanceof RpcBool b)
        {
            return utf8(b.value() ? "1" : "0");
        }
        if (v instanceof RpcNull)
        {
            return utf8(BinRpcWriter.NULL_STRING);
        }
        throw new IllegalArgumentException("not a scalar: " + v);
    }

    private static void line(final ByteArrayOutputStream out, final int indent, final String text)
    {
        indent(out, indent);
        out.writeBytes(utf8(text));
        out.write(NEWLINE);
    }

    private static void indent(final ByteArrayOutputStream out, final int indent)
    {
        for (int i = 0; i < indent; i++)
        {
            out.write(TAB);
        }
    }

    private static byte[] utf8(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
