package org.puaagent.protocol.jsonrpc;

/**
 * The brace count of a jsonrpcs FIFO document, one byte at a time (spec jsonrpc.md section 5.2): braces count
 * outside string literals; a literal starts with {@code "} or {@code '} that does not follow a backslash and
 * ends at the same quote character; inside it a backslash escapes the next byte, so braces and the other quote
 * character inside are text. The document ends when the count returns to zero.
 *
 * <p>Deviation: Kamailio only looks at the byte before a quote, so a literal ending in an escaped backslash
 * ({@code "C:\\"}) stays open there and the stream is mis-framed; here it closes, which only changes input
 * Kamailio cannot serve. Not thread-safe: part of one {@link FifoFramer}.
 */
final class BraceScanner
{
    private int depth;
    private byte quote;
    private boolean escaped;
    private byte previous;

    /** Back to the state before a document's first byte. */
    void reset()
    {
        depth = 0;
        quote = 0;
        escaped = false;
        previous = 0;
    }

    /** Advances by one byte of a document (its first byte is its opening brace); true when it just ended. */
    boolean step(final byte b)
    {
        final byte before = previous;
        previous = b;
        if (quote != 0)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (b == '\\')
            {
                escaped = true;
            }
            else if (b == quote)
            {
                quote = 0;
            }
            return false;
        }
        if ((b == '"' || b == '\'') && before != '\\')
        {
            quote = b;
            return false;
        }
        if (b == '{')
        {
            depth++;
        }
        else if (b == '}')
        {
            depth--;
            return depth == 0;
        }
        return false;
    }
}
