package org.puaagent.agent.pipeline;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A tiny scripted SIP peer on 127.0.0.1 for flows the embedded presence server does not produce (a NOTIFY
 * before the 2xx, terminated states): the test reads what the agent sends and writes answers and NOTIFYs by
 * hand. Test code; one test thread.
 */
final class ScriptedNotifier implements AutoCloseable
{
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final DatagramChannel channel;
    private final int port;
    private long branches;
    private final java.util.List<String> sentNotifies = new java.util.ArrayList<>();

    /** A received message and where it came from. */
    record Received(String text, InetSocketAddress source)
    {
        String header(final String name)
        {
            return ScriptedNotifier.header(text, name);
        }

        boolean isRequest(final String method)
        {
            return text.startsWith(method + " ");
        }
    }

    ScriptedNotifier() throws IOException
    {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
        port = ((InetSocketAddress)channel.getLocalAddress()).getPort();
    }

    /** A presentity URI that routes to this peer. */
    String presentity(final String user)
    {
        return "sip:" + user + "@127.0.0.1:" + port;
    }

    /** The next message matching {@code filter} (others, e.g. retransmissions, are skipped). */
    Received receive(final Predicate<Received> filter) throws IOException
    {
        final byte[] buffer = new byte[65536];
        while (true)
        {
            final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try
            {
                channel.socket().receive(packet);
            }
            catch (final SocketTimeoutException ex)
            {
                throw new AssertionError("nothing matching received");
            }
            final Received received = new Received(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8),
                (InetSocketAddress)packet.getSocketAddress());
            if (filter.test(received))
            {
                return received;
            }
        }
    }

    Received receiveRequest(final String method) throws IOException
    {
        return receive(r -> r.isRequest(method));
    }

    /** The next response to our NOTIFY with this CSeq number. */
    Received receiveNotifyAnswer(final long cseq) throws IOException
    {
        return receive(r -> r.text.startsWith("SIP/2.0 ") && (cseq + " NOTIFY").equals(r.header("CSeq")));
    }

    void send(final String text, final InetSocketAddress to) throws IOException
    {
        channel.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), to);
    }

    /** Answers a request with {@code status}, adding {@code toTag} to To when it has none. */
    void answer(final Received request, final int status, final String reason, final String toTag,
        final String extraHeaders) throws IOException
    {
        String to = request.header("To");
        if (!to.contains(";tag=") && null != toTag)
        {
            to = to + ";tag=" + toTag;
        }
        send("SIP/2.0 " + status + " " + reason + "\r\nVia: " + request.header("Via") + "\r\nFrom: "
            + request.header("From") + "\r\nTo: " + to + "\r\nCall-ID: " + request.header("Call-ID") + "\r\nCSeq: "
            + request.header("CSeq") + "\r\n" + (null == extraHeaders ? "" : extraHeaders)
            + "Content-Length: 0\r\n\r\n", request.source());
    }

    /** Sends a NOTIFY in the dialog of {@code subscribe} to the agent's Contact. */
    void notify(final Received subscribe, final String ourTag, final long cseq, final String state,
        final String body) throws IOException
    {
        final String content = null == body ? "" : body;
        final String target = header(subscribe.text, "Contact").replaceAll("[<>]", "");
        final String to = subscribe.header("To");
        final String from = to.contains(";tag=") ? to : to + ";tag=" + ourTag;
        final String text = "NOTIFY " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port
            + ";branch=z9hG4bKscripted" + (++branches) + "\r\nTo: " + subscribe.header("From") + "\r\nFrom: " + from
            + "\r\nCall-ID: " + subscribe.header("Call-ID") + "\r\nCSeq: " + cseq
            + " NOTIFY\r\nMax-Forwards: 70\r\nEvent: presence\r\n"
            + "Contact: <sip:127.0.0.1:" + port + ">\r\nSubscription-State: " + state + "\r\n"
            + (null == body ? "" : "Content-Type: application/pidf+xml\r\n")
            + "Content-Length: " + content.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + content;
        sentNotifies.add(text);
        send(text, subscribe.source());
    }

    /** Sends again, byte for byte (same branch), the {@code n}-th NOTIFY sent (1 = the first) to the agent. */
    void retransmitNotify(final int n, final Received subscribe) throws IOException
    {
        send(sentNotifies.get(n - 1), subscribe.source());
    }

    static String header(final String message, final String name)
    {
        final int end = message.indexOf("\r\n\r\n");
        for (final String line : message.substring(0, end < 0 ? message.length() : end).split("\r\n"))
        {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
            {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
