package org.puaagent.protocol.http;

/**
 * Receives what an {@link HttpRequestDecoder} decodes, in stream order. Called on the decoder's (owner) thread
 * only, from inside {@code feed}. The handler may call {@link HttpRequestDecoder#stop()} to make the current
 * request the last one delivered.
 */
public interface HttpRequestHandler
{
    /** A complete request, in stream order. */
    void onRequest(HttpRequest request);

    /**
     * The head of a request with "Expect: 100-continue" is complete and its body has not fully arrived: the
     * server may send "100 Continue". Called at most once per request, before onRequest of that request.
     */
    default void onContinue()
    {
    }
}
