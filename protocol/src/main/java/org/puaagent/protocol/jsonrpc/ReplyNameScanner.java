package org.puaagent.protocol.jsonrpc;

import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code "reply_name"} member in the bytes of a FIFO document that could not be parsed (cut short,
 * holding a NUL, too large, not JSON), so that its client can still be told what went wrong.
 *
 * <p>The first occurrence counts, as in the parser: the key {@code "reply_name"} (its opening quote not after a
 * backslash), optional white space, {@code :}, optional white space, then a string of at most
 * {@value #MAX_NAME_BYTES} bytes closed by a {@code "}. A string holding a backslash is not taken (its escapes
 * would have to be decoded from broken input; no usable reply name needs one). Found inside another string or a
 * nested object, the name is taken all the same: any client may name any reply FIFO in a valid request, so this
 * opens no new way to reach one. Stateless; any thread.
 */
public final class ReplyNameScanner
{
    /** Longest name taken (the reply path is limited to 127 bytes anyway). */
    public static final int MAX_NAME_BYTES = 255;

    private static final byte[] KEY = "\"reply_name\"".getBytes(StandardCharsets.US_ASCII);

    private ReplyNameScanner()
    {
    }

    /** The reply name in {@code bytes[from, to)}, or null when none can be read safely. */
    public static String find(final byte[] bytes, final int from, final int to)
    {
        for (int at = indexOfKey(bytes, from, to); at >= 0; at = indexOfKey(bytes, at + 1, to))
        {
            final String name = valueAfterKey(bytes, at + KEY.length, to);
            if (null != name)
            {
                return name;
            }
        }
        return null;
    }

    private static int indexOfKey(final byte[] bytes, final int from, final int to)
    {
        outer:
        for (int i = from; i + KEY.length <= to; i++)
        {
            for (int k = 0; k < KEY.length; k++)
            {
                if (bytes[i + k] != KEY[k])
                {
                    continue outer;
                }
            }
            if (i > 0 && bytes[i - 1] == '\\')
            {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static String valueAfterKey(final byte[] bytes, final int afterKey, final int to)
    {
        int i = skipSpace(bytes, afterKey, to);
        if (i >= to || bytes[i] != ':')
        {
            return null;
        }
        i = skipSpace(bytes, i + 1, to);
        if (i >= to || bytes[i] != '"')
        {
            return null;
        }
        final int start = i + 1;
        final int limit = Math.min(to, start + MAX_NAME_BYTES + 1);
        for (int j = start; j < limit; j++)
        {
            if (bytes[j] == '\\')
            {
                return null;
            }
            if (bytes[j] == '"')
            {
                return new String(bytes, start, j - start, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int skipSpace(final byte[] bytes, final int from, final int to)
    {
        int i = from;
        while (i < to && FifoFramer.isSpace(bytes[i]))
        {
            i++;
        }
        return i;
    }
}
