package org.puaagent.agent.sip;

/**
 * From where a response to one of the agent's requests is taken (option {@code --sip-accept-responses-from}).
 * Immutable.
 *
 * <p>A response names its transaction by the Via branch, which is random (see {@link SipIdentifiers}); the
 * source address is a second, independent check: someone who can read the request on its way (or guess the
 * branch) but cannot send from the address the request went to cannot answer it (docs/sip-security.md).
 */
public enum ResponseSources
{
    /**
     * Default: only from the address (IP and port) the request was sent to; a response from elsewhere is
     * counted ({@code sip.responses_wrong_source}) and does not touch the transaction.
     */
    NEXT_HOP,
    /**
     * From anywhere, as RFC 3261 allows: for a next hop that answers from another address than the one it
     * is reached on (a load balancer, a server with several interfaces). The branch is then the only check.
     */
    ANY;

    /** Parses {@code next-hop} or {@code any} (any case); {@code null} for anything else. */
    public static ResponseSources parse(final String text)
    {
        if ("next-hop".equalsIgnoreCase(text))
        {
            return NEXT_HOP;
        }
        if ("any".equalsIgnoreCase(text))
        {
            return ANY;
        }
        return null;
    }
}
