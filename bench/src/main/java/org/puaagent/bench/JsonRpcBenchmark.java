package org.puaagent.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.puaagent.protocol.jsonrpc.JsonLayout;
import org.puaagent.protocol.jsonrpc.JsonRpcInput;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestEncoder;
import org.puaagent.protocol.jsonrpc.JsonRpcRequestParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseParser;
import org.puaagent.protocol.jsonrpc.JsonRpcResponseWriter;
import org.puaagent.protocol.jsonrpc.ReceivedReply;
import org.puaagent.protocol.pua.PuaArgs;
import org.puaagent.protocol.pua.PublishRequest;
import org.puaagent.protocol.pua.RpcPublishArgs;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcRequest;

/**
 * JSON-RPC over HTTP, the same {@code pua.publish} (body of the HTTP POST, as curl sends it) and its reply.
 * Server side: {@link JsonRpcRequestParser#parse} (alone, and followed by {@link RpcPublishArgs#decode}),
 * {@link JsonRpcResponseWriter} in Kamailio's pretty (default) and compact layouts. Client side:
 * {@link JsonRpcRequestEncoder#encode} and {@link JsonRpcResponseParser#parse} of the pretty reply. JMH state:
 * one thread per instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JsonRpcBenchmark
{
    private static final JsonRpcRequestParser PARSER = JsonRpcRequestParser.kamailio();
    private static final JsonRpcResponseWriter PRETTY = JsonRpcResponseWriter.kamailio(JsonLayout.PRETTY);
    private static final JsonRpcResponseWriter COMPACT = JsonRpcResponseWriter.kamailio(JsonLayout.COMPACT);

    /** The request's expires parameter and how the client request is encoded. */
    @State(Scope.Thread)
    public static class Request
    {
        /** STRING: {@code "3600"} (curl; what Kamailio accepts); INT: {@code 3600} (kamctl). */
        @Param({"INT", "STRING"})
        public PublishFixture.ExpiresAs expires;

        byte[] body;

        @Setup(Level.Trial)
        public void setUp()
        {
            body = PublishFixture.jsonRequest(expires);
            final PuaArgs<PublishRequest> args = decode(body);
            if (!(args instanceof PuaArgs.Ok<PublishRequest> ok) || ok.request().expires() != PublishFixture.EXPIRES
                || !PublishFixture.BODY.equals(ok.request().body()))
            {
                throw new IllegalStateException("JSON request did not decode: " + args);
            }
        }
    }

    private RpcReply reply;
    private RpcRequest clientRequest;
    private byte[] prettyReply;

    @Setup(Level.Trial)
    public void setUp()
    {
        reply = PublishFixture.reply();
        clientRequest = new RpcRequest(PublishFixture.METHOD, PublishFixture.params(PublishFixture.ExpiresAs.STRING),
            PublishFixture.jsonId());
        prettyReply = PRETTY.write(reply, PublishFixture.jsonId());
        final String expected = "{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t\t\"SIP-ETag\":\t\"" + PublishFixture.ETAG
            + "\",\n\t\t\"Expires\":\t3600\n\t},\n\t\"id\":\t2\n}";
        if (!expected.equals(new String(prettyReply, StandardCharsets.UTF_8)))
        {
            throw new IllegalStateException("pretty reply differs from Kamailio's");
        }
        if (!(JsonRpcResponseParser.parse(prettyReply) instanceof ReceivedReply.Answer a) || !a.response().equals(reply))
        {
            throw new IllegalStateException("reply did not parse back");
        }
        final JsonRpcInput back = PARSER.parse(JsonRpcRequestEncoder.encode(clientRequest));
        if (!(back instanceof JsonRpcInput.Call c) || !c.request().equals(clientRequest))
        {
            throw new IllegalStateException("client request did not parse back: " + back);
        }
    }

    static PuaArgs<PublishRequest> decode(final byte[] body)
    {
        final JsonRpcInput input = PARSER.parse(body);
        if (input instanceof JsonRpcInput.Call call)
        {
            return RpcPublishArgs.decode(call.request().params());
        }
        return null;
    }

    /** Server: the HTTP body to a {@link JsonRpcInput} (RpcRequest tree). */
    @Benchmark
    public Object requestParse(final Request r)
    {
        return PARSER.parse(r.body);
    }

    /** Server: parse, then the pua.publish arguments (the counterpart of binrpc decodeTreeAndPuaArgs). */
    @Benchmark
    public Object requestParseAndPuaArgs(final Request r)
    {
        return decode(r.body);
    }

    /** Server: the reply in Kamailio's default pretty layout. */
    @Benchmark
    public byte[] replyWritePretty()
    {
        return PRETTY.write(reply, PublishFixture.jsonId());
    }

    /** Server: the reply in the compact layout ({@code pretty_format=0}). */
    @Benchmark
    public byte[] replyWriteCompact()
    {
        return COMPACT.write(reply, PublishFixture.jsonId());
    }

    /** Client: the request document. */
    @Benchmark
    public byte[] requestEncode()
    {
        return JsonRpcRequestEncoder.encode(clientRequest);
    }

    /** Client: the pretty reply document to id + response. */
    @Benchmark
    public Object replyParse()
    {
        return JsonRpcResponseParser.parse(prettyReply);
    }
}
