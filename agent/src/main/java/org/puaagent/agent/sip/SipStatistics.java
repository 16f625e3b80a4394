package org.puaagent.agent.sip;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the SIP layer: requests sent, responses by class and code, retransmissions, timeouts, stray
 * responses, responses from the wrong source, incoming requests, requests shed, parse errors, keep-alives,
 * dropped events.
 * Written by the owner thread; readable from any thread.
 */
public final class SipStatistics
{
    /** Client transactions started (PUBLISH and SUBSCRIBE). */
    public static final int REQUESTS_SENT = 0;
    /** PUBLISH requests sent (initial sends, not retransmissions). */
    public static final int PUBLISH_SENT = 1;
    /** SUBSCRIBE requests sent. */
    public static final int SUBSCRIBE_SENT = 2;
    /** Timer E retransmissions. */
    public static final int RETRANSMISSIONS = 3;
    /** Timer F expiries (local 408). */
    public static final int TIMEOUTS = 4;
    /**
     * Responses that matched no client transaction (late retransmissions, unknown branches; those with a plainly
     * written unknown branch are dropped before they are parsed).
     */
    public static final int STRAY_RESPONSES = 5;
    /**
     * Datagrams that are not SIP: refused by their first line before any copy or parse, or unparsable (or lacking
     * Via/CSeq/Call-ID).
     */
    public static final int PARSE_ERRORS = 6;
    /** Requests received (NOTIFY, OPTIONS, ...). */
    public static final int REQUESTS_RECEIVED = 7;
    /** Stateless responses sent to received requests. */
    public static final int RESPONSES_SENT = 8;
    /** Sends that failed with an I/O error. */
    public static final int SEND_ERRORS = 9;
    /**
     * Parsed messages dropped because the owner's event queue was full. Always 0 since the owner reads the
     * socket itself (no queue); kept so that the counter list stays the same.
     */
    public static final int EVENTS_DROPPED = 10;
    /** Responses received that matched a transaction. */
    public static final int RESPONSES_RECEIVED = 11;
    /**
     * Responses that named a live transaction (branch and method) but came from another address than its request
     * was sent to; ignored (option {@code --sip-accept-responses-from}).
     */
    public static final int RESPONSES_WRONG_SOURCE = 12;
    /** Datagrams of only CR, LF, space or NUL bytes (keep-alives), read and dropped. */
    public static final int KEEP_ALIVES = 13;
    /**
     * Requests dropped unparsed and unanswered: nothing showed them to be for a dialog the agent knows, and more
     * than {@link SipEndpoint#UNKNOWN_REQUESTS_PER_SECOND} such requests had come in the last second.
     */
    public static final int REQUESTS_SHED = 14;

    private static final String[] NAMES = {
        "requests_sent", "publish_sent", "subscribe_sent", "retransmissions", "timeouts", "stray_responses",
        "parse_errors", "requests_received", "responses_sent", "send_errors", "events_dropped",
        "responses_received", "responses_wrong_source", "keep_alives", "requests_shed",
    };
    private static final int MAX_STATUS = 700;
    private static final int CLASSES = 7;

    private final Counters counters = new Counters(NAMES);
    private final AtomicLongArray statusCodes = new AtomicLongArray(MAX_STATUS);
    private final AtomicLongArray statusClasses = new AtomicLongArray(CLASSES);

    /** Adds one to a counter (the constants of this class). Any thread. */
    public void increment(final int id)
    {
        counters.increment(id);
    }

    /** The value of a counter. Any thread. */
    public long get(final int id)
    {
        return counters.get(id);
    }

    /** Counts a response status of a matched transaction (1xx included). Any thread. */
    public void countStatus(final int status)
    {
        if (status >= 100 && status < MAX_STATUS)
        {
            statusCodes.getAndIncrement(status);
            statusClasses.getAndIncrement(status / 100);
        }
    }

    /** How many responses with this status were counted. Any thread. */
    public long statusCount(final int status)
    {
        return status >= 100 && status < MAX_STATUS ? statusCodes.get(status) : 0;
    }

    /**
     * Puts the counters into {@code into}: {@code sip.<name>}, {@code sip.status.<N>xx} for each class, and
     * {@code sip.status.<code>} for every code seen at least once. Any thread.
     */
    public void snapshotInto(final Map<String, Long> into)
    {
        counters.snapshotInto("sip.", into);
        for (int c = 1; c < CLASSES; c++)
        {
            into.put("sip.status." + c + "xx", statusClasses.get(c));
        }
        for (int code = 100; code < MAX_STATUS; code++)
        {
            final long n = statusCodes.get(code);
            if (n != 0)
            {
                into.put("sip.status." + code, n);
            }
        }
    }
}
