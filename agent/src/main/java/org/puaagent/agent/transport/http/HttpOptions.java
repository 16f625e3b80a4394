package org.puaagent.agent.transport.http;

import java.util.List;

/**
 * What the operator chose for the HTTP listener beyond its address: its limits and who may reach it from a web
 * browser. Immutable.
 *
 * @param limits       sizes, timeouts, connections, I/O threads
 * @param allowOrigins origins whose web pages may send requests ({@code --http-allow-origin}; none by default)
 * @param allowHosts   names the Host header may carry besides the listener's address ({@code --http-allow-host})
 */
public record HttpOptions(HttpLimits limits, List<String> allowOrigins, List<String> allowHosts)
{
    public HttpOptions
    {
        allowOrigins = List.copyOf(allowOrigins);
        allowHosts = List.copyOf(allowHosts);
    }

    public static HttpOptions defaults()
    {
        return new HttpOptions(HttpLimits.defaults(), List.of(), List.of());
    }
}
