package org.puaagent.protocol.rpc;

/** JSON null. binrpc has no null: it is written as the text {@code <null string>}, as Kamailio does. */
public enum RpcNull implements RpcValue
{
    INSTANCE;

    @Override
    public String typeName()
    {
        return "null";
    }
}
