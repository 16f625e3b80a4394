package org.puaagent.protocol.http;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One complete HTTP/1.x request. Immutable: the body array is handed over by the decoder and must not be
 * modified. {@code equals}, {@code hashCode} and {@code toString} use the body's content.
 *
 * @param method         the request method (token characters, case as received)
 * @param target         the request-target as received
 * @param path           the path part of the target: up to '?' for origin-form, the path of an absolute-form
 *                       target ("/" if it has none), "*" for asterisk-form, the target itself otherwise
 * @param minorVersion   0 for HTTP/1.0, 1 for HTTP/1.1
 * @param keepAlive      whether the connection stays open after this request
 * @param expectContinue HTTP/1.1 with "Expect: 100-continue"
 * @param headers        all header fields in arrival order
 * @param body           the body (de-chunked), empty if none
 */
public record HttpRequest(String method, String target, String path, int minorVersion, boolean keepAlive,
    boolean expectContinue, List<HttpHeader> headers, byte[] body)
{
    public HttpRequest
    {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** First value of the header (case-insensitive name), or null. */
    public String header(final String name)
    {
        for (int i = 0, n = headers.size(); i < n; i++)
        {
            final HttpHeader h = headers.get(i);
            if (h.name().equalsIgnoreCase(name))
            {
                return h.value();
            }
        }
        return null;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof HttpRequest r && minorVersion == r.minorVersion && keepAlive == r.keepAlive
            && expectContinue == r.expectContinue && method.equals(r.method) && target.equals(r.target)
            && path.equals(r.path) && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(method, target, path, minorVersion, keepAlive, expectContinue, headers)
            * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString()
    {
        return "HttpRequest[" + method + " " + target + " (path " + path + ") HTTP/1." + minorVersion
            + ", keepAlive=" + keepAlive + ", expectContinue=" + expectContinue + ", headers=" + headers
            + ", body=" + body.length + " bytes " + Arrays.toString(body) + "]";
    }
}
