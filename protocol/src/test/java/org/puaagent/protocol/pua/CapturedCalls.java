package org.puaagent.protocol.pua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.puaagent.protocol.rpc.RpcArray;
import org.puaagent.protocol.rpc.RpcBool;
import org.puaagent.protocol.rpc.RpcDouble;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcNull;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * Reads captured calls of the real tools (test-fixtures/vectors): the parameters a client sent and the
 * fault Kamailio answered. JSON-RPC cases are parsed with Gson; kamcmd cases with a minimal binrpc reader
 * (int, str and double records only: enough for the pua calls).
 */
final class CapturedCalls
{
    /** One captured call: its parameters ({@code null}: no params member) and Kamailio's fault, if any. */
    record Call(String name, String method, List<RpcValue> params, RpcFault fault)
    {
    }

    private static final int BINRPC_MAGIC = 0xa1;
    private static final int BINRPC_FAULT = 3;
    private static final int TYPE_INT = 0;
    private static final int TYPE_STR = 1;
    private static final int TYPE_DOUBLE = 2;
    private static final double FIXED_POINT = 1000.0;

    private CapturedCalls()
    {
    }

    static Path vectors()
    {
        final String dir = System.getProperty("puaagent.vectors");
        assertNotNull(dir, "system property puaagent.vectors (set by surefire)");
        return Paths.get(dir);
    }

    private static Path find(final Path dir, final String prefix, final String suffix)
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "-*" + suffix))
        {
            for (final Path p : files)
            {
                return p;
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no vector " + dir + "/" + prefix + "-*" + suffix);
    }

    private static String httpBody(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final int split = text.indexOf("\r\n\r\n");
        return split < 0 ? "" : text.substring(split + 4);
    }

    /** jsonrpc/http/NN-*.req.http and .rep.http. */
    static Call http(final String number)
    {
        try
        {
            final Path dir = vectors().resolve("jsonrpc/http");
            final Path req = find(dir, number, ".req.http");
            final JsonObject request = JsonParser.parseString(httpBody(req)).getAsJsonObject();
            List<RpcValue> params = null;
            if (request.has("params"))
            {
                params = new ArrayList<>();
                final JsonElement p = request.get("params");
                if (p.isJsonArray())
                {
                    for (final JsonElement e : p.getAsJsonArray())
                    {
                        params.add(value(e));
                    }
                }
                else
                {
                    for (final Map.Entry<String, JsonElement> e : p.getAsJsonObject().entrySet())
                    {
                        params.add(value(e.getValue()));
                    }
                }
            }
            final String name = req.getFileName().toString().replace(".req.http", "");
            final Path rep = dir.resolve(name + ".rep.http");
            RpcFault fault = null;
            final JsonObject reply = JsonParser.parseString(httpBody(rep)).getAsJsonObject();
            if (reply.has("error"))
            {
                final JsonObject error = reply.getAsJsonObject("error");
                fault = new RpcFault(error.get("code").getAsInt(), error.get("message").getAsString());
            }
            return new Call(name, request.get("method").getAsString(), params, fault);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static RpcValue value(final JsonElement e)
    {
        if (e.isJsonNull())
        {
            return RpcNull.INSTANCE;
        }
        if (e.isJsonArray())
        {
            final List<RpcValue> items = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> items.add(value(x)));
            return new RpcArray(items);
        }
        if (e.isJsonObject())
        {
            final RpcStruct.Builder b = RpcStruct.builder();
            e.getAsJsonObject().entrySet().forEach(m -> b.add(m.getKey(), value(m.getValue())));
            return b.build();
        }
        final var primitive = e.getAsJsonPrimitive();
        if (primitive.isBoolean())
        {
            return RpcBool.of(primitive.getAsBoolean());
        }
        if (primitive.isString())
        {
            return new RpcString(primitive.getAsString());
        }
        final BigDecimal number = primitive.getAsBigDecimal();
        try
        {
            return RpcInt.of(number.intValueExact());
        }
        catch (final ArithmeticException notAnInt)
        {
            return new RpcDouble(number.doubleValue());
        }
    }

    /** binrpc/kamcmd/NN-*.req.bin and .rep.bin. */
    static Call kamcmd(final String number)
    {
        try
        {
            final Path dir = vectors().resolve("binrpc/kamcmd");
            final Path req = find(dir, number, ".req.bin");
            final String name = req.getFileName().toString().replace(".req.bin", "");
            final List<RpcValue> request = records(Files.readAllBytes(req));
            final List<RpcValue> reply = records(Files.readAllBytes(dir.resolve(name + ".rep.bin")));
            final byte[] rep = Files.readAllBytes(dir.resolve(name + ".rep.bin"));
            RpcFault fault = null;
            if ((rep[1] & 0xff) >> 4 == BINRPC_FAULT)
            {
                fault = new RpcFault(((RpcInt) reply.get(0)).value(), ((RpcString) reply.get(1)).value());
            }
            final String method = ((RpcString) request.get(0)).value();
            return new Call(name, method, request.subList(1, request.size()), fault);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of one binrpc packet (header skipped). */
    private static List<RpcValue> records(final byte[] b)
    {
        assertEquals(BINRPC_MAGIC, b[0] & 0xff, "binrpc magic");
        final int lengthBytes = ((b[1] >> 2) & 3) + 1;
        final int cookieBytes = (b[1] & 3) + 1;
        int bodyLength = 0;
        for (int i = 0; i < lengthBytes; i++)
        {
            bodyLength = (bodyLength << 8) | (b[2 + i] & 0xff);
        }
        int pos = 2 + lengthBytes + cookieBytes;
        final int end = pos + bodyLength;
        final List<RpcValue> out = new ArrayList<>();
        while (pos < end)
        {
            final int tag = b[pos++] & 0xff;
            final int type = tag & 0x0f;
            int length;
            if (type == TYPE_DOUBLE)
            {
                length = tag >> 4;
            }
            else if ((tag & 0x80) == 0)
            {
                length = (tag >> 4) & 7;
            }
            else
            {
                final int sizeBytes = (tag >> 4) & 7;
                length = 0;
                for (int i = 0; i < sizeBytes; i++)
                {
                    length = (length << 8) | (b[pos++] & 0xff);
                }
            }
            long v = 0;
            switch (type)
            {
                case TYPE_INT, TYPE_DOUBLE ->
                {
                    for (int i = 0; i < length; i++)
                    {
                        v = (v << 8) | (b[pos + i] & 0xff);
                    }
                    if (type == TYPE_INT)
                    {
                        out.add(RpcInt.of((int) v));
                    }
                    else
                    {
                        out.add(new RpcDouble(v / FIXED_POINT));
                    }
                }
                case TYPE_STR -> out.add(new RpcString(new String(b, pos, length - 1, StandardCharsets.UTF_8)));
                default -> throw new AssertionError("record type " + type + " not needed by these vectors");
            }
            pos += length;
        }
        return out;
    }
}
