package org.puaagent.agent.pipeline;

/**
 * The result of one submitted publish: semantic cases that each transport maps to its own wording
 * (JSON-RPC result or fault, binrpc, MI reply tree). Exactly one outcome is delivered per accepted
 * submission. Immutable values.
 */
public sealed interface PublishOutcome
    permits PublishOutcome.Published, PublishOutcome.Failed, PublishOutcome.HandedOff,
    PublishOutcome.NothingToRemove, PublishOutcome.WrongEtag, PublishOutcome.NoBodyForNewPublication,
    PublishOutcome.NotPublishable, PublishOutcome.Unroutable, PublishOutcome.LimitReached, PublishOutcome.Internal
{
    /** The shared {@link HandedOff} value. */
    HandedOff HANDED_OFF = new HandedOff();
    /** The shared {@link NothingToRemove} value. */
    NothingToRemove NOTHING_TO_REMOVE = new NothingToRemove();
    /** The shared {@link WrongEtag} value. */
    WrongEtag WRONG_ETAG = new WrongEtag();
    /** The shared {@link NoBodyForNewPublication} value. */
    NoBodyForNewPublication NO_BODY_FOR_NEW_PUBLICATION = new NoBodyForNewPublication();
    /** The shared {@link LimitReached} value. */
    LimitReached LIMIT_REACHED = new LimitReached();

    /**
     * The presence server accepted the PUBLISH (a 2xx with SIP-ETag and Expires).
     *
     * @param status  the SIP status (200 in practice; another 2xx is reported as is)
     * @param etag    the value of the response's SIP-ETag header
     * @param expires the Expires the server granted, in seconds; 0 after a removal (the series is gone)
     */
    record Published(int status, String etag, int expires) implements PublishOutcome
    {
    }

    /**
     * The PUBLISH ended without success. The series is deleted, except after a timeout (408), which
     * leaves it as it was.
     *
     * @param sipStatus the final status: a 3xx-6xx from the server; 408 "Request Timeout" when no final
     *                  response came within Timer F; 503 when the request could not be sent; 500 for a 2xx
     *                  without SIP-ETag or Expires; 513 when the request is too large for UDP
     * @param reason    the reason phrase (the server's, or the local one above)
     */
    record Failed(int sipStatus, String reason) implements PublishOutcome
    {
    }

    /** {@link PublishMode#HANDED_OFF}: the PUBLISH was handed to SIP (or queued in its series). */
    record HandedOff() implements PublishOutcome
    {
    }

    /**
     * Expires 0 but no publication matches: nothing is sent. Kamailio's {@code pua.publish} never answers
     * this case (spec pua.md section 3.4); the agent completes, and the transports answer an empty success.
     */
    record NothingToRemove() implements PublishOutcome
    {
    }

    /** An ETag was given but no publication of this presentity/event/source has it ("Wrong ETag"). */
    record WrongEtag() implements PublishOutcome
    {
    }

    /** A new publication without a body: Kamailio's 500 "... (10/RPC/PUBLISH)". */
    record NoBodyForNewPublication() implements PublishOutcome
    {
    }

    /**
     * pua would refuse to send: event {@code conference}, {@code presence.winfo} with a body, a
     * {@code presence} body that is not well-formed XML or has no {@code tuple}: Kamailio's 500
     * "... (1/RPC/PUBLISH)".
     *
     * @param why what was refused, for logs
     */
    record NotPublishable(String why) implements PublishOutcome
    {
    }

    /**
     * The next hop cannot be used: not a numeric IP host (the agent never resolves names), an unsupported
     * transport or scheme, or an unparsable URI. Transports answer it like {@link NotPublishable}.
     *
     * @param why what is wrong with which URI
     */
    record Unroutable(String why) implements PublishOutcome
    {
    }

    /**
     * The publications take all the bytes {@code --publications-bytes} gives them: a new publication (or a
     * modify whose body would take them more than an eighth above the limit) is refused and nothing is sent.
     * Refreshes, smaller modifies and removals still work. Transports answer 503 "Service Unavailable:
     * publication limit reached" (docs/limits.md).
     */
    record LimitReached() implements PublishOutcome
    {
    }

    /**
     * A bug or a shutdown of the pipeline while the request was pending. Still exactly one completion.
     *
     * @param detail what happened, for logs
     */
    record Internal(String detail) implements PublishOutcome
    {
    }
}
