package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Shared JSON reading on top of Gson's {@link JsonReader}: opening a document the way Kamailio's parser sees it,
 * and turning JSON values into {@link RpcValue}s. Static methods; any thread.
 */
final class JsonValueReader
{
    private static final char SPACE = ' ';
    private static final char LAST_CONTROL = 0x20;
    /** Integer digits that always fit Gson's 64-bit accumulator. */
    private static final int MAX_PLAIN_INTEGER_DIGITS = 18;
    private static final int MAX_EXPONENT_DIGITS = 9;
    private static final int EXPONENT_SLACK = 16;

    /** A number literal rewritten in exponent form, and where the original literal ends. */
    private record Rewrite(String literal, int end)
    {
    }

    private JsonValueReader()
    {
    }

    /**
     * A reader over UTF-8 bytes (malformed sequences become U+FFFD), with the text prepared by {@link #prepare}.
     */
    static JsonReader open(final byte[] bytes, final int offset, final int length, final int nestingLimit)
    {
        final String decoded = new String(bytes, offset, length, StandardCharsets.UTF_8);
        final String text = isPrepared(bytes, offset, length) ? decoded : prepare(decoded);
        final JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.LEGACY_STRICT);
        reader.setNestingLimit(nestingLimit);
        return reader;
    }

    /**
     * Whether {@link #prepare} would return the text of these UTF-8 bytes unchanged: outside strings, no control
     * character but tab, CR and LF, and no run of more than {@value #MAX_PLAIN_INTEGER_DIGITS} digits. Every
     * character those rules look at is ASCII, and no byte of a multi-byte UTF-8 sequence is, so the bytes tell
     * as much as the decoded text; one pass over bytes costs a fraction of {@link #prepare}'s pass over
     * characters, which the usual request (a quoted PIDF body) then never needs. May answer false for text that
     * {@link #prepare} leaves alone (a long digit run that continues a token).
     */
    static boolean isPrepared(final byte[] bytes, final int offset, final int length)
    {
        boolean inString = false;
        int digits = 0;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            final byte b = bytes[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b >= '0' && b <= '9')
            {
                if (++digits > MAX_PLAIN_INTEGER_DIGITS)
                {
                    return false;
                }
            }
            else
            {
                digits = 0;
                if (b == '"')
                {
                    inString = true;
                }
                else if (b >= 0 && b < LAST_CONTROL && b != '\t' && b != '\n' && b != '\r')
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Prepares JSON text for Gson without changing its meaning. Outside strings:
     * <ul>
     *   <li>like Kamailio's parser, every control character counts as white space (Gson accepts only space,
     *       tab, CR and LF): the others become spaces;</li>
     *   <li>a number whose integer part has more than {@value #MAX_PLAIN_INTEGER_DIGITS} digits is rewritten
     *       in exponent form with the same digits ({@code 12345678901234567890} becomes
     *       {@code 1.2345678901234567890e19}): Gson rejects some long integer literals as if they had a leading
     *       zero (its 64-bit accumulator wraps to 0, e.g. for 1 followed by 64 zeros or the exact text of
     *       {@code 1e300}), and such literals are what Kamailio's {@code %.0f} prints for large numbers.</li>
     * </ul>
     */
    static String prepare(final String text)
    {
        StringBuilder out = null;
        int copied = 0;
        boolean inString = false;
        boolean escaped = false;
        final int n = text.length();
        int i = 0;
        while (i < n)
        {
            final char c = text.charAt(i);
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                i++;
            }
            else if (c == '"')
            {
                inString = true;
                i++;
            }
            else if (c < LAST_CONTROL && c != '\t' && c != '\n' && c != '\r')
            {
                out = copyUpTo(out, text, copied, i).append(SPACE);
                copied = ++i;
            }
            else if (c >= '1' && c <= '9' && !continuesToken(text, i))
            {
                final int end = digitsEnd(text, i);
                final Rewrite rewrite = end - i > MAX_PLAIN_INTEGER_DIGITS ? exponentForm(text, i, end) : null;
                if (rewrite != null)
                {
                    out = copyUpTo(out, text, copied, i).append(rewrite.literal());
                    copied = rewrite.end();
                    i = rewrite.end();
                }
                else
                {
                    i = end;
                }
            }
            else
            {
                i++;
            }
        }
        if (out == null)
        {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static StringBuilder copyUpTo(final StringBuilder out, final String text, final int from, final int to)
    {
        final StringBuilder b = out == null ? new StringBuilder(text.length() + EXPONENT_SLACK) : out;
        return b.append(text, from, to);
    }

    /** Whether the digit at i continues a token (a fraction, an exponent, a longer number, a bare word). */
    private static boolean continuesToken(final String text, final int i)
    {
        if (i == 0)
        {
            return false;
        }
        final char p = text.charAt(i - 1);
        return Character.isLetterOrDigit(p) || p == '.' || p == '+'
            || p == '-' && i >= 2 && (text.charAt(i - 2) == 'e' || text.charAt(i - 2) == 'E');
    }

    private static int digitsEnd(final String text, final int from)
    {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9')
        {
            i++;
        }
        return i;
    }

    /**
     * The number whose integer digits are text[start, end) (first digit not 0) in exponent form, or null to
     * leave it alone (a malformed fraction or exponent, an exponent of more than nine digits).
     */
    private static Rewrite exponentForm(final String text, final int start, final int end)
    {
        int j = end;
        int fractionStart = end;
        int fractionEnd = end;
        if (j < text.length() && text.charAt(j) == '.')
        {
            fractionStart = j + 1;
            fractionEnd = digitsEnd(text, fractionStart);
            if (fractionEnd == fractionStart)
            {
                return null;
            }
            j = fractionEnd;
        }
        long exponent = 0;
        if (j < text.length() && (text.charAt(j) == 'e' || text.charAt(j) == 'E'))
        {
            int k = j + 1;
            boolean negative = false;
            if (k < text.length() && (text.charAt(k) == '+' || text.charAt(k) == '-'))
            {
                negative = text.charAt(k) == '-';
                k++;
            }
            final int digitsEnd = digitsEnd(text, k);
            if (digitsEnd == k || digitsEnd - k > MAX_EXPONENT_DIGITS)
            {
                return null;
            }
            exponent = Long.parseLong(text.substring(k, digitsEnd));
            exponent = negative ? -exponent : exponent;
            j = digitsEnd;
        }
        final StringBuilder literal = new StringBuilder(end - start + fractionEnd - fractionStart + EXPONENT_SLACK);
        literal.append(text.charAt(start)).append('.').append(text, start + 1, end)
            .append(text, fractionStart, fractionEnd).append('e').append(exponent + (end - start - 1));
        return new Rewrite(literal.toString(), j);
    }

    /** Reads the next value of any type (the reader's nesting limit bounds the recursion). */
    static RpcValue value(final JsonReader reader) throws IOException
    {
        final JsonToken token = reader.peek();
        switch (token)
        {
            case STRING:
                return new RpcString(reader.nextString());
            case NUMBER:
                return number(reader.nextString());
            case BOOLEAN:
                return RpcBool.of(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return RpcNull.INSTANCE;
            case BEGIN_ARRAY:
                return new RpcArray(arrayItems(reader));
            case BEGIN_OBJECT:
                return new RpcStruct(objectMembers(reader));
            default:
                throw new IllegalStateException("unexpected " + token);
        }
    }

    /** Reads an array (the reader is at its '['), returning its items. */
    static List<RpcValue> arrayItems(final JsonReader reader) throws IOException
    {
        final List<RpcValue> items = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext())
        {
            items.add(value(reader));
        }
        reader.endArray();
        return items;
    }

    /** Reads an object (the reader is at its '{'), returning its members in document order. */
    static List<RpcStruct.Member> objectMembers(final JsonReader reader) throws IOException
    {
        final List<RpcStruct.Member> members = new ArrayList<>();
        reader.beginObject();
        while (reader.hasNext())
        {
            final String name = reader.nextName();
            members.add(new RpcStruct.Member(name, value(reader)));
        }
        reader.endObject();
        return members;
    }

    /**
     * A JSON number: {@link RpcInt} when the value is integral and fits in 32 bits (also {@code 1.0},
     * {@code 1e3}, {@code -0}), else {@link RpcDouble} (out-of-range literals become infinities).
     */
    static RpcValue number(final String literal)
    {
        final double d = Double.parseDouble(literal);
        if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE)
        {
            return RpcInt.of((int) d);
        }
        return new RpcDouble(d);
    }

    /**
     * Reads an id member's value: string, number or null. Returns {@code null} (after consuming the value) for
     * a boolean, object or array, which JSON-RPC does not allow as an id.
     */
    static RequestId id(final JsonReader reader) throws IOException
    {
        switch (reader.peek())
        {
            case STRING:
                return new RequestId.JsonText(reader.nextString());
            case NUMBER:
                return new RequestId.JsonNumber(Double.parseDouble(reader.nextString()));
            case NULL:
                reader.nextNull();
                return RequestId.JsonNull.INSTANCE;
            default:
                reader.skipValue();
                return null;
        }
    }

    /** A short reason for a Gson failure, without its troubleshooting link. */
    static String reason(final Exception e)
    {
        final String message = e.getMessage();
        if (message == null)
        {
            return e.getClass().getSimpleName();
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
