package org.puaagent.agent.rpc;

import java.util.Objects;

/**
 * A row of the method table: the name clients call, its help text ({@code system.methodHelp}), its signature
 * text ({@code system.methodSignature}), Kamailio's RET_ARRAY flag (JSON result shape) and the body. Immutable.
 */
public record MethodEntry(String name, String help, String signature, boolean arrayResult, RpcMethod body)
{
    public MethodEntry
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(body, "body");
    }
}
