package org.puaagent.agent.transport.http;

import java.util.List;

/**
 * What the operator chose for the HTTP listener beyond its address: its limits and who may reach it from a web
 * browser. Immutable.
 *
 * @param limits       sizes, timeouts, connections, I/O threads
 * @param allowOrigins origins whose web pages may send requests ({@code --http-allow-origin}; none by default)
 * @param allowHosts   names the Host header may carry besides the listener's address ({@code --http-allow-host})
 * @param maxEventStreams event streams ({@code GET /events}) open at once; more get 503, so that streams never take
 *                     the connections JSON-RPC needs ({@code --sse-max-clients})
 */
public record HttpOptions(HttpLimits limits, List<String> allowOrigins, List<String> allowHosts, int maxEventStreams)
{
    public static final int DEFAULT_MAX_EVENT_STREAMS = 256;

    public HttpOptions
    {
        allowOrigins = List.copyOf(allowOrigins);
        allowHosts = List.copyOf(allowHosts);
        if (maxEventStreams <= 0)
        {
            throw new IllegalArgumentException("event streams at most must be positive, not " + maxEventStreams);
        }
    }

    public static HttpOptions defaults()
    {
        return new HttpOptions(HttpLimits.defaults(), List.of(), List.of(), DEFAULT_MAX_EVENT_STREAMS);
    }

    public HttpOptions withLimits(final HttpLimits other)
    {
        return new HttpOptions(other, allowOrigins, allowHosts, maxEventStreams);
    }
}
