package org.puaagent.protocol.rpc;

/**
 * A floating point number. binrpc carries it as fixed point (value x 1000, truncated toward zero), so
 * only three decimals survive a binrpc hop. Immutable.
 */
public record RpcDouble(double value) implements RpcValue
{
    @Override
    public String typeName()
    {
        return "float";
    }
}
