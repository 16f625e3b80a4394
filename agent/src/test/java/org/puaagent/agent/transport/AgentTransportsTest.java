package org.puaagent.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.puaagent.agent.Agent;
import org.puaagent.agent.config.CommandLine;
import org.puaagent.protocol.binrpc.BinRpcDecoder;
import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.binrpc.BinRpcResponse;
import org.puaagent.protocol.binrpc.BinRpcResult;
import org.puaagent.protocol.binrpc.BinRpcStreamDecoder;
import org.puaagent.protocol.rpc.RpcFault;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcResponse;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The agent in-process with its embedded presence server, driven through every transport with the project's
 * own clients: binrpc over TCP (pipelined requests, out-of-order completion, protocol errors), JSON-RPC over
 * HTTP, the JSON-RPC FIFO and the MI FIFO; and exactly one reply per request under concurrent mixed load.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTransportsTest
{
    private static final String PIDF = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@127.0.0.1\">"
        + "<tuple id=\"t1\"><status><basic>open</basic></status></tuple></presence>";

    private static Path dir;
    private static Agent agent;
    private static int tcpPort;
    private static int httpPort;

    /** Where the binrpc stream and HTTP listeners run (--transport-thread): here on the pipeline thread. */
    String transportThread()
    {
        return "pipeline";
    }

    @BeforeAll
    void start() throws IOException
    {
        dir = Files.createTempDirectory("pua-agent-test");
        tcpPort = freePort();
        httpPort = freePort();
        final CommandLine.Parsed parsed = CommandLine.parse(new String[] {
            "--binrpc", "tcp:127.0.0.1:" + tcpPort,
            "--binrpc", "unixs:" + dir.resolve("ctl"),
            "--jsonrpc-http", "127.0.0.1:" + httpPort,
            "--jsonrpc-fifo", dir.resolve("rpc.fifo").toString(),
            "--jsonrpc-reply-dir", dir + "/",
            "--mi-fifo", dir.resolve("mi.fifo").toString(),
            "--mi-reply-dir", dir + "/",
            "--sip-listen", "udp:127.0.0.1:0",
            "--presence-listen", "udp:127.0.0.1:0",
            "--presence-failure-users", "on",
            "--transaction-timeout-ms", "1500",
            "--transport-thread", transportThread()});
        assertEquals(null, parsed.error());
        agent = new Agent(parsed.config());
        agent.start();
    }

    @AfterAll
    void stop() throws IOException
    {
        if (null != agent)
        {
            agent.close();
        }
        try (var files = Files.list(dir))
        {
            for (final Path p : files.toList())
            {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1")))
        {
            return s.getLocalPort();
        }
    }

    private static List<RpcValue> publishParams(final String user, final String expires, final String body)
    {
        final List<RpcValue> p = new ArrayList<>(List.of(new RpcString("sip:" + user + "@127.0.0.1"),
            new RpcString(expires), new RpcString("presence"), new RpcString("."), new RpcString("."),
            new RpcString("."), new RpcString("."), new RpcString(".")));
        if (null != body)
        {
            p.add(new RpcString(body));
        }
        return p;
    }

    /** A blocking binrpc client on one TCP connection: writes requests, reads replies in arrival order. */
    private static final class BinRpcConnection implements AutoCloseable
    {
        private final SocketChannel channel;
        private final BinRpcStreamDecoder decoder = new BinRpcStreamDecoder();
        private final List<BinRpcResponse> received = new ArrayList<>();
        private final ByteBuffer buf = ByteBuffer.allocate(65536);
        private boolean closedByPeer;

        BinRpcConnection() throws IOException
        {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", tcpPort));
        }

        void write(final byte[] bytes) throws IOException
        {
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining())
            {
                channel.write(b);
            }
        }

        void send(final int cookie, final String method, final List<RpcValue> params) throws IOException
        {
            write(BinRpcEncoder.encodeRequest(cookie, method, params));
        }

        /** Reads until {@code n} replies have arrived in total (or the peer closes). */
        List<BinRpcResponse> await(final int n) throws IOException
        {
            while (received.size() < n && !closedByPeer)
            {
                buf.clear();
                if (channel.read(buf) < 0)
                {
                    closedByPeer = true;
                    break;
                }
                buf.flip();
                decoder.feed(buf, packet ->
                {
                    final BinRpcResult<BinRpcResponse> r = BinRpcDecoder.decodeResponse(packet);
                    received.add(((BinRpcResult.Decoded<BinRpcResponse>) r).value());
                });
            }
            return received;
        }

        boolean closedByPeer() throws IOException
        {
            buf.clear();
            closedByPeer = closedByPeer || channel.read(buf) < 0;
            return closedByPeer;
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    @Test
    void binrpcPipelinedRequestsGetTheirOwnRepliesByCookie() throws IOException
    {
        try (BinRpcConnection c = new BinRpcConnection())
        {
            final ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(BinRpcEncoder.encodeRequest(0x0a0b0c0d, "pua.publish", publishParams("pipe", "3600", PIDF)));
            both.writeBytes(BinRpcEncoder.encodeRequest(77, "core.version", List.of()));
            c.write(both.toByteArray());
            final Map<Integer, RpcResponse> byCookie = new HashMap<>();
            for (final BinRpcResponse r : c.await(2))
            {
                byCookie.put(r.cookie(), r.response());
            }
            assertEquals(2, byCookie.size());
            final RpcReply version = assertInstanceOf(RpcReply.class, byCookie.get(77));
            assertTrue(((RpcString) version.values().get(0)).value().startsWith("pua-agent"));
            final RpcReply published = assertInstanceOf(RpcReply.class, byCookie.get(0x0a0b0c0d));
            final RpcStruct s = assertInstanceOf(RpcStruct.class, published.values().get(0));
            assertEquals("SIP-ETag", s.members().get(0).name());
            assertEquals("Expires", s.members().get(1).name());
            assertEquals(3600, ((org.puaagent.protocol.rpc.RpcInt) s.get("Expires")).value());
        }
    }

    @Test
    void binrpcSipFailuresAreFaultsWithTheSipStatus() throws IOException
    {
        try (BinRpcConnection c = new BinRpcConnection())
        {
            c.send(1, "pua.publish", publishParams("e412x", "3600", PIDF));
            c.send(2, "pua.publish", publishParams("timeout1", "3600", PIDF));
            c.send(3, "pua.publish", publishParams("nobody", "0", null));
            c.send(4, "no.such", List.of());
            final Map<Integer, RpcResponse> byCookie = new HashMap<>();
            for (final BinRpcResponse r : c.await(4))
            {
                byCookie.put(r.cookie(), r.response());
            }
            assertEquals(new RpcFault(412, "Conditional Request Failed"), byCookie.get(1));
            assertEquals(new RpcFault(408, "Request Timeout"), byCookie.get(2));
            assertEquals(RpcReply.empty(), byCookie.get(3), "unpublish of nothing answers {} (Kamailio: never)");
            assertEquals(new RpcFault(500, "command no.such not found"), byCookie.get(4));
        }
    }

    @Test
    void binrpcBadMagicGetsKamailiosFaultAndTheConnectionCloses() throws IOException
    {
        try (BinRpcConnection c = new BinRpcConnection())
        {
            c.write(new byte[] {(byte) 0xa2, 0x00, 0x01, 0x01});
            final List<BinRpcResponse> replies = c.await(1);
            assertEquals(1, replies.size());
            assertEquals(0, replies.get(0).cookie());
            assertEquals(new RpcFault(400, "bad request: corrupted packet"), replies.get(0).response());
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void exactlyOneReplyPerRequestUnderConcurrentMixedLoad() throws Exception
    {
        final int connections = 4;
        final int perConnection = 500;
        final List<CompletableFuture<Map<Integer, Integer>>> runs = new ArrayList<>();
        for (int c = 0; c < connections; c++)
        {
            final int conn = c;
            runs.add(CompletableFuture.supplyAsync(() ->
            {
                try (BinRpcConnection bc = new BinRpcConnection())
                {
                    final ByteArrayOutputStream all = new ByteArrayOutputStream();
                    for (int i = 0; i < perConnection; i++)
                    {
                        final int cookie = conn * 100_000 + i;
                        switch (i % 5)
                        {
                            case 0 -> all.writeBytes(BinRpcEncoder.encodeRequest(cookie, "pua.publish",
                                publishParams("u" + (i % 50), "3600", PIDF)));
                            case 1 -> all.writeBytes(BinRpcEncoder.encodeRequest(cookie, "pua.publish",
                                publishParams("e503" + i, "3600", PIDF)));
                            case 2 -> all.writeBytes(BinRpcEncoder.encodeRequest(cookie, "pua.send_publish",
                                publishParams("s" + i, "60", PIDF)));
                            case 3 -> all.writeBytes(BinRpcEncoder.encodeRequest(cookie, "pua.publish",
                                publishParams("bad uri", "3600", PIDF)));
                            default -> all.writeBytes(BinRpcEncoder.encodeRequest(cookie, "core.echo",
                                List.of(new RpcString("x"))));
                        }
                    }
                    bc.write(all.toByteArray());
                    final Map<Integer, Integer> count = new HashMap<>();
                    for (final BinRpcResponse r : bc.await(perConnection))
                    {
                        count.merge(r.cookie(), 1, Integer::sum);
                    }
                    return count;
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }));
        }
        for (int c = 0; c < connections; c++)
        {
            final Map<Integer, Integer> count = runs.get(c).get(100, TimeUnit.SECONDS);
            assertEquals(perConnection, count.size(), "every request of connection " + c + " answered");
            for (final Map.Entry<Integer, Integer> e : count.entrySet())
            {
                assertEquals(1, e.getValue(), "cookie " + e.getKey() + " answered once");
                assertEquals(c, e.getKey() / 100_000, "reply on the connection of its request");
            }
        }
        assertEquals(0, agent.counters().get("errors.duplicate_reply"));
    }

    @Test
    void jsonRpcOverHttp() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final String body = "{\"jsonrpc\":\"2.0\",\"method\":\"pua.publish\",\"params\":[\"sip:h@127.0.0.1\",\"3600\","
            + "\"presence\",\".\",\".\",\".\",\".\",\".\",\"" + PIDF.replace("\"", "\\\"") + "\"],\"id\":5}";
        final HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/RPC"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().startsWith("{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t\t\"SIP-ETag\":\t\""), ok.body());
        assertTrue(ok.body().endsWith("\t\t\"Expires\":\t3600\n\t},\n\t\"id\":\t5\n}"), ok.body());

        final HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/jsonrpc"))
            .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, bad.statusCode());
        assertTrue(bad.body().contains("-32700"), bad.body());

        final HttpResponse<String> wrongPath = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/x"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongPath.statusCode());
    }

    /** Writes {@code request} into {@code fifo} and reads the reply fifo {@code replyName} to EOF. */
    private static String fifoExchange(final Path fifo, final String replyName, final String request) throws Exception
    {
        final Path reply = dir.resolve(replyName);
        Files.deleteIfExists(reply);
        Fifo.create(reply, 0600);
        final CompletableFuture<String> read = CompletableFuture.supplyAsync(() ->
        {
            try (InputStream in = new FileInputStream(reply.toFile()))
            {
                // FileInputStream.readAllBytes seeks, which a FIFO refuses: read in a loop
                final ByteArrayOutputStream all = new ByteArrayOutputStream();
                final byte[] chunk = new byte[4096];
                int n;
                while ((n = in.read(chunk)) > 0)
                {
                    all.write(chunk, 0, n);
                }
                return all.toString(StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        try (FileOutputStream out = new FileOutputStream(fifo.toFile()))
        {
            out.write(request.getBytes(StandardCharsets.UTF_8));
        }
        final String text = read.get(30, TimeUnit.SECONDS);
        Files.deleteIfExists(reply);
        return text;
    }

    @Test
    void jsonRpcOverFifoAnswersPuaPublishWithTheFinalOutcome() throws Exception
    {
        final String req = "{\"jsonrpc\": \"2.0\", \"method\": \"pua.publish\", \"params\": [\"sip:f@127.0.0.1\", 3600, "
            + "\"presence\", \".\", \".\", \".\", \".\", \".\", \"" + PIDF.replace("\"", "\\\"")
            + "\"], \"reply_name\": \"jreply1\", \"id\": 99}\n";
        final String text = fifoExchange(dir.resolve("rpc.fifo"), "jreply1", req);
        assertTrue(text.contains("\"SIP-ETag\":\t\""), text);
        assertTrue(text.contains("\"id\":\t99"), text);
    }

    @Test
    void miFifoPublishRepliesWithTheSipOutcomeTree() throws Exception
    {
        final String req = ":pua_publish:mreply1\nsip:m@127.0.0.1\n3600\npresence\n.\n.\n.\n.\n"
            + "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:m@127.0.0.1'><tuple id='t1'><status>"
            + "<basic>open</basic></status></tuple></presence>\n\n";
        final String text = fifoExchange(dir.resolve("mi.fifo"), "mreply1", req);
        assertTrue(text.matches("200 OK\n200 OK\nETag:: \\S+\nExpires:: 3600\n\n"), text);

        final String unknown = fifoExchange(dir.resolve("mi.fifo"), "mreply2", ":nope:mreply2\n\n");
        assertEquals("500 command 'nope' not available\n", unknown);
    }
}
