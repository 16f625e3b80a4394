package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.puaagent.protocol.rpc.RequestId;
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
 * Random value trees for the round-trip property, and what each value must read back as after a trip through
 * JSON text (the normalisation is derived from the spec's rules, not from the writer).
 */
final class RandomValues
{
    private static final int MAX_DEPTH = 4;
    private static final int MAX_ITEMS = 5;
    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final long FIXED_MANTISSA_LIMIT = 1_000_000_000_000_000L;
    private static final String[] SPECIAL = {"\"", "\\", "/", "\u00e9", "\u2603", "\uD83D\uDE00", "\u007f",
        "\u0000", "\u001f", "\n", "\t", "\b", "\f", "\r", "{", "}", "'", "\uD800", "\uDC00", " "};

    private final Random random;
    /** Doubles in the shapes Kamailio's %f/%e/%.0f texts preserve (true), or any finite double (false). */
    private final boolean kamailioDoubles;

    RandomValues(final Random random, final boolean kamailioDoubles)
    {
        this.random = random;
        this.kamailioDoubles = kamailioDoubles;
    }

    RpcValue value(final int depth)
    {
        final int kind = random.nextInt(depth >= MAX_DEPTH ? 7 : 10);
        switch (kind)
        {
            case 0:
                return RpcInt.of(integer());
            case 1:
            case 2:
                return new RpcString(string());
            case 3:
                return new RpcDouble(kamailioDoubles ? kamailioDouble() : anyDouble());
            case 4:
                return RpcBool.of(random.nextBoolean());
            case 5:
                return RpcNull.INSTANCE;
            case 6:
                return new RpcBytes(bytes());
            case 7:
                final List<RpcValue> items = new ArrayList<>();
                final int n = random.nextInt(MAX_ITEMS);
                for (int i = 0; i < n; i++)
                {
                    items.add(value(depth + 1));
                }
                return new RpcArray(items);
            default:
                final List<RpcStruct.Member> members = new ArrayList<>();
                final int m = random.nextInt(MAX_ITEMS);
                final boolean mixed = kind == 9;
                for (int i = 0; i < m; i++)
                {
                    final String name = mixed && random.nextBoolean() ? null : random.nextInt(4) == 0 ? "dup"
                        : string();
                    members.add(new RpcStruct.Member(name, value(depth + 1)));
                }
                return new RpcStruct(members);
        }
    }

    RequestId id()
    {
        switch (random.nextInt(5))
        {
            case 0:
                return new RequestId.JsonText(string());
            case 1:
                return new RequestId.JsonNumber(integer());
            case 2:
                return new RequestId.JsonNumber(kamailioDoubles ? kamailioDouble() : anyDouble());
            case 3:
                return RequestId.JsonNull.INSTANCE;
            default:
                return RequestId.None.INSTANCE;
        }
    }

    String string()
    {
        final StringBuilder sb = new StringBuilder();
        final int n = random.nextInt(12);
        for (int i = 0; i < n; i++)
        {
            final int k = random.nextInt(4);
            if (k == 0)
            {
                sb.append(SPECIAL[random.nextInt(SPECIAL.length)]);
            }
            else if (k == 1)
            {
                sb.append((char) random.nextInt(0x3000));
            }
            else
            {
                sb.append((char) (' ' + random.nextInt(95)));
            }
        }
        return sb.toString();
    }

    private byte[] bytes()
    {
        if (random.nextBoolean())
        {
            return string().getBytes(StandardCharsets.UTF_8);
        }
        final byte[] b = new byte[random.nextInt(8)];
        random.nextBytes(b);
        return b;
    }

    private int integer()
    {
        switch (random.nextInt(4))
        {
            case 0:
                return random.nextInt(256) - 128;
            case 1:
                return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            default:
                return random.nextInt();
        }
    }

    /** A double whose Kamailio text reads back as itself (or as the int the spec's rules make of it). */
    private double kamailioDouble()
    {
        final double sign = random.nextBoolean() ? 1 : -1;
        switch (random.nextInt(3))
        {
            case 0:
                // %f range: six decimals, 1e-6 <= |v| <= 1e9
                return sign * ((1 + (long) (random.nextDouble() * (FIXED_MANTISSA_LIMIT - 1))) / 1e6);
            case 1:
                // %e (or %.0f when integral) range: seven significant digits
                final int mantissa = 1_000_000 + random.nextInt(9_000_000);
                final int exponent = random.nextBoolean() ? -300 + random.nextInt(294) : 9 + random.nextInt(292);
                return sign * Double.parseDouble(mantissa + "e" + (exponent - 6));
            default:
                return sign * random.nextInt(1 << 20) / 4.0;
        }
    }

    private double anyDouble()
    {
        double d;
        do
        {
            d = Double.longBitsToDouble(random.nextLong());
        }
        while (!Double.isFinite(d));
        return random.nextInt(3) == 0 ? (double) Math.round(d % 1e6) : d;
    }

    /** What {@code v} reads back as after being written as JSON (doubles per {@code kamailioText}). */
    static RpcValue normalise(final RpcValue v, final boolean kamailioText)
    {
        if (v instanceof RpcString s)
        {
            return new RpcString(wellFormed(s.value()));
        }
        if (v instanceof RpcBytes b)
        {
            return new RpcString(new String(b.value(), StandardCharsets.UTF_8));
        }
        if (v instanceof RpcDouble d)
        {
            return number(d.value(), kamailioText);
        }
        if (v instanceof RpcArray a)
        {
            final List<RpcValue> items = new ArrayList<>();
            for (final RpcValue item : a.items())
            {
                items.add(normalise(item, kamailioText));
            }
            return new RpcArray(items);
        }
        if (v instanceof RpcStruct s)
        {
            final boolean anyUnnamed = s.members().stream().anyMatch(m -> m.name() == null);
            final List<RpcStruct.Member> members = new ArrayList<>();
            final List<RpcValue> items = new ArrayList<>();
            for (final RpcStruct.Member m : s.members())
            {
                final RpcValue value = normalise(m.value(), kamailioText);
                if (m.name() == null)
                {
                    items.add(value);
                }
                else
                {
                    final RpcStruct.Member member = new RpcStruct.Member(wellFormed(m.name()), value);
                    members.add(member);
                    items.add(new RpcStruct(List.of(member)));
                }
            }
            return anyUnnamed ? new RpcArray(items) : new RpcStruct(members);
        }
        return v;
    }

    static RequestId normalise(final RequestId id, final boolean kamailioText)
    {
        if (id instanceof RequestId.JsonText t)
        {
            return new RequestId.JsonText(wellFormed(t.value()));
        }
        if (id instanceof RequestId.JsonNull && kamailioText)
        {
            return new RequestId.JsonNumber(0);
        }
        if (id instanceof RequestId.JsonNumber n && kamailioText && Math.abs(n.value()) <= DBL_EPSILON)
        {
            return new RequestId.JsonNumber(0);
        }
        return id;
    }

    private static RpcValue number(final double d, final boolean kamailioText)
    {
        final double value = kamailioText && Math.abs(d) <= DBL_EPSILON ? 0 : d;
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE + 1.0 && value >= Integer.MIN_VALUE
            && value <= Integer.MAX_VALUE)
        {
            return RpcInt.of((int) value);
        }
        return new RpcDouble(value);
    }

    /** Lone surrogates become U+FFFD (they cannot be written as UTF-8). */
    static String wellFormed(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
            {
                sb.append(c).append(s.charAt(++i));
            }
            else
            {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
