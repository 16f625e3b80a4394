package org.puaagent.agent.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON-RPC-over-HTTP server on 127.0.0.1 for the load generator's tests: reads each request (head, then
 * Content-Length bytes), answers with the bytes {@code answer} gives for the request's id, written one byte per
 * flush (so the client reads the answer in as many pieces), and closes the connection after each answer when told
 * to. A request without Content-Length or id ends its connection. Counts the connections it accepts.
 *
 * <p>Threading: an acceptor thread and one thread per connection; {@link #port}, {@link #accepted} and
 * {@link #close} from any thread.
 */
final class ScriptedHttpServer implements AutoCloseable
{
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("Content-Length: (\\d+)");

    private final ServerSocket server;
    private final IntFunction<String> answer;
    private final boolean closeAfterEach;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(final IntFunction<String> answer, final boolean closeAfterEach) throws IOException
    {
        this.answer = answer;
        this.closeAfterEach = closeAfterEach;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        final Thread acceptor = new Thread(this::accept, "scripted-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An HTTP/1.1 answer with a JSON body and its Content-Length. */
    static String http(final String status, final String extraHeaders, final String body)
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    int port()
    {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted()
    {
        return accepted.get();
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        for (final Socket socket : sockets)
        {
            socket.close();
        }
    }

    private void accept()
    {
        try
        {
            while (!server.isClosed())
            {
                final Socket socket = server.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                final Thread t = new Thread(() -> serve(socket), "scripted-http-conn");
                t.setDaemon(true);
                t.start();
            }
        }
        catch (final IOException ignored)
        {
            // server closed
        }
    }

    private void serve(final Socket socket)
    {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream())
        {
            socket.setTcpNoDelay(true);
            while (true)
            {
                final String head = readHead(in);
                if (null == head)
                {
                    return;
                }
                final Matcher length = CONTENT_LENGTH.matcher(head);
                if (!length.find())
                {
                    return;
                }
                final String body = new String(in.readNBytes(Integer.parseInt(length.group(1))),
                    StandardCharsets.UTF_8);
                final Matcher id = ID.matcher(body);
                if (!id.find())
                {
                    return;
                }
                final byte[] reply = answer.apply(Integer.parseInt(id.group(1))).getBytes(StandardCharsets.UTF_8);
                for (final byte b : reply)
                {
                    out.write(b);
                    out.flush();
                }
                if (closeAfterEach)
                {
                    return;
                }
            }
        }
        catch (final IOException ignored)
        {
            // the client went away
        }
    }

    private static String readHead(final InputStream in) throws IOException
    {
        final StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0)
        {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n"))
            {
                return b.toString();
            }
        }
        return null;
    }
}
