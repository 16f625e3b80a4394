package org.puaagent.agent.pipeline;

import org.puaagent.agent.sip.TimerWheel;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One publication series: the record pua keeps (ETag, granted expiry, desired end, last body, content type,
 * extra headers, tuple id) plus what serialises it: the PUBLISH in flight and the commands waiting for it.
 * A series exists from its first PUBLISH on; it has a record ({@link #hasRecord()}) once a 2xx gave it an
 * ETag. It is its own wheel timer (refresh or expiry). Its size in the publications' budget is
 * {@link RecordSizes#series}. Owner thread only.
 */
final class Series extends TimerWheel.Timer
{
    /** {@link #desiredEndMillis} of a publication without end (negative expires). */
    static final long FOREVER = Long.MAX_VALUE;

    final SeriesKey key;
    final String id;
    private final Publisher publisher;

    String etag;
    long grantedUntilMillis;
    long grantedMillis;
    long desiredEndMillis;
    String body;
    String contentType;
    String extraHeaders;
    String tupleId;
    InetSocketAddress nextHop;
    boolean timerIsRefresh;
    /** The dialog;sla version of the next body (pua's record version: 0, 1, ...). */
    long version;
    /** Its share of the publications' byte budget as last accounted; 0 once dropped from the table. */
    long heldBytes;

    PublishAttempt inFlight;
    private ArrayDeque<PublishCommand> waiting;

    Series(final SeriesKey key, final String id, final Publisher publisher)
    {
        this.key = key;
        this.id = id;
        this.publisher = publisher;
    }

    /** Whether the server holds a publication for it (an ETag is known). */
    boolean hasRecord()
    {
        return null != etag;
    }

    /** Whether a PUBLISH of this series is in flight. */
    boolean isBusy()
    {
        return null != inFlight;
    }

    void enqueue(final PublishCommand command)
    {
        if (null == waiting)
        {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(command);
    }

    PublishCommand pollWaiting()
    {
        return null == waiting ? null : waiting.poll();
    }

    /** Forgets the record (the server no longer holds it); in-flight and waiting commands stay. */
    void clearRecord()
    {
        etag = null;
        body = null;
        contentType = null;
        extraHeaders = null;
        grantedUntilMillis = 0;
        grantedMillis = 0;
    }

    @Override
    protected void onExpire(final long deadlineMillis)
    {
        publisher.onSeriesTimer(this);
    }
}
