package org.puaagent.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.puaagent.protocol.binrpc.BinRpcEncoder;
import org.puaagent.protocol.rpc.RequestId;
import org.puaagent.protocol.rpc.RpcInt;
import org.puaagent.protocol.rpc.RpcReply;
import org.puaagent.protocol.rpc.RpcString;
import org.puaagent.protocol.rpc.RpcStruct;
import org.puaagent.protocol.rpc.RpcValue;

/**
 * The inputs every benchmark shares: a typical {@code pua.publish} as kamcmd and a JSON-RPC client send it
 * (presentity {@code sip:alice@127.0.0.1}, expires 3600, event {@code presence}, content type
 * {@code application/pidf+xml}, four "." placeholders, a PIDF body of exactly {@value #BODY_LENGTH} bytes)
 * and its success reply {@code {"SIP-ETag": ..., "Expires": 3600}}. The binrpc layout is the one of the
 * captured kamcmd request (test-fixtures/vectors/binrpc/kamcmd-requests-only/01-*): one str record for the
 * method, then one record per parameter, expires as an int record (kamcmd's typing of {@code 3600}) or as a
 * str record ({@code s:3600}). Static factory methods; immutable constants; any thread.
 */
public final class PublishFixture
{
    /** Length of the PIDF body in bytes (UTF-8, all ASCII). */
    public static final int BODY_LENGTH = 500;
    /** The method name. */
    public static final String METHOD = "pua.publish";
    /** The presentity. */
    public static final String PRESENTITY = "sip:alice@127.0.0.1";
    /** Requested lifetime. */
    public static final int EXPIRES = 3600;
    /** Event package. */
    public static final String EVENT = "presence";
    /** Content type of the body. */
    public static final String CONTENT_TYPE = "application/pidf+xml";
    /** kamcmd's "none" placeholder for id, ETag, outbound proxy and extra headers. */
    public static final String NONE = ".";
    /** A cookie of the size kamcmd's rand() gives (4 bytes on the wire). */
    public static final int COOKIE = 0x2c364d0c;
    /** The JSON-RPC request id (curl's captured request uses 2). */
    public static final int JSON_ID = 2;
    /** An ETag as Kamailio's presence server makes them. */
    public static final String ETAG = "a.1795791743.32696.2.0";
    /** The body: a PIDF document of exactly {@value #BODY_LENGTH} bytes. */
    public static final String BODY = pidfBody();

    private static final String PIDF_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" "
        + "xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:alice@127.0.0.1\">"
        + "<tuple id=\"t1\"><status><basic>open</basic></status><contact>sip:alice@127.0.0.1</contact></tuple>"
        + "<dm:person id=\"p1\"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person><note>";
    private static final String PIDF_TAIL = "</note></presence>";
    private static final String NOTE_TEXT = "In a meeting until 3pm, call my mobile if urgent. ";

    private PublishFixture()
    {
    }

    /** How the expires parameter travels. */
    public enum ExpiresAs
    {
        /** binrpc int record (kamcmd {@code 3600}) / JSON number (kamctl). */
        INT,
        /** binrpc str record (kamcmd {@code s:3600}) / JSON string (curl, Kamailio's own expectation). */
        STRING
    }

    /** The nine positional parameters, expires typed as asked. */
    public static List<RpcValue> params(final ExpiresAs expiresAs)
    {
        final List<RpcValue> params = new ArrayList<>(9);
        params.add(new RpcString(PRESENTITY));
        params.add(expiresAs == ExpiresAs.INT ? RpcInt.of(EXPIRES) : new RpcString(Integer.toString(EXPIRES)));
        params.add(new RpcString(EVENT));
        params.add(new RpcString(CONTENT_TYPE));
        params.add(new RpcString(NONE));
        params.add(new RpcString(NONE));
        params.add(new RpcString(NONE));
        params.add(new RpcString(NONE));
        params.add(new RpcString(BODY));
        return List.copyOf(params);
    }

    /** The binrpc request packet, as kamcmd writes it. */
    public static byte[] binRpcRequest(final ExpiresAs expiresAs)
    {
        return BinRpcEncoder.encodeRequest(COOKIE, METHOD, params(expiresAs));
    }

    /** The success reply of pua.publish: one struct value {SIP-ETag, Expires}. */
    public static RpcReply reply()
    {
        return RpcReply.of(RpcStruct.builder().add("SIP-ETag", ETAG).add("Expires", EXPIRES).build());
    }

    /** The binrpc reply packet as Kamailio's ctl module writes it. */
    public static byte[] binRpcReply()
    {
        return BinRpcEncoder.encodeResponse(COOKIE, reply());
    }

    /** The JSON-RPC request id. */
    public static RequestId jsonId()
    {
        return new RequestId.JsonNumber(JSON_ID);
    }

    /**
     * The JSON-RPC HTTP body as curl posts it (spaces after ':' and ',' like the captured request); expires as
     * a JSON string or number.
     */
    public static byte[] jsonRequest(final ExpiresAs expiresAs)
    {
        final StringBuilder b = new StringBuilder(1024);
        b.append("{\"jsonrpc\": \"2.0\", \"method\": \"").append(METHOD).append("\", \"params\": [");
        jsonString(b, PRESENTITY).append(", ");
        if (expiresAs == ExpiresAs.INT)
        {
            b.append(EXPIRES).append(", ");
        }
        else
        {
            jsonString(b, Integer.toString(EXPIRES)).append(", ");
        }
        jsonString(b, EVENT).append(", ");
        jsonString(b, CONTENT_TYPE).append(", ");
        for (int i = 0; i < 4; i++)
        {
            jsonString(b, NONE).append(", ");
        }
        jsonString(b, BODY).append("], \"id\": ").append(JSON_ID).append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder jsonString(final StringBuilder b, final String s)
    {
        b.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"');
    }

    private static String pidfBody()
    {
        final int noteLength = BODY_LENGTH - PIDF_HEAD.length() - PIDF_TAIL.length();
        if (noteLength < 0)
        {
            throw new IllegalStateException("PIDF skeleton longer than " + BODY_LENGTH);
        }
        final StringBuilder note = new StringBuilder(noteLength + NOTE_TEXT.length());
        while (note.length() < noteLength)
        {
            note.append(NOTE_TEXT);
        }
        note.setLength(noteLength);
        final String body = PIDF_HEAD + note + PIDF_TAIL;
        if (body.getBytes(StandardCharsets.UTF_8).length != BODY_LENGTH)
        {
            throw new IllegalStateException("PIDF body is not " + BODY_LENGTH + " bytes");
        }
        return body;
    }
}
