package org.puaagent.agent.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the agent's PUBLISH and SUBSCRIBE requests (and the embedded presence server's NOTIFYs) as bytes,
 * with Kamailio pua's header layout and order (spec pua.md sections 5.1 and 5.4): Via, To, From, CSeq,
 * Call-ID, Content-Length, User-Agent, Max-Forwards, then for PUBLISH Event, Expires, [SIP-If-Match],
 * [Content-Type], [extra headers verbatim], body; for dialog requests see {@link #dialogRequest}.
 * A byte template rather than JAIN-SIP's message factory: that one encodes Content-Length last and would
 * re-encode the caller's extra headers, which pua copies byte for byte (and it costs about 3 us more per
 * request, jain-sip-measurements.md). Not thread-safe: owner thread only (it reuses one buffer).
 */
public final class SipRequestWriter
{
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int INITIAL_CAPACITY = 2048;
    private static final int MAX_FORWARDS = 70;
    private static final int CSEQ = 10;
    private static final int DEFAULT_SIP_PORT = 5060;

    private final String viaPrefix;
    private final String userAgent;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int length;

    /**
     * @param sentByHost the host in the Via header (the advertised address)
     * @param sentByPort the port in the Via header (left out when 5060, as Kamailio does)
     * @param userAgent  the User-Agent value
     */
    public SipRequestWriter(final String sentByHost, final int sentByPort, final String userAgent)
    {
        this.viaPrefix = "Via: SIP/2.0/UDP " + sentByHost
            + (sentByPort == DEFAULT_SIP_PORT ? "" : ":" + sentByPort) + ";branch=";
        this.userAgent = userAgent;
    }

    /**
     * A PUBLISH (RFC 3903). To and From are the presentity; no Route header.
     *
     * @param presentity   the Request-URI (also To and From)
     * @param branch       the Via branch
     * @param fromTag      the From tag
     * @param callId       the Call-ID
     * @param event        the Event header value
     * @param expires      the Expires header value
     * @param ifMatch      the SIP-If-Match value, or {@code null}
     * @param contentType  the Content-Type, or {@code null} (only written with a body)
     * @param extraHeaders header lines copied verbatim (a missing final CRLF is added), or {@code null}
     * @param body         the body bytes, or {@code null}
     * @return the request bytes
     */
    public byte[] publish(final String presentity, final String branch, final String fromTag, final String callId,
        final String event, final int expires, final String ifMatch, final String contentType,
        final String extraHeaders, final byte[] body)
    {
        length = 0;
        startRequest("PUBLISH", presentity, presentity, branch, fromTag, callId, null == body ? 0 : body.length);
        header("Event: ", event);
        append("Expires: ").decimal(expires).crlf();
        if (null != ifMatch)
        {
            header("SIP-If-Match: ", ifMatch);
        }
        if (null != body && null != contentType)
        {
            header("Content-Type: ", contentType);
        }
        if (null != extraHeaders && !extraHeaders.isEmpty())
        {
            append(extraHeaders);
            if (!extraHeaders.endsWith("\r\n"))
            {
                crlf();
            }
        }
        crlf();
        if (null != body)
        {
            bytes(body, body.length);
        }
        return Arrays.copyOf(buffer, length);
    }

    /**
     * An initial SUBSCRIBE (RFC 6665) as pua sends it: From and Contact are the watcher URI.
     *
     * @param presentity the Request-URI and To
     * @param watcher    the From and Contact URI
     * @param branch     the Via branch
     * @param fromTag    the From tag
     * @param callId     the Call-ID
     * @param event      the Event header value
     * @param expires    the Expires header value
     * @return the request bytes
     */
    public byte[] subscribe(final String presentity, final String watcher, final String branch, final String fromTag,
        final String callId, final String event, final int expires)
    {
        return dialogRequest(new DialogRequest("SUBSCRIBE", presentity, presentity, null, watcher, fromTag, callId,
            CSEQ, List.of(), event, watcher), branch, "Expires: " + expires, null, null);
    }

