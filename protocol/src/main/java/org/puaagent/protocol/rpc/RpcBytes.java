package org.puaagent.protocol.rpc;

import java.util.Arrays;
import java.util.Objects;

/**
 * Raw bytes (binrpc type 6, no terminating 0x00). The array is owned by this value once constructed: the
 * creator must not write it any more. JSON has no bytes type; the JSON encoder writes them as a string.
 */
public record RpcBytes(byte[] value) implements RpcValue
{
    public RpcBytes
    {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName()
    {
        return "bytes array";
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof RpcBytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return "RpcBytes[" + value.length + " bytes]";
    }
}
