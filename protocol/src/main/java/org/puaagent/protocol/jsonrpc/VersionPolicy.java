package org.puaagent.protocol.jsonrpc;

/**
 * How the request parser treats a {@code "jsonrpc"} member that is missing or not {@code "2.0"}. Immutable.
 *
 * <p>Kamailio 5.6.3 answers such a request with {@code "result": {}} and does not run the method (spec
 * jsonrpc.md section 1). A script may rely on that (it is an "it worked" answer), so {@link #KAMAILIO} is the
 * default. JSON-RPC 2.0 wants error -32600 "Invalid Request" instead; the spec allows the agent to answer a
 * missing member that way.
 */
public enum VersionPolicy
{
    /**
     * Missing or wrong: the parser returns a {@link JsonRpcInput.Call} whose {@link JsonRpcInput.Call#runsMethod()}
     * is false; the agent answers {@code {}} with the request's id (Kamailio 5.6.3). The default.
     */
    KAMAILIO,
    /** Missing: {@link JsonRpcInput.InvalidRequest} (-32600). Wrong: as {@link #KAMAILIO}. */
    REJECT_MISSING,
    /** Missing or wrong: {@link JsonRpcInput.InvalidRequest} (-32600), as JSON-RPC 2.0 says. */
    STRICT
}
