package org.puaagent.agent.presence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A UDP relay between a SIP client (the agent) and a presence server that records every request the client
 * sends through it, with the status and SIP-ETag the server answered: what tests need to see of the wire, kept
 * on the test side (the server records nothing). The client sends to {@link #uri()}; requests go on to the
 * server from a second socket, answers come back from the first, so the client sees the relay as its next hop
 * and the server sees the relay's second socket as the client. Both ways the Contact that names the sender's
 * own address is rewritten to the relay's socket facing the other side, so in-dialog requests and the server's
 * NOTIFYs (and their answers) pass the relay too; a Contact naming anything else (a watcher URI) is left
 * alone. {@link #target} points the relay at another server (a restarted one). Test code: the relay runs on its
 * own thread; the other methods are for any thread.
 */
public final class RecordingRelay implements AutoCloseable
{
    private static final int MAX_DATAGRAM = 65_536;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final long JOIN_MILLIS = 2000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Selector selector;
    private final InetSocketAddress address;
    private final InetSocketAddress backAddress;
    private final Thread thread;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, InetSocketAddress> clientByBranch = new HashMap<>();
    private volatile InetSocketAddress target;
    private volatile boolean closed;
    private InetSocketAddress lastClient;

    /**
     * A request as it went through the relay, with the answer it got from the server. Immutable.
     *
     * @param method      the method
     * @param requestUri  the Request-URI
     * @param user        the Request-URI's user, or {@code null}
     * @param event       the Event header value, or {@code null}
     * @param expires     the Expires header value, or -1
     * @param sipIfMatch  the SIP-If-Match value, or {@code null}
     * @param contentType the Content-Type value, or {@code null}
     * @param body        the body, or {@code null} when empty
     * @param branch      the top Via branch
     * @param status      the status the server answered, 0 while it has not (or never: a dropped request)
     * @param etag        the SIP-ETag of that answer, or {@code null}
     * @param raw         the datagram as text
     */
    public record RecordedRequest(String method, String requestUri, String user, String event, int expires,
        String sipIfMatch, String contentType, String body, String branch, int status, String etag, String raw)
    {
        RecordedRequest answered(final int answerStatus, final String answerEtag)
        {
            return new RecordedRequest(method, requestUri, user, event, expires, sipIfMatch, contentType, body, branch,
                answerStatus, answerEtag, raw);
        }
    }

    /**
     * Binds both sockets on 127.0.0.1 and starts relaying to {@code server}.
     */
    public RecordingRelay(final InetSocketAddress server) throws IOException
    {
        this.target = server;
        this.front = DatagramChannel.open();
        this.back = DatagramChannel.open();
        this.selector = Selector.open();
        for (final DatagramChannel channel : new DatagramChannel[] {front, back})
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        }
        front.bind(new InetSocketAddress("127.0.0.1", 0));
        back.bind(new InetSocketAddress("127.0.0.1", 0));
        front.configureBlocking(false);
        back.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        back.register(selector, SelectionKey.OP_READ);
        this.address = (InetSocketAddress)front.getLocalAddress();
        this.backAddress = (InetSocketAddress)back.getLocalAddress();
        this.thread = new Thread(this::relay, "recording-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Where clients send: 127.0.0.1 and the relay's port. */
    public InetSocketAddress address()
    {
        return address;
    }

    /** The relay as a SIP URI, e.g. {@code sip:127.0.0.1:40123}. */
    public String uri()
    {
        return "sip:127.0.0.1:" + address.getPort();
    }

    /** Relays to another server from now on. */
    public void target(final InetSocketAddress server)
    {
        this.target = server;
    }

    /** A copy of the requests relayed so far, in arrival order. */
    public List<RecordedRequest> requests()
    {
        synchronized (requests)
        {
            return new ArrayList<>(requests);
        }
    }

    /**
     * Waits for a request matching {@code filter} among all relayed so far (earlier ones included).
     *
     * @return the first matching request, or empty after the timeout
     */
    public Optional<RecordedRequest> awaitRequest(final Predicate<RecordedRequest> filter, final long timeoutMillis)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMillis * NANOS_PER_MILLI;
        synchronized (requests)
        {
            while (true)
            {
                for (final RecordedRequest request : requests)
                {
                    if (filter.test(request))
                    {
                        return Optional.of(request);
                    }
                }
                final long leftMillis = (deadline - System.nanoTime()) / NANOS_PER_MILLI;
                if (leftMillis <= 0)
                {
                    return Optional.empty();
                }
                requests.wait(leftMillis);
            }
        }
    }

    @Override
    public void close()
    {
        closed = true;
        selector.wakeup();
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            selector.close();
            front.close();
            back.close();
        }
        catch (final IOException ignored)
        {
            // test code: nothing left to release
        }
    }

    private void relay()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try
        {
            while (!closed)
            {
                selector.select();
                selector.selectedKeys().clear();
                drainFront(buffer);
                drainBack(buffer);
            }
        }
        catch (final IOException | ClosedSelectorException ex)
        {
            // closed
        }
    }

    /** From the client: requests (recorded) and its answers to the server's NOTIFYs, on to the server. */
    private void drainFront(final ByteBuffer buffer) throws IOException
    {
        InetSocketAddress from;
        while (null != (from = receive(front, buffer)))
        {
            String text = text(buffer);
            if (!text.startsWith("SIP/2.0 "))
            {
                final String branch = branch(text);
                lastClient = from;
                if (null != branch)
                {
                    clientByBranch.put(branch, from);
                }
                record(text, branch);
                // NOTIFYs for the client come through the relay too
                text = text.replace("Contact: <sip:127.0.0.1:" + from.getPort() + ">",
                    "Contact: <sip:127.0.0.1:" + backAddress.getPort() + ">");
            }
            back.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), target);
        }
    }

    /** From the server: answers (their status recorded) and NOTIFYs, on to the client. */
    private void drainBack(final ByteBuffer buffer) throws IOException
    {
        while (null != receive(back, buffer))
        {
            String text = text(buffer);
            InetSocketAddress client = lastClient;
            if (text.startsWith("SIP/2.0 "))
            {
                final String branch = branch(text);
                final InetSocketAddress byBranch = null == branch ? null : clientByBranch.get(branch);
                client = null == byBranch ? client : byBranch;
                answered(branch, Integer.parseInt(text.substring(8, 11)), header(text, "SIP-ETag"));
            }
            // in-dialog requests of the client come through the relay too
            text = text.replace("Contact: <sip:127.0.0.1:" + target.getPort() + ">", "Contact: <" + uri() + ">");
            if (null != client)
            {
                front.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), client);
            }
        }
    }

    private static InetSocketAddress receive(final DatagramChannel channel, final ByteBuffer buffer)
        throws IOException
    {
        buffer.clear();
        return (InetSocketAddress)channel.receive(buffer);
    }

    private static String text(final ByteBuffer buffer)
    {
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private void record(final String text, final String branch)
    {
        final int lineEnd = text.indexOf("\r\n");
        final String[] line = text.substring(0, Math.max(0, lineEnd)).split(" ");
        final String uri = line.length > 1 ? line[1] : "";
        final int at = uri.indexOf('@');
        final int colon = uri.indexOf(':');
        final String user = at > colon && colon >= 0 ? uri.substring(colon + 1, at) : null;
        final String expires = header(text, "Expires");
        final int bodyAt = text.indexOf("\r\n\r\n");
        final String body = bodyAt < 0 || bodyAt + 4 == text.length() ? null : text.substring(bodyAt + 4);
        final RecordedRequest request = new RecordedRequest(line[0], uri, user, header(text, "Event"),
            null == expires ? -1 : Integer.parseInt(expires), header(text, "SIP-If-Match"),
            header(text, "Content-Type"), body, branch, 0, null, text);
        synchronized (requests)
        {
            requests.add(request);
            requests.notifyAll();
        }
    }

    /** Gives the answer to the first request of this branch still without one. */
    private void answered(final String branch, final int status, final String etag)
    {
        synchronized (requests)
        {
            for (int i = 0; i < requests.size(); i++)
            {
                final RecordedRequest request = requests.get(i);
                if (0 == request.status() && null != branch && branch.equals(request.branch()))
                {
                    requests.set(i, request.answered(status, etag));
                    break;
                }
            }
            requests.notifyAll();
        }
    }

    private static String branch(final String text)
    {
        final String via = header(text, "Via");
        final int at = null == via ? -1 : via.indexOf(";branch=");
        if (at < 0)
        {
            return null;
        }
        final int start = at + ";branch=".length();
        int end = start;
        while (end < via.length() && via.charAt(end) != ';' && via.charAt(end) != ',' && via.charAt(end) != ' ')
        {
            end++;
        }
        return via.substring(start, end);
    }

    /** The value of the first header line named {@code name} (any case), or {@code null}. */
    public static String header(final String message, final String name)
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
}
