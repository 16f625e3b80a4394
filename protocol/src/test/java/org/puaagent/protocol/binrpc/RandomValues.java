package org.puaagent.protocol.binrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
 * Random value trees with edge values, and the normalisation that says what a tree becomes after a binrpc
 * round trip (encode, decode):
 * <ul>
 * <li>doubles keep value x 1000 truncated toward zero, / 1000 ({@link BinRpcWriter#fixedPoint});</li>
 * <li>an {@link RpcArray} becomes a struct of unnamed members (Kamailio's way of sending arrays);</li>
 * <li>{@link RpcBool} becomes int 0/1, {@link RpcNull} the str {@code <null string>};</li>
 * <li>strings (and member names) survive as UTF-8; lone surrogates become '?';</li>
 * <li>ints, bytes and struct member order and names (null = unnamed) survive unchanged.</li>
 * </ul>
 */
final class RandomValues
{
    static final int MAX_DEPTH = 4;
    private static final int[] EDGE_INTS = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 127, 128, 255, 256, 65535, 65536,
        16777215, 16777216, -256, -16777216};
    private static final long[] EDGE_FIXED = {0, 1, -1, 999, -999, 1000, 255, 256, 65535, 65536, 0xFFFFFFFFFFL,
        1L << 52, -(1L << 52), 9_000_000_000_000_000L, -9_000_000_000_000_000L};
    private static final String[] SAMPLES = {"", ".", "a", "tcp", "binrpc", "presence", "1234567", "12345678",
        "sip:alice@example.com", "héllo ☃ 日本", "\uD83D\uDE00", "nul\u0000inside", "<null string>"};

    private final Random random;

    RandomValues(final long seed)
    {
        random = new Random(seed);
    }

    Random random()
    {
        return random;
    }

    RpcValue value(final int depth)
    {
        final int kinds = depth < MAX_DEPTH ? 8 : 6;
        switch (random.nextInt(kinds))
        {
            case 0:
                return RpcInt.of(random.nextInt(3) == 0 ? random.nextInt() : EDGE_INTS[random.nextInt(EDGE_INTS.length)]);
            case 1:
            case 2:
                return new RpcString(string());
            case 3:
                return new RpcDouble(doubleValue());
            case 4:
                final byte[] b = new byte[random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(10)];
                random.nextBytes(b);
                return new RpcBytes(b);
            case 5:
                return random.nextBoolean() ? RpcBool.of(random.nextBoolean()) : RpcNull.INSTANCE;
            case 6:
            {
                final List<RpcStruct.Member> members = new ArrayList<>();
                final int n = random.nextInt(5);
                for (int i = 0; i < n; i++)
                {
                    members.add(new RpcStruct.Member(random.nextInt(4) == 0 ? null : string(), value(depth + 1)));
                }
                return new RpcStruct(members);
            }
            default:
            {
                final List<RpcValue> items = new ArrayList<>();
                final int n = random.nextInt(5);
                for (int i = 0; i < n; i++)
                {
                    items.add(value(depth + 1));
                }
                return new RpcArray(items);
            }
        }
    }

    List<RpcValue> values(final int max)
    {
        final List<RpcValue> values = new ArrayList<>();
        final int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++)
        {
            values.add(value(0));
        }
        return values;
    }

    String string()
    {
        final int kind = random.nextInt(10);
        if (kind < 4)
        {
            return SAMPLES[random.nextInt(SAMPLES.length)];
        }
        final int length = kind == 9 ? random.nextInt(1200) : random.nextInt(12);
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            final int c = random.nextInt(20);
            if (c < 12)
            {
                sb.append((char) (' ' + random.nextInt(95)));
            }
            else if (c < 15)
            {
                sb.append((char) (0x80 + random.nextInt(0x780)));
            }
            else if (c < 17)
            {
                sb.append((char) (0x800 + random.nextInt(0xD000)));
            }
            else if (c < 19)
            {
                sb.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
            }
            else
            {
                sb.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return sb.toString();
    }

    double doubleValue()
    {
        final int kind = random.nextInt(4);
        if (kind == 0)
        {
            return EDGE_FIXED[random.nextInt(EDGE_FIXED.length)] / 1000.0;
        }
        if (kind == 1)
        {
            return (random.nextLong() >> random.nextInt(64)) / 1000.0;
        }
        if (kind == 2)
        {
            return (random.nextInt(2_000_001) - 1_000_000) / 1000.0;
        }
        return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(13));
    }

    static RpcValue normalize(final RpcValue v)
    {
        if (v instanceof RpcDouble d)
        {
            return new RpcDouble(BinRpcWriter.fixedPoint(d.value()) / 1000.0);
        }
        if (v instanceof RpcString s)
        {
            return new RpcString(normalize(s.value()));
        }
        if (v instanceof RpcBool b)
        {
            return RpcInt.of(b.value() ? 1 : 0);
        }
        if (v instanceof RpcNull)
        {
            return new RpcString(BinRpcWriter.NULL_STRING);
        }
        if (v instanceof RpcArray a)
        {
            return new RpcStruct(a.items().stream().map(i -> new RpcStruct.Member(null, normalize(i))).toList());
        }
        if (v instanceof RpcStruct s)
        {
            return new RpcStruct(s.members().stream()
                .map(m -> new RpcStruct.Member(null == m.name() ? null : normalize(m.name()), normalize(m.value()))).toList());
        }
        return v;
    }

    static List<RpcValue> normalize(final List<RpcValue> values)
    {
        return values.stream().map(RandomValues::normalize).toList();
    }

    static String normalize(final String s)
    {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
