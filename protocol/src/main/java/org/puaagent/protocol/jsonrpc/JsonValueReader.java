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

    private JsonValueReader()
    {
    }

    /**
     * A reader over UTF-8 bytes (malformed sequences become U+FFFD). Like Kamailio's parser, every byte up to 0x20
     * outside a string counts as white space (Gson accepts only space, tab, CR and LF).
     */
    static JsonReader open(final byte[] bytes, final int offset, final int length, final int nestingLimit)
    {
        final String text = kamailioWhitespace(new String(bytes, offset, length, StandardCharsets.UTF_8));
        final JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.LEGACY_STRICT);
        reader.setNestingLimit(nestingLimit);
        return reader;
    }

    /** Replaces control characters outside JSON strings, other than tab, CR and LF, with spaces. */
    static String kamailioWhitespace(final String text)
    {
        char[] copy = null;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++)
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
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c < LAST_CONTROL && c != '\t' && c != '\n' && c != '\r')
            {
                if (copy == null)
                {
                    copy = text.toCharArray();
                }
                copy[i] = SPACE;
            }
        }
        return copy == null ? text : new String(copy);
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
