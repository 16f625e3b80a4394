package org.puaagent.protocol.jsonrpc;

import java.util.List;

import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcBytes;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Writes {@link RpcValue}s as JSON in a {@link JsonLayout} into a {@link JsonBytes}. Not thread-safe: one
 * thread, one document (it is created per document).
 *
 * <p>Mapping: {@code RpcInt} number; {@code RpcDouble} number (Kamailio's text, or, for requests a client sends,
 * the shortest exact text); {@code RpcString} and {@code RpcBytes} string; {@code RpcBool} true/false;
 * {@code RpcNull} null; {@code RpcArray} array. {@code RpcStruct}: an object when every member has a name
 * (names may repeat, as Kamailio's replies can); an empty struct is {@code {}}. A struct with at least one
 * unnamed member is what binrpc calls an array, so it is written as a JSON array: unnamed members as plain
 * items, and each named member wrapped in its own single-member object, as Kamailio does for struct members added
 * to an array (spec section 3.1).
 */
final class JsonValueWriter
{
    /** How doubles are printed. */
    enum Numbers
    {
        /** srjson's rules ({@link KamailioNumbers}): what Kamailio's replies contain. */
        KAMAILIO,
        /** The shortest text that reads back as the same double (for requests, where precision matters). */
        EXACT
    }

    private static final long EXACT_INTEGER_LIMIT = 1L << 53;

    private final JsonBytes out;
    private final boolean pretty;
    private final Numbers numbers;

    JsonValueWriter(final JsonBytes out, final JsonLayout layout, final Numbers numbers)
    {
        this.out = out;
        this.pretty = layout == JsonLayout.PRETTY;
        this.numbers = numbers;
    }

    JsonBytes out()
    {
        return out;
    }

    /** Writes {@code value} as found at nesting {@code depth}. */
    void value(final RpcValue value, final int depth)
    {
        if (value instanceof RpcString s)
        {
            out.string(s.value());
        }
        else if (value instanceof RpcInt i)
        {
            out.integer(i.value());
        }
        else if (value instanceof RpcStruct s)
        {
            struct(s.members(), depth);
        }
        else if (value instanceof RpcArray a)
        {
            array(a.items(), depth);
        }
        else if (value instanceof RpcDouble d)
        {
            number(d.value());
        }
        else if (value instanceof RpcBool b)
        {
            out.ascii(b.value() ? "true" : "false");
        }
        else if (value instanceof RpcBytes b)
        {
            out.string(b.value());
        }
        else if (value instanceof RpcNull)
        {
            out.ascii("null");
        }
        else
        {
            throw new IllegalArgumentException("unknown value " + value);
        }
    }

    void number(final double d)
    {
        if (numbers == Numbers.KAMAILIO)
        {
            out.kamailioNumber(d);
        }
        else if (!Double.isFinite(d))
        {
            out.ascii("null");
        }
        else if (d == Math.rint(d) && Math.abs(d) < EXACT_INTEGER_LIMIT)
        {
            out.ascii(Long.toString((long) d));
        }
        else
        {
            out.ascii(Double.toString(d));
        }
    }

    /** An array of values at {@code depth}. */
    void array(final List<RpcValue> items, final int depth)
    {
        out.ascii('[');
        for (int i = 0; i < items.size(); i++)
        {
            if (i > 0)
            {
                itemSeparator();
            }
            value(items.get(i), depth + 1);
        }
        out.ascii(']');
    }

    private void struct(final List<RpcStruct.Member> members, final int depth)
    {
        for (final RpcStruct.Member m : members)
        {
            if (m.name() == null)
            {
                arrayOfMembers(members, depth);
                return;
            }
        }
        beginObject(depth);
        for (int i = 0; i < members.size(); i++)
        {
            final RpcStruct.Member m = members.get(i);
            memberName(m.name(), depth, i == 0);
            value(m.value(), depth + 1);
        }
        endObject(depth, !members.isEmpty());
    }

    private void arrayOfMembers(final List<RpcStruct.Member> members, final int depth)
    {
        out.ascii('[');
        final int itemDepth = depth + 1;
        for (int i = 0; i < members.size(); i++)
        {
            if (i > 0)
            {
                itemSeparator();
            }
            final RpcStruct.Member m = members.get(i);
            if (m.name() == null)
            {
                value(m.value(), itemDepth);
            }
            else
            {
                beginObject(itemDepth);
                memberName(m.name(), itemDepth, true);
                value(m.value(), itemDepth + 1);
                endObject(itemDepth, true);
            }
        }
        out.ascii(']');
    }

    void beginObject(final int depth)
    {
        out.ascii('{');
        if (pretty)
        {
            out.ascii('\n');
        }
    }

    /** Writes the separator (unless first), the indentation and {@code "name":} for a member of an object at depth. */
    void memberName(final String name, final int depth, final boolean first)
    {
        if (!first)
        {
            out.ascii(pretty ? ",\n" : ",");
        }
        if (pretty)
        {
            out.tabs(depth + 1);
        }
        out.string(name);
        out.ascii(pretty ? ":\t" : ":");
    }

    void endObject(final int depth, final boolean hadMembers)
    {
        if (pretty)
        {
            if (hadMembers)
            {
                out.ascii('\n');
            }
            out.tabs(depth);
        }
        out.ascii('}');
    }

    private void itemSeparator()
    {
        out.ascii(pretty ? ", " : ",");
    }
}
