package org.puaagent.agent.presence;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import org.puaagent.agent.runtime.Fatal;
import org.puaagent.agent.sip.AnsweredRequests;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.Counters;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.QuietStackLogger;
import org.puaagent.agent.sip.ReceivedRequest;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipEndpoint;
import org.puaagent.agent.sip.SipEvent;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipListenAddress;
import org.puaagent.agent.sip.SipRequestWriter;
import org.puaagent.agent.sip.SipStatistics;
import org.puaagent.agent.sip.SipTimers;
import org.puaagent.agent.sip.TimerWheel;

import javax.sip.InvalidArgumentException;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.SIPIfMatchHeader;
import javax.sip.message.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small RFC 3903 / RFC 6665 presence server on its own UDP socket and thread. It backs {@code make run}
 * when no outbound proxy is configured, and the tests. Behaviour:
 * <ul>
 * <li>a new entity tag on every successful PUBLISH, random like every token it mints ({@link SipIdentifiers}:
 *     an entity tag is what lets a client change a publication); publications stored per (AOR, event) and
 *     ETag;</li>
 * <li>412 for a SIP-If-Match it does not hold (or that has expired); 400 for an initial PUBLISH without
 *     body; 423 with Min-Expires when 0 &lt; Expires &lt; min; grants min(requested, max); Expires 0
 *     removes; a body-less refresh with SIP-If-Match keeps the body; 489 for an unknown event;</li>
 * <li>SUBSCRIBE: 200 with Expires (granted as for PUBLISH) and Contact, then a NOTIFY with the current state
 *     ({@link PresenceNotifier}); in-dialog SUBSCRIBE refreshes (200 + NOTIFY) or, with Expires 0, ends the
 *     subscription (200 + NOTIFY {@code terminated;reason=timeout}); 481 for an unknown dialog. Watchers and
 *     publications are matched by user and host of the Request-URI (the port is ignored, as Kamailio's
 *     presence module does), so a PUBLISH for {@code sip:alice@127.0.0.1} notifies the watchers of
 *     {@code sip:alice@127.0.0.1:5070}. Every PUBLISH that changes a publication, and its removal or expiry,
 *     notifies the watchers of that presentity and event;</li>
 * <li>retransmissions are answered from a per-branch response cache (not processed twice);</li>
 * <li>bounded ({@link PresenceLimits}): publications (count and body bytes) and watchers get 503 with
 *     Retry-After at their limit, NOTIFYs in flight wait for room, the response cache forgets its oldest
 *     answers; each is counted ({@link #counters()}). Datagrams are read through {@link SipEndpoint}: at most
 *     {@value #READS_PER_CYCLE} per cycle, garbage and responses to no live branch dropped unparsed;</li>
 * <li>only when {@link PresenceServerConfig#failureUsers()} is on (option {@code --presence-failure-users}),
 *     the failure users of the capture lab ({@code presence.cfg}), by Request-URI user prefix: {@code e412}
 *     412, {@code e423} 423 with Min-Expires 3600, {@code e503} 503, {@code timeout} no answer, {@code noetag}
 *     200 without SIP-ETag and Expires.</li>
 * </ul>
 * It records nothing for tests: they see what it holds through the read-only queries ({@link #lookup},
 * {@link #publications}, {@link #publicationCount}, {@link #watcherCount}, {@link #counters}) and what was
 * sent to it on their own side. Threading: the public methods are for any thread; requests, NOTIFYs and timers
 * are handled on the server's own thread.
 */
public final class PresenceServer implements AutoCloseable
{
    /** Datagrams read per cycle at most, so that timers run under a flood too. */
    private static final int READS_PER_CYCLE = 256;
    /** Timer J over UDP: 64 * T1 (RFC 3261 17.2.2), how long an answer is kept for retransmissions. */
    private static final long TIMER_J_MILLIS = 64 * SipTimers.RFC_3261.t1Millis();
    private static final int FAILURE_MIN_EXPIRES = 3600;
    /** Retry-After of a 503 at a limit: a publication or subscription may have expired by then. */
    private static final int RETRY_AFTER_SECONDS = 30;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long JOIN_MILLIS = 2000;
    private static final long TICK_MILLIS = 10;
    private static final long IDLE_WAIT_MILLIS = 100;
    private static final int WHEEL_SLOTS = 256;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String TRANSPORT = "UDP";
    private static final String SERVER_NAME = "pua-agent embedded presence server";
    private static final String PREFIX = "presence.";
    /** Reason phrases as RFC 3261/3903/6665 (and Kamailio) write them. */
    private static final Map<Integer, String> REASONS = Map.of(
        200, "OK", 202, "Accepted", 400, "Bad Request", 405, "Method Not Allowed",
        412, "Conditional Request Failed", 423, "Interval Too Brief", 481, "Call/Transaction Does Not Exist",
        489, "Bad Event", 503, "Service Unavailable");
    /** The SIP layer's counters shown among the server's, by their name there. */
    private static final int[] SIP_COUNTERS = {
        SipStatistics.PARSE_ERRORS, SipStatistics.STRAY_RESPONSES, SipStatistics.RESPONSES_WRONG_SOURCE,
        SipStatistics.KEEP_ALIVES, SipStatistics.RETRANSMISSIONS, SipStatistics.TIMEOUTS,
    };
    private static final String[] SIP_COUNTER_NAMES = {
        "sip.parse_errors", "sip.stray_responses", "sip.responses_wrong_source", "sip.keep_alives",
        "sip.retransmissions", "sip.timeouts",
    };

    private final PresenceServerConfig config;
    private final SipEndpoint endpoint;
    private final SipStatistics statistics;
    private final InetSocketAddress address;
    private final Thread thread;
    private final Counters counters = new Counters(PresenceCounter.names());
    private final AnsweredRequests answered;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final SipIdentifiers identifiers;
    private final TimerWheel wheel;
    private final PresenceNotifier notifier;
    private final ClientTransactions transactions;
    private final Publications publications;
    private final SipEndpoint.Sink sink = this::onSipEvent;
    /** Responses are screened by branch; every request is parsed and answered (a server answers them all). */
    private final SipEndpoint.Screen screen = new SipEndpoint.Screen()
    {
        @Override
        public boolean mayBeLiveBranch(final ByteBuffer datagram, final int start, final int end)
        {
            return transactions.mayBeLive(datagram, start, end);
        }

        @Override
        public boolean mayBeKnownDialog(final ByteBuffer datagram, final int start, final int end)
        {
            return true;
        }
    };
    private Runnable afterAnswer;
    private volatile boolean closed;

    private PresenceServer(final PresenceServerConfig config, final SipEndpoint endpoint,
        final SipStatistics statistics)
    {
        this.config = config;
        this.endpoint = endpoint;
        this.statistics = statistics;
        this.address = endpoint.localAddress();
        this.answered = new AnsweredRequests(TIMER_J_MILLIS, config.limits().answerBytes());
        final String host = address.getAddress().getHostAddress();
        final String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        this.identifiers = new SipIdentifiers(uriHost);
        this.wheel = new TimerWheel(TICK_MILLIS, WHEEL_SLOTS, nowMillis(),
            () -> counters.increment(PresenceCounter.INTERNAL_ERRORS.ordinal()));
        this.transactions = new ClientTransactions(endpoint::send, wheel, SipTimers.RFC_3261, statistics,
            PresenceServer::nowMillis);
        this.publications = new Publications(wheel, config.limits(), counters, this::publicationChanged);
        this.notifier = new PresenceNotifier(transactions, wheel,
            new SipRequestWriter(uriHost, address.getPort(), SERVER_NAME), identifiers,
            new DestinationResolver(), "sip:" + uriHost + ":" + address.getPort(), PresenceServer::nowMillis,
            resource -> publications.current(resource, System.nanoTime()), config.limits(), counters);
        this.thread = new Thread(this::serve, "presence-server");
        this.thread.setDaemon(true);
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the socket cannot be bound
     */
    public static PresenceServer start(final PresenceServerConfig config) throws IOException
    {
        QuietStackLogger.install();
        final SipStatistics statistics = new SipStatistics();
        final SipEndpoint endpoint = SipEndpoint.open(SipListenAddress.parse(config.listen()), statistics);
        try
        {
            final PresenceServer server = new PresenceServer(config, endpoint, statistics);
            server.thread.start();
            return server;
        }
        catch (final RuntimeException ex)
        {
            endpoint.close();
            throw ex;
        }
    }

    /** The bound address. */
    public InetSocketAddress address()
    {
        return address;
    }

    /** The server as a SIP URI usable as an outbound proxy, e.g. {@code sip:127.0.0.1:40123}. */
    public String uri()
    {
        final String host = address.getAddress().getHostAddress();
        return "sip:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * The live publication of an AOR and event (the most recently changed when there are several).
     *
     * @param aor   {@code sip:user@host[:port]}
     * @param event the event package
     */
    public Optional<StoredPublication> lookup(final String aor, final String event)
    {
        return publications(aor, event).stream().max(Comparator.comparingLong(StoredPublication::expiresAtNanos));
    }

    /** Every live publication of an AOR and event. */
    public List<StoredPublication> publications(final String aor, final String event)
    {
        final long now = System.nanoTime();
        final List<StoredPublication> found = new ArrayList<>();
        for (final StoredPublication publication : publications.all())
        {
            if (publication.aor().equals(aor) && publication.event().equals(event) && !publication.isExpired(now))
            {
                found.add(publication);
            }
        }
        return found;
    }

    /** How many live publications the server holds. */
    public int publicationCount()
    {
        final long now = System.nanoTime();
        int count = 0;
        for (final StoredPublication publication : publications.all())
        {
            if (!publication.isExpired(now))
            {
                count++;
            }
        }
        return count;
    }

    /** How many subscriptions (watchers) the server holds. */
    public int watcherCount()
    {
        return notifier.count();
    }

    /**
     * The server's counters and gauges ({@code presence.*}: requests, refusals at the limits, NOTIFYs sent and
     * deferred, what it holds; {@code presence.sip.*}: parse errors, strays, wrong sources, keep-alives,
     * retransmissions and timeouts of its NOTIFYs), by name (sorted). Any thread.
     */
    public Map<String, Long> counters()
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        counters.snapshotInto(PREFIX, snapshot);
        for (int i = 0; i < SIP_COUNTERS.length; i++)
        {
            snapshot.put(PREFIX + SIP_COUNTER_NAMES[i], statistics.get(SIP_COUNTERS[i]));
        }
        return snapshot;
    }

    @Override
    public void close()
    {
        closed = true;
        endpoint.wakeUp();
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
    }

    private void serve()
    {
        while (!closed)
        {
            try
            {
                endpoint.await(0 == wheel.size() ? IDLE_WAIT_MILLIS : TICK_MILLIS);
                endpoint.poll(sink, screen, READS_PER_CYCLE);
                wheel.expire(nowMillis());
            }
            catch (final Throwable failure)
            {
                Fatal.check(failure);
                counters.increment(PresenceCounter.INTERNAL_ERRORS.ordinal());
            }
        }
    }

    private void onSipEvent(final SipEvent event)
    {
        try
        {
            if (event instanceof ReceivedRequest request)
            {
                onRequest(request.message(), request.source());
            }
            else
            {
                transactions.onResponse((ReceivedResponse)event);
            }
        }
        catch (final ParseException | RuntimeException ex)
        {
            counters.increment(PresenceCounter.UNANSWERABLE.ordinal());
        }
    }

    private void onRequest(final SIPRequest request, final InetSocketAddress from) throws ParseException
    {
        counters.increment(PresenceCounter.REQUESTS.ordinal());
        final String method = request.getMethod();
        if (Request.ACK.equals(method))
        {
            return;
        }
        final Via via = request.getTopmostVia();
        final String cacheKey = AnsweredRequests.key(via.getBranch(), via.getSentBy().encode(), method);
        final long nowMillis = nowMillis();
        final byte[] cached = null == cacheKey ? null : answered.answerOf(cacheKey, nowMillis);
        if (null != cached)
        {
            counters.increment(PresenceCounter.RETRANSMISSIONS_ANSWERED.ordinal());
            endpoint.send(cached, from);
            return;
        }
        afterAnswer = null;
        final SIPResponse response = answer(request, method, from);
        if (null == response)
        {
            return;
        }
        final byte[] bytes = response.encodeAsBytes(TRANSPORT);
        if (null != cacheKey && answered.remember(cacheKey, bytes, nowMillis))
        {
            counters.increment(PresenceCounter.ANSWERS_FORGOTTEN.ordinal());
        }
        endpoint.send(bytes, from);
        final Runnable after = afterAnswer;
        afterAnswer = null;
        if (null != after)
        {
            after.run();
        }
    }

    /** The response to a request, or {@code null} for none (the {@code timeout} failure user). */
    private SIPResponse answer(final SIPRequest request, final String method, final InetSocketAddress from)
        throws ParseException
    {
        if (config.failureUsers() && (Request.PUBLISH.equals(method) || Request.SUBSCRIBE.equals(method)))
        {
            final String user = user(request);
            if (null != user && isFailureUser(user))
            {
                counters.increment(PresenceCounter.FAILURE_USER_ANSWERS.ordinal());
                return failure(request, user);
            }
        }
        switch (method)
        {
            case Request.PUBLISH:
                return publish(request);
            case Request.SUBSCRIBE:
                return subscribe(request, from);
            case Request.OPTIONS:
                return reply(request, 200);
            default:
                return reply(request, 405);
        }
    }

    private static boolean isFailureUser(final String user)
    {
        return user.startsWith("e412") || user.startsWith("e423") || user.startsWith("e503")
            || user.startsWith("timeout") || user.startsWith("noetag");
    }

    /** What a failure user asks for ({@link #isFailureUser}); {@code null}: no answer. */
    private SIPResponse failure(final SIPRequest request, final String user) throws ParseException
    {
        if (user.startsWith("e412"))
        {
            return reply(request, 412);
        }
        if (user.startsWith("e423"))
        {
            final SIPResponse response = reply(request, 423);
            response.setHeader(minExpires(FAILURE_MIN_EXPIRES));
            return response;
        }
        if (user.startsWith("e503"))
        {
            return reply(request, 503);
        }
        if (user.startsWith("noetag"))
        {
            return reply(request, 200);
        }
        return null;
    }

    private SIPResponse publish(final SIPRequest request) throws ParseException
    {
        final String event = eventType(request);
        if (null == event || !config.events().contains(event))
        {
            return reply(request, 489);
        }
        final int requested = expires(request);
        final int expires = requested < 0 ? config.maxExpires() : requested;
        if (expires != 0 && expires < config.minExpires())
        {
            final SIPResponse response = reply(request, 423);
            response.setHeader(minExpires(config.minExpires()));
            return response;
        }
        final int granted = Math.min(expires, config.maxExpires());
        final String aor = aor(request);
        final Header ifMatchHeader = request.getHeader(SIPIfMatchHeader.NAME);
        final byte[] content = request.getRawContent();
        final String body = null == content || content.length == 0 ? null : new String(content,
            StandardCharsets.UTF_8);
        final long now = System.nanoTime();
        final String resource = resourceKey(request, event);
        final StoredPublication previous;
        final long bodyBytes;
        if (ifMatchHeader instanceof SIPIfMatchHeader)
        {
            final String ifMatch = ((SIPIfMatchHeader)ifMatchHeader).getETag();
            previous = publications.live(ifMatch, now);
            if (null == previous || !previous.aor().equals(aor) || !previous.event().equals(event))
            {
                return reply(request, 412);
            }
            if (0 == granted)
            {
                publications.remove(ifMatch);
                afterAnswer = () -> publicationChanged(resource);
                return okPublish(request, ifMatch, 0);
            }
            final long previousBytes = publications.bodyBytes(ifMatch);
            bodyBytes = null == body ? previousBytes : content.length;
            if (!publications.hasRoom(0, bodyBytes - previousBytes))
            {
                return full(request, PresenceCounter.PUBLICATIONS_FULL);
            }
            publications.remove(ifMatch);
        }
        else
        {
            if (null == body || 0 == granted)
            {
                return reply(request, 400);
            }
            previous = null;
            bodyBytes = content.length;
            if (!publications.hasRoom(1, bodyBytes))
            {
                return full(request, PresenceCounter.PUBLICATIONS_FULL);
            }
        }
        final String etag = identifiers.etag();
        final String contentType = null != body ? headerValue(request, "Content-Type") : previous.contentType();
        final StoredPublication stored = new StoredPublication(aor, event, etag,
            null != body ? body : previous.body(), contentType, granted, now + granted * NANOS_PER_SECOND,
            null == previous ? 0 : previous.updates() + 1);
        publications.put(stored, resource, bodyBytes, now / NANOS_PER_MILLI, granted);
        afterAnswer = () -> publicationChanged(resource);
        return okPublish(request, etag, granted);
    }

    private SIPResponse subscribe(final SIPRequest request, final InetSocketAddress from) throws ParseException
    {
        final String event = eventType(request);
        if (null == event || !(config.events().contains(event) || "presence.winfo".equals(event)))
        {
            return reply(request, 489);
        }
        final Watcher known = null == request.getToTag() ? null : notifier.find(request);
        if (null != request.getToTag() && null == known)
        {
            return reply(request, 481);
        }
        final int requested = expires(request);
        final int expires = requested < 0 ? config.maxExpires() : requested;
        if (expires != 0 && expires < config.minExpires())
        {
            final SIPResponse response = reply(request, 423);
            response.setHeader(minExpires(config.minExpires()));
            return response;
        }
        final int granted = Math.min(expires, config.maxExpires());
        if (null == known && granted > 0 && notifier.count() >= config.limits().maxWatchers())
        {
            return full(request, PresenceCounter.WATCHERS_FULL);
        }
        final SIPResponse response = reply(request, 200);
        response.setHeader(expiresHeader(granted));
        response.setHeader(headers.createHeader("Contact", "<" + uri() + ">"));
        final Watcher watcher;
        if (null != known)
        {
            watcher = known;
            if (0 == granted)
            {
                afterAnswer = () -> notifier.end(watcher);
                return response;
            }
            notifier.refresh(watcher, granted, request);
        }
        else
        {
            final String eventHeader = headerValue(request, EventHeader.NAME);
            watcher = notifier.add(request, resourceKey(request, event), null == eventHeader ? event : eventHeader,
                ((To)response.getTo()).getTag(), from, granted);
        }
        afterAnswer = () -> notifier.send(watcher);
        return response;
    }

    /** A limit was reached: 503 with Retry-After, counted. */
    private SIPResponse full(final SIPRequest request, final PresenceCounter counter) throws ParseException
    {
        counters.increment(counter.ordinal());
        final SIPResponse response = reply(request, 503);
        try
        {
            response.setHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
        }
        catch (final InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
        return response;
    }

    private void publicationChanged(final String resourceKey)
    {
        notifier.resourceChanged(resourceKey);
    }

    private SIPResponse okPublish(final SIPRequest request, final String etag, final int granted)
        throws ParseException
    {
        final SIPResponse response = reply(request, 200);
        response.setHeader(expiresHeader(granted));
        response.setHeader(headers.createSIPETagHeader(etag));
        return response;
    }

    private SIPResponse reply(final SIPRequest request, final int status) throws ParseException
    {
        final SIPResponse response = request.createResponse(status);
        final String phrase = REASONS.get(status);
        if (null != phrase)
        {
            response.setReasonPhrase(phrase);
        }
        final To to = (To)response.getTo();
        if (null != to && null == to.getTag())
        {
            to.setTag(identifiers.tag());
        }
        response.setHeader(headers.createHeader("Server", SERVER_NAME));
        return response;
    }

    private Header expiresHeader(final int seconds)
    {
        try
        {
            return headers.createExpiresHeader(seconds);
        }
        catch (final InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Header minExpires(final int seconds)
    {
        try
        {
            return headers.createMinExpiresHeader(seconds);
        }
        catch (final InvalidArgumentException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long nowMillis()
    {
        return System.nanoTime() / NANOS_PER_MILLI;
    }

    /**
     * Presentity and event as watchers and publications are matched: user and host of the Request-URI (host
     * in lower case, port and parameters dropped) and the event type.
     */
    private static String resourceKey(final SIPRequest request, final String event)
    {
        if (request.getRequestURI() instanceof SipUri)
        {
            final SipUri uri = (SipUri)request.getRequestURI();
            final String user = null == uri.getUser() ? "" : uri.getUser();
            return user + "@" + uri.getHost().toLowerCase(Locale.ROOT) + "\n" + event;
        }
        return request.getRequestURI().toString() + "\n" + event;
    }

    private static String user(final SIPRequest request)
    {
        return request.getRequestURI() instanceof SipUri ? ((SipUri)request.getRequestURI()).getUser() : null;
    }

    private static String aor(final SIPRequest request)
    {
        if (request.getRequestURI() instanceof SipUri)
        {
            final SipUri uri = (SipUri)request.getRequestURI();
            return uri.getScheme() + ":" + uri.getUserAtHostPort();
        }
        return request.getRequestURI().toString();
    }

    private static String eventType(final SIPRequest request)
    {
        final Header header = request.getHeader(EventHeader.NAME);
        return header instanceof EventHeader ? ((EventHeader)header).getEventType() : null;
    }

    private static int expires(final SIPRequest request)
    {
        final Header header = request.getHeader(ExpiresHeader.NAME);
        return header instanceof ExpiresHeader ? ((ExpiresHeader)header).getExpires() : -1;
    }

    private static String headerValue(final SIPRequest request, final String name)
    {
        final Header header = request.getHeader(name);
        return header instanceof SIPHeader ? ((SIPHeader)header).getHeaderValue().trim() : null;
    }
}
