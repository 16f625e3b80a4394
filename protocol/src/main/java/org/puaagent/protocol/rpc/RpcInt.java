package org.puaagent.protocol.rpc;

/** A signed 32-bit integer (binrpc int, JSON integral number). Immutable. */
public record RpcInt(int value) implements RpcValue
{
    private static final RpcInt[] SMALL = new RpcInt[256];

    static
    {
        for (int i = 0; i < SMALL.length; i++)
        {
            SMALL[i] = new RpcInt(i - 128);
        }
    }

    /** Returns a shared instance for small values, a new one otherwise. */
    public static RpcInt of(final int value)
    {
        return value >= -128 && value < 128 ? SMALL[value + 128] : new RpcInt(value);
    }

    @Override
    public String typeName()
    {
        return "integer";
    }
}
