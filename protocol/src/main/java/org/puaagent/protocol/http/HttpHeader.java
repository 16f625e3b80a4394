package org.puaagent.protocol.http;

import java.util.Objects;

/**
 * One header field of a request, as received: the name in its original case, the value without the spaces and
 * tabs around it. Immutable.
 *
 * @param name  the field name (token characters)
 * @param value the field value, trimmed of surrounding spaces and tabs (ISO-8859-1 decoded)
 */
public record HttpHeader(String name, String value)
{
    public HttpHeader
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
