package org.puaagent.protocol.rpc;

/** A JSON boolean. binrpc writes it as int 1/0, as Kamailio does for its "b" type. Immutable. */
public enum RpcBool implements RpcValue
{
    FALSE, TRUE;

    public static RpcBool of(final boolean b)
    {
        return b ? TRUE : FALSE;
    }

    public boolean value()
    {
        return this == TRUE;
    }

    @Override
    public String typeName()
    {
        return "boolean";
    }
}
