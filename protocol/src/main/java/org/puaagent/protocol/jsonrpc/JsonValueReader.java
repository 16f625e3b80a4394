package org.puaagent.protocol.jsonrpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final byte SPACE = ' ';
    private static final byte LAST_CONTROL = 0x20;

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

    private JsonValueReader()
    {
    }

    /**
     * A document as the parser gets it: UTF-8 bytes (the caller's own when nothing had to change, else a prepared
     * copy) and whether every byte is ASCII. Immutable once made; any thread.
     */
    record Document(byte[] bytes, int offset, int length, boolean ascii)
    {
        /** The decoded text (malformed UTF-8 sequences become U+FFFD). */
        String text()
        {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    /**
     * A parser over UTF-8 bytes prepared by {@link #prepare}, at most {@link JsonRpcRequestParser#MAX_NESTING}
     * arrays and objects deep. An ASCII document (the usual request) is parsed from its bytes; any other from its
     * decoded text, so that malformed UTF-8 reads as U+FFFD.
     */
    static JsonParser open(final byte[] bytes, final int offset, final int length) throws IOException
    {
        final Document document = prepare(bytes, offset, length);
        return document.ascii() ? FACTORY.createParser(document.bytes(), document.offset(), document.length())
            : FACTORY.createParser(document.text());
    }

    /**
     * Prepares a JSON document without changing its meaning, in one pass over its bytes: like Kamailio's parser,
     * every control character outside strings counts as white space (JSON allows only space, tab, CR and LF
     * there), so the others become spaces, in a copy made only when there is one. Every byte this looks at or
     * changes is ASCII, and no byte of a multi-byte UTF-8 sequence is, so the result decodes to what the same
     * rule gives on the decoded text.
     */
    static Document prepare(final byte[] bytes, final int offset, final int length)
    {
        byte[] copy = null;
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
                if (copy == null)
                {
                    copy = Arrays.copyOfRange(bytes, offset, end);
                }
                copy[i - offset] = SPACE;
            }
        }
        return copy == null ? new Document(bytes, offset, length, ascii) : new Document(copy, 0, length, ascii);
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
