package org.puaagent.agent.notify;

import java.nio.charset.StandardCharsets;

/**
 * One notification with the sequence number the {@link NotificationHub} gave it. Its wire forms (the JSON
 * object and the whole SSE frame) are built on first use by a reader, not by the pipeline owner, and then
 * shared by every reader. Any thread: immutable apart from those caches (volatile; two readers racing both
 * build the same bytes, either result is kept).
 */
public final class HubEvent
{
    private static final byte[] FRAME_HEAD = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_EVENT = "\nevent: notify\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final long sequence;
    private final Notification notification;
    private final long bytes;
    private volatile byte[] json;
    private volatile byte[] sseFrame;

    HubEvent(final long sequence, final Notification notification, final long bytes)
    {
        this.sequence = sequence;
        this.notification = notification;
        this.bytes = bytes;
    }

    /** What it counts against the hub's byte limit ({@link NotificationHub#sizeOf}). */
    public long bytes()
    {
        return bytes;
    }

    public long sequence()
    {
        return sequence;
    }

    public Notification notification()
    {
        return notification;
    }

    /** The notification as JSON (UTF-8), see {@link NotificationJson#notification}. */
    public byte[] json()
    {
        byte[] j = json;
        if (null == j)
        {
            j = NotificationJson.notificationBytes(sequence, notification);
            json = j;
        }
        return j;
    }

    /** The whole SSE frame: {@code id: N}, {@code event: notify}, one {@code data:} line, blank line. */
    public byte[] sseFrame()
    {
        byte[] f = sseFrame;
        if (null == f)
        {
            final byte[] id = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
            final byte[] data = json();
            f = new byte[FRAME_HEAD.length + id.length + FRAME_EVENT.length + data.length + FRAME_END.length];
            int at = 0;
            at = put(f, at, FRAME_HEAD);
            at = put(f, at, id);
            at = put(f, at, FRAME_EVENT);
            at = put(f, at, data);
            put(f, at, FRAME_END);
            sseFrame = f;
        }
        return f;
    }

    private static int put(final byte[] into, final int at, final byte[] what)
    {
        System.arraycopy(what, 0, into, at, what.length);
        return at + what.length;
    }

    @Override
    public String toString()
    {
        return "HubEvent[" + sequence + " " + notification.presentity() + " " + notification.event() + "]";
    }
}
