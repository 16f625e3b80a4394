package org.puaagent.protocol.http;

import java.util.Objects;

/**
 * Why an HTTP request stream cannot go on: the status a server answers with before closing the connection, its
 * reason phrase and a message saying what was wrong. Immutable.
 *
 * @param status  the HTTP status code (400, 413, 431, 501, 505)
 * @param reason  the standard reason phrase of {@code status}
 * @param message what is wrong with the input (diagnostics)
 */
public record HttpFailure(int status, String reason, String message)
{
    /** 400: malformed request line, header or chunked framing. */
    public static final int BAD_REQUEST = 400;
    /** 413: the body is larger than allowed. */
    public static final int PAYLOAD_TOO_LARGE = 413;
    /** 431: the head is larger than allowed. */
    public static final int HEADER_FIELDS_TOO_LARGE = 431;
    /** 501: a transfer coding this decoder does not implement. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 505: an HTTP version other than 1.0 and 1.1. */
    public static final int VERSION_NOT_SUPPORTED = 505;

    public HttpFailure
    {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    static HttpFailure badRequest(final String message)
    {
        return new HttpFailure(BAD_REQUEST, "Bad Request", message);
    }

    static HttpFailure payloadTooLarge(final String message)
    {
        return new HttpFailure(PAYLOAD_TOO_LARGE, "Payload Too Large", message);
    }

    static HttpFailure headerFieldsTooLarge(final String message)
    {
        return new HttpFailure(HEADER_FIELDS_TOO_LARGE, "Request Header Fields Too Large", message);
    }

    static HttpFailure notImplemented(final String message)
    {
        return new HttpFailure(NOT_IMPLEMENTED, "Not Implemented", message);
    }

    static HttpFailure versionNotSupported(final String message)
    {
        return new HttpFailure(VERSION_NOT_SUPPORTED, "HTTP Version Not Supported", message);
    }
}