    /**
     * A request that starts or continues a SUBSCRIBE dialog (SUBSCRIBE, NOTIFY), with pua's header order
     * (spec pua.md section 5.4, captures sip/14-16): Via, To, From, CSeq, Call-ID, Content-Length, User-Agent,
     * Max-Forwards, Route (one line per entry), Event, Contact, the given header line ({@code Expires: n} or
     * {@code Subscription-State: ...}), Content-Type, body.
     *
     * @param head        the dialog fields
     * @param branch      the Via branch
     * @param headerLine  one more header line without CRLF, or {@code null}
     * @param contentType the Content-Type (only written with a body), or {@code null}
     * @param body        the body bytes, or {@code null}
     * @return the request bytes
     */
    public byte[] dialogRequest(final DialogRequest head, final String branch, final String headerLine,
        final String contentType, final byte[] body)
    {
        length = 0;
        final int contentLength = null == body ? 0 : body.length;
        append(head.method()).append(" ").append(head.requestUri()).append(" SIP/2.0").crlf();
        append(viaPrefix).append(branch).crlf();
        append("To: <").append(head.toUri()).append(">");
        if (null != head.toTag())
        {
            append(";tag=").append(head.toTag());
        }
        crlf();
        append("From: <").append(head.fromUri()).append(">;tag=").append(head.fromTag()).crlf();
        append("CSeq: ").append(Long.toString(head.cseq())).append(" ").append(head.method()).crlf();
        header("Call-ID: ", head.callId());
        append("Content-Length: ").decimal(contentLength).crlf();
        header("User-Agent: ", userAgent);
        append("Max-Forwards: ").decimal(MAX_FORWARDS).crlf();
        for (final String route : head.routes())
        {
            header("Route: ", route);
        }
        header("Event: ", head.event());
        append("Contact: <").append(head.contact()).append(">").crlf();
        if (null != headerLine)
        {
            append(headerLine).crlf();
        }
        if (null != body && null != contentType)
        {
            header("Content-Type: ", contentType);
        }
        crlf();
        if (null != body)
        {
            bytes(body, body.length);
        }
        return Arrays.copyOf(buffer, length);
    }

    private void startRequest(final String method, final String requestUri, final String from, final String branch,
        final String fromTag, final String callId, final int contentLength)
    {
        append(method).append(" ").append(requestUri).append(" SIP/2.0").crlf();
        append(viaPrefix).append(branch).crlf();
        append("To: <").append(requestUri).append(">").crlf();
        append("From: <").append(from).append(">;tag=").append(fromTag).crlf();
        append("CSeq: ").decimal(CSEQ).append(" ").append(method).crlf();
        header("Call-ID: ", callId);
        append("Content-Length: ").decimal(contentLength).crlf();
        header("User-Agent: ", userAgent);
        append("Max-Forwards: ").decimal(MAX_FORWARDS).crlf();
    }

    private void header(final String nameColonSpace, final String value)
    {
        append(nameColonSpace).append(value).crlf();
    }

    private SipRequestWriter append(final String text)
    {
        final int n = text.length();
        ensure(n);
        // locals, not the fields, in the loop (the JIT need not store them back in every step)
        final byte[] into = buffer;
        int at = length;
        for (int i = 0; i < n; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                // not ASCII: encode the rest as UTF-8
                length = at;
                final byte[] utf8 = text.substring(i).getBytes(StandardCharsets.UTF_8);
                bytes(utf8, utf8.length);
                return this;
            }
            into[at++] = (byte)c;
        }
        length = at;
        return this;
    }

    private SipRequestWriter decimal(final int value)
    {
        return append(Integer.toString(value));
    }

    private SipRequestWriter crlf()
    {
        bytes(CRLF, CRLF.length);
        return this;
    }

    private void bytes(final byte[] source, final int count)
    {
        ensure(count);
        System.arraycopy(source, 0, buffer, length, count);
        length += count;
    }

    private void ensure(final int extra)
    {
        if (length + extra > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
