package org.puaagent.protocol.jsonrpc;

import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON tokens: Kamailio's string escaping, numbers, tabs. Not thread-safe:
 * one thread, one document.
 *
 * <p>Strings: {@code "} {@code \} and the control characters backspace, form feed, LF, CR and tab are escaped
 * as {@code \" \\ \b \f \n \r \t}; other bytes below 0x20 as <code>&#92;u00xx</code> (lowercase hex); everything else,
 * including {@code /} and non-ASCII text, is written raw as UTF-8. A lone surrogate becomes U+FFFD.
 */
final class JsonBytes
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int INITIAL_CAPACITY = 256;
    private static final char REPLACEMENT = '\uFFFD';

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int length;

    byte[] toByteArray()
    {
        return Arrays.copyOf(buffer, length);
    }

    void ascii(final String text)
    {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    void ascii(final char c)
    {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    void tabs(final int count)
    {
        ensure(count);
        for (int i = 0; i < count; i++)
        {
            buffer[length++] = '\t';
        }
    }

    void integer(final int value)
    {
        ascii(Integer.toString(value));
    }

    void kamailioNumber(final double value)
    {
        ascii(KamailioNumbers.format(value));
    }

    /** A JSON string from UTF-16 text. */
    void string(final String text)
    {
        ensure(text.length() + 2);
        buffer[length++] = '"';
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                asciiEscaped(c);
            }
            else if (c < 0x800)
            {
                ensure(2);
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                final int cp = Character.toCodePoint(c, text.charAt(++i));
                ensure(4);
                buffer[length++] = (byte) (0xF0 | cp >> 18);
                buffer[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp & 0x3F);
            }
            else
            {
                threeBytes(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        ensure(1);
        buffer[length++] = '"';
    }

    /** A JSON string from raw bytes (bytes at or above 0x80 pass through unchanged, as Kamailio does). */
    void string(final byte[] bytes)
    {
        ensure(bytes.length + 2);
        buffer[length++] = '"';
        for (final byte b : bytes)
        {
            if (b >= 0)
            {
                asciiEscaped((char) b);
            }
            else
            {
                ensure(1);
                buffer[length++] = b;
            }
        }
        ensure(1);
        buffer[length++] = '"';
    }

    private void threeBytes(final char c)
    {
        ensure(3);
        buffer[length++] = (byte) (0xE0 | c >> 12);
        buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
        buffer[length++] = (byte) (0x80 | c & 0x3F);
    }

    private void asciiEscaped(final char c)
    {
        ensure(6);
        switch (c)
        {
            case '"':
                twoBytes('\\', '"');
                return;
            case '\\':
                twoBytes('\\', '\\');
                return;
            case '\b':
                twoBytes('\\', 'b');
                return;
            case '\f':
                twoBytes('\\', 'f');
                return;
            case '\n':
                twoBytes('\\', 'n');
                return;
            case '\r':
                twoBytes('\\', 'r');
                return;
            case '\t':
                twoBytes('\\', 't');
                return;
            default:
                if (c < FIRST_PRINTABLE)
                {
                    buffer[length++] = '\\';
                    buffer[length++] = 'u';
                    buffer[length++] = '0';
                    buffer[length++] = '0';
                    buffer[length++] = HEX[c >> 4];
                    buffer[length++] = HEX[c & 0xF];
                }
                else
                {
                    buffer[length++] = (byte) c;
                }
        }
    }

    private void twoBytes(final char a, final char b)
    {
        buffer[length++] = (byte) a;
        buffer[length++] = (byte) b;
    }

    private void ensure(final int more)
    {
        if (length + more > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
