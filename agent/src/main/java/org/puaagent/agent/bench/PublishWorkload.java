package org.puaagent.agent.bench;

import java.util.List;

import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The parameters of the n-th publish of a run: presentity {@code sip:user<i>@127.0.0.1} with
 * {@code i = n mod presentities}, event {@code presence}, default content type, no id, no ETag, no outbound
 * proxy, no extra headers, and a PIDF body of about the requested size (a note padded to size). Immutable;
 * any thread.
 */
public final class PublishWorkload
{
    private static final String EVENT = "presence";
    private static final RpcString PLACEHOLDER = RpcString.of(".");
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"";
    private static final String TUPLE = "\">\n<tuple id=\"bench\"><status><basic>open</basic></status><note>";
    private static final String TAIL = "</note></tuple>\n</presence>\n";
    private static final String PAD = "closed-loop load from pua-agent bench. ";
    /** A typical presentity for sizing the padding. */
    private static final String TYPICAL_URI = "sip:user1000@127.0.0.1";

    private final int presentities;
    private final RpcString expires;
    private final String note;

    public PublishWorkload(final int presentities, final int bodyBytes, final int expires)
    {
        if (presentities < 1)
        {
            throw new IllegalArgumentException("presentities < 1: " + presentities);
        }
        this.presentities = presentities;
        this.expires = RpcString.of(Integer.toString(expires));
        final int fixed = HEAD.length() + TYPICAL_URI.length() + TUPLE.length() + TAIL.length();
        final int padding = Math.max(0, bodyBytes - fixed);
        final StringBuilder b = new StringBuilder(padding);
        while (b.length() < padding)
        {
            b.append(PAD, 0, Math.min(PAD.length(), padding - b.length()));
        }
        this.note = b.toString();
    }

    /** The presentity of the n-th request (n is never negative). */
    public String presentity(final long n)
    {
        return "sip:user" + (n % presentities) + "@127.0.0.1";
    }

    /** The PIDF body for a presentity. */
    public String body(final String presentity)
    {
        return HEAD + presentity + TUPLE + note + TAIL;
    }

    /** The positional parameters of {@code pua.publish}/{@code pua.send_publish} for the n-th request. */
    public List<RpcValue> params(final long n)
    {
        final String presentity = presentity(n);
        return List.of(RpcString.of(presentity), expires, RpcString.of(EVENT), PLACEHOLDER, PLACEHOLDER,
            PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, RpcString.of(body(presentity)));
    }
}
