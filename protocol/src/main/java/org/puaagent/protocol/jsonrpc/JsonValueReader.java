package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

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
 * Shared JSON reading on top of jackson-core's streaming {@link JsonParser}: opening a document the way
 * Kamailio's parser sees it, and turning JSON values into {@link RpcValue}s. Static methods; any thread (the
 * factory is thread-safe, every parser belongs to the call that opened it).
 *
 * <p>What Kamailio's reader accepts beyond standard JSON, and how: control characters inside strings are kept
 * ({@link JsonReadFeature#ALLOW_UNESCAPED_CONTROL_CHARS}); a backslash before any other character stands for
 * that character, as in Kamailio's cJSON-derived parser ({@link JsonReadFeature#ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER});
 * control characters outside strings count as white space ({@link #prepare}). Nesting is bounded by the caller's
 * limit; numbers and strings only by the size of the document.
 */
final class JsonValueReader
{
    private static final char SPACE = ' ';
    private static final char LAST_CONTROL = 0x20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(JsonRpcRequestParser.MAX_NESTING)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .build())
        .build();

    /** What {@link #classify} found in a document's bytes. */
    private static final int NEEDS_PREPARING = 0;
    private static final int PREPARED = 1;
    private static final int PREPARED_ASCII = 2;

    private JsonValueReader()
    {
    }

    /**
     * A parser over UTF-8 bytes (malformed sequences become U+FFFD), with the text prepared by {@link #prepare},
     * at most {@link JsonRpcRequestParser#MAX_NESTING} arrays and objects deep. Pure ASCII that needs no preparing
     * (the usual request) is parsed from the bytes themselves; anything else from its decoded text.
     */
    static JsonParser open(final byte[] bytes, final int offset, final int length) throws IOException
    {
        final int found = classify(bytes, offset, length);
        if (found == PREPARED_ASCII)
        {
            return FACTORY.createParser(bytes, offset, length);
        }
        final String decoded = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return FACTORY.createParser(found == PREPARED ? decoded : prepare(decoded));
    }

    /** Whether {@link #prepare} would return the text of these UTF-8 bytes unchanged (see {@link #classify}). */
    static boolean isPrepared(final byte[] bytes, final int offset, final int length)
    {
        return classify(bytes, offset, length) != NEEDS_PREPARING;
    }

    /**
     * One pass over the bytes: {@link #NEEDS_PREPARING} when there is a control character other than tab, CR and
     * LF outside strings; else {@link #PREPARED_ASCII} when every byte is ASCII, {@link #PREPARED} when not. The
     * characters {@link #prepare} looks at are ASCII, and no byte of a multi-byte UTF-8 sequence is, so the bytes
     * tell as much as the decoded text, at a fraction of the cost of decoding and scanning it.
     */
    private static int classify(final byte[] bytes, final int offset, final int length)
    {
        boolean inString = false;
        boolean ascii = true;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            final byte b = bytes[i];
            if (b < 0)
            {
                ascii = false;
            }
            else if (inString)
            {
                if (b == '\\')
                {
                    i++;
                    if (i < end && bytes[i] < 0)
                    {
                        ascii = false;
                    }
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b < LAST_CONTROL && b != '\t' && b != '\n' && b != '\r')
            {
                return NEEDS_PREPARING;
            }
        }
        return ascii ? PREPARED_ASCII : PREPARED;
    }

    /**
     * Prepares JSON text without changing its meaning: like Kamailio's parser, every control character outside
     * strings counts as white space (JSON allows only space, tab, CR and LF there), so the others become spaces.
     */
    static String prepare(final String text)
    {
        StringBuilder out = null;
        int copied = 0;
        boolean inString = false;
        boolean escaped = false;
        final int n = text.length();
        for (int i = 0; i < n; i++)
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
                if (out == null)
                {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(SPACE);
                copied = i + 1;
            }
        }
        if (out == null)
        {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    /** The first token of the document, or a parse failure for an empty one. */
    static JsonToken first(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.nextToken();
        if (token == null)
        {
            throw new JsonParseException(parser, "empty document");
        }
        return token;
    }

    /** Reads the value whose first token the parser is at (the nesting limit bounds the recursion). */
    static RpcValue value(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case VALUE_STRING:
                return new RpcString(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(parser.getText());
            case VALUE_TRUE:
                return RpcBool.of(true);
            case VALUE_FALSE:
                return RpcBool.of(false);
            case VALUE_NULL:
                return RpcNull.INSTANCE;
            case START_ARRAY:
                return new RpcArray(arrayItems(parser));
            case START_OBJECT:
                return new RpcStruct(objectMembers(parser));
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** Reads an array (the parser is at its '['), returning its items. */
    static List<RpcValue> arrayItems(final JsonParser parser) throws IOException
    {
        final List<RpcValue> items = new ArrayList<>();
        while (next(parser) != JsonToken.END_ARRAY)
        {
            items.add(value(parser));
        }
        return items;
    }

    /** Reads an object (the parser is at its '{'), returning its members in document order. */
    static List<RpcStruct.Member> objectMembers(final JsonParser parser) throws IOException
    {
        final List<RpcStruct.Member> members = new ArrayList<>();
        while (next(parser) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            next(parser);
            members.add(new RpcStruct.Member(name, value(parser)));
        }
        return members;
    }

    /** The next token; the end of the input inside a value is a parse failure. */
    static JsonToken next(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.nextToken();
        if (token == null)
        {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return token;
    }

    /** Skips the value whose first token the parser is at, reading a string to its end (so that it must end). */
    static void skip(final JsonParser parser) throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_STRING)
        {
            parser.finishToken();
        }
        parser.skipChildren();
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
     * Reads an id member's value (the parser is at its first token): string, number or null. Returns
     * {@code null} (after consuming the value) for a boolean, object or array, which JSON-RPC does not allow as
     * an id.
     */
    static RequestId id(final JsonParser parser) throws IOException
    {
        switch (parser.currentToken())
        {
            case VALUE_STRING:
                return new RequestId.JsonText(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new RequestId.JsonNumber(Double.parseDouble(parser.getText()));
            case VALUE_NULL:
                return RequestId.JsonNull.INSTANCE;
            default:
                skip(parser);
                return null;
        }
    }

    /** A short reason for a parse failure, without the parser's location and source excerpt. */
    static String reason(final Exception e)
    {
        final String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (message == null)
        {
            return e.getClass().getSimpleName();
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
