package org.puaagent.protocol.jsonrpc;

/**
 * What a request said in its {@code "jsonrpc"} member. Kamailio 5.6.3 runs the method only for {@link #VALID};
 * for the two others it answers {@code "result": {}} without running anything. Immutable.
 */
public enum VersionMember
{
    /** The member is the string {@code "2.0"}. */
    VALID,
    /** There is no {@code "jsonrpc"} member. */
    MISSING,
    /** The member exists but is not exactly the string {@code "2.0"} (another string, a number, null, ...). */
    WRONG
}
