package org.puaagent.agent.transport;

import org.puaagent.protocol.http.HttpRequest;

/**
 * A path of the JSON-RPC HTTP port served by something other than JSON-RPC (the SSE stream {@code GET /events}).
 * The route gets the connection for good: the HTTP session reads no further request from it. The route answers
 * (an error with {@link HttpResponses} and {@link StreamConnection#closeAfterFlush}, or a stream that takes the
 * connection over with {@link StreamConnection#replaceSession}).
 *
 * <p>Threading: {@link #handle} runs on the HTTP server's selector thread and must not block.
 */
@FunctionalInterface
public interface HttpRoute
{
    void handle(HttpRequest request, StreamConnection connection);
}
