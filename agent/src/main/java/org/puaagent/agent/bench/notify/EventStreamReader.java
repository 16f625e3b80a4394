package org.puaagent.agent.bench.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the agent's {@code GET /events} on a raw socket: sends the request, checks the status, and on
 * its own thread decodes the event stream ({@link SseDecoder}) and hands every {@code notify} event to the
 * {@link DeliveryLedger}: the watcher (by URI, and only for the presentity it watches) becomes active on an
 * {@code active} state, and receives the change whose marker the body carries, stamped with the time the
 * bytes were read. {@code gap} events and malformed events are counted (a gap means notifications were lost
 * to this reader: the measurement is then incomplete, and says so).
 *
 * <p>Threading: {@link #open} and {@link #close} on the caller's thread, counters from any thread; the stream
 * is read on the reader's own thread.
 */
final class EventStreamReader implements AutoCloseable
{
    private static final int CONNECT_TIMEOUT_MS = 5000;
    private static final int HEADER_TIMEOUT_MS = 10_000;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int HTTP_OK = 200;

    /** The outcome of {@link #open}: a reader, or why there is none. */
    record Opened(EventStreamReader reader, String error)
    {
    }

    private final Socket socket;
    private final InputStream in;
    private final SseDecoder decoder;
    private final DeliveryLedger ledger;
    private final Map<String, Integer> watcherIndex;
    private final String[] presentityOfWatcher;
    private final Marker marker;
    private final Thread thread;
    private final AtomicLong notifies = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong comments = new AtomicLong();
    private volatile String firstProblem;
    private volatile String endReason;
    private volatile boolean closing;

    private EventStreamReader(final Socket socket, final InputStream in, final boolean chunked,
        final DeliveryLedger ledger, final Map<String, Integer> watcherIndex, final String[] presentityOfWatcher,
        final Marker marker)
    {
        this.socket = socket;
        this.in = in;
        this.decoder = new SseDecoder(chunked);
        this.ledger = ledger;
        this.watcherIndex = watcherIndex;
        this.presentityOfWatcher = presentityOfWatcher;
        this.marker = marker;
        this.thread = new Thread(this::readLoop, "bench-notify-sse");
        this.thread.setDaemon(true);
    }

    /**
     * Connects, sends {@code GET target}, reads the response head and starts reading events.
     *
     * @param watcherIndex        watcher URI to watcher number
     * @param presentityOfWatcher the presentity URI (as subscribed) each watcher watches
     */
    static Opened open(final InetSocketAddress address, final String target, final DeliveryLedger ledger,
        final Map<String, Integer> watcherIndex, final String[] presentityOfWatcher, final Marker marker)
    {
        final Socket socket = new Socket();
        try
        {
            socket.setReceiveBufferSize(READ_BUFFER * 4);
            socket.connect(address, CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(HEADER_TIMEOUT_MS);
            final OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + address.getAddress().getHostAddress() + ":"
                + address.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final String head = readHead(in);
            if (null == head)
            {
                socket.close();
                return new Opened(null, "no HTTP response head from " + address);
            }
            final String[] lines = head.split("\r?\n");
            final String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[1].equals(String.valueOf(HTTP_OK)))
            {
                socket.close();
                return new Opened(null, "GET " + target + " answered '" + lines[0] + "'");
            }
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++)
            {
                final String l = lines[i].toLowerCase(Locale.ROOT);
                if (l.startsWith("transfer-encoding:") && l.contains("chunked"))
                {
                    chunked = true;
                }
            }
            socket.setSoTimeout(0);
            final EventStreamReader reader = new EventStreamReader(socket, in, chunked, ledger, watcherIndex,
                presentityOfWatcher, marker);
            reader.thread.start();
            return new Opened(reader, null);
        }
        catch (final IOException ex)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // giving up anyway
            }
            return new Opened(null, "cannot open the event stream at " + address + ": " + ex);
        }
    }

    /** {@code notify} events read. */
    long notifies()
    {
        return notifies.get();
    }

    /** {@code gap} events read: notifications this reader lost. */
    long gaps()
    {
        return gaps.get();
    }

    /** Notify events for watchers or presentities this run did not subscribe. */
    long foreign()
    {
        return foreign.get();
    }

    /** Events that could not be read as notifications. */
    long malformed()
    {
        return malformed.get();
    }

    /** Comment lines (greeting, heartbeats). */
    long comments()
    {
        return comments.get();
    }

    /** The first gap or malformed event, described; or null. */
    String firstProblem()
    {
        return firstProblem;
    }

    /** Why the stream ended before {@link #close}, or null while it runs. */
    String endReason()
    {
        return endReason;
    }

    @Override
    public void close()
    {
        closing = true;
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        try
        {
            thread.join(CONNECT_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop()
    {
        final byte[] buf = new byte[READ_BUFFER];
        try
        {
            while (true)
            {
                final int n = in.read(buf);
                if (n < 0)
                {
                    endReason = "the agent closed the event stream";
                    return;
                }
                final long now = System.nanoTime();
                decoder.feed(buf, 0, n, frame -> onFrame(frame, now));
                comments.set(decoder.comments());
                if (null != decoder.error())
                {
                    endReason = "malformed event stream: " + decoder.error();
                    return;
                }
                if (decoder.ended())
                {
                    endReason = "the agent ended the event stream";
                    return;
                }
            }
        }
        catch (final IOException ex)
        {
            if (!closing)
            {
                endReason = "event stream: " + ex;
            }
        }
    }

    private void onFrame(final SseFrame frame, final long nanos)
    {
        if ("gap".equals(frame.event()))
        {
            gaps.incrementAndGet();
            problem("gap event: " + frame.data());
            return;
        }
        if (!"notify".equals(frame.event()))
        {
            return;
        }
        notifies.incrementAndGet();
        final NotifyData.Parsed parsed = NotifyData.parse(frame.data());
        if (null == parsed.data())
        {
            malformed.incrementAndGet();
            problem(parsed.error());
            return;
        }
        final NotifyData data = parsed.data();
        final Integer watcher = watcherIndex.get(data.watcher());
        if (null == watcher || !presentityOfWatcher[watcher].equals(data.presentity()))
        {
            foreign.incrementAndGet();
            return;
        }
        if (data.active())
        {
            ledger.active(watcher);
        }
        final int change = marker.find(data.body());
        if (change != Marker.NONE)
        {
            ledger.seen(watcher, change, nanos);
        }
    }

    private void problem(final String text)
    {
        if (null == firstProblem)
        {
            firstProblem = text;
        }
    }

    /** The response head up to the empty line (without it), or null when the stream ends first. */
    private static String readHead(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (head.size() < MAX_HEADER_BYTES)
        {
            final int b = in.read();
            if (b < 0)
            {
                return null;
            }
            head.write(b);
            // state counts the bytes of "\r\n\r\n" (or "\n\n") matched so far
            if (b == '\n')
            {
                if (state >= 1)
                {
                    final String text = head.toString(StandardCharsets.ISO_8859_1);
                    return text.strip();
                }
                state = 1;
            }
            else if (b != '\r')
            {
                state = 0;
            }
        }
        return null;
    }
}
