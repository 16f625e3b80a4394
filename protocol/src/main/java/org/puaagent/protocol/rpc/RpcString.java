package org.puaagent.protocol.rpc;

import java.util.Objects;

/**
 * A text string. On binrpc it travels as UTF-8 bytes with a terminating 0x00; in JSON as a JSON string.
 * Immutable.
 */
public record RpcString(String value) implements RpcValue
{
    public RpcString
    {
        Objects.requireNonNull(value, "value");
    }

    public static RpcString of(final String value)
    {
        return new RpcString(value);
    }

    @Override
    public String typeName()
    {
        return "string";
    }
}
