package org.puaagent.agent.presence;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import org.puaagent.agent.sip.AnsweredRequests;
import org.puaagent.agent.sip.ClientTransactions;
import org.puaagent.agent.sip.DestinationResolver;
import org.puaagent.agent.sip.QuietStackLogger;
import org.puaagent.agent.sip.ReceivedRequest;
import org.puaagent.agent.sip.ReceivedResponse;
import org.puaagent.agent.sip.SipEvent;
import org.puaagent.agent.sip.SipIdentifiers;
import org.puaagent.agent.sip.SipListenAddress;
import org.puaagent.agent.sip.SipMessageReader;
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
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * A small RFC 3903 / RFC 6665 presence server on its own UDP socket and thread. It backs {@code make run}
 * when no outbound proxy is configured, and the tests. Behaviour:
 * <ul>
 * <li>a new entity tag on every successful PUBLISH; publications stored per (AOR, event) and ETag;</li>
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
 * <li>the knobs of the capture lab ({@code presence.cfg}), by Request-URI user prefix: {@code e412} 412,
 *     {@code e423} 423 with Min-Expires 3600, {@code e503} 503, {@code timeout} no answer, {@code noetag}
 *     200 without SIP-ETag and Expires.</li>
 * </ul>
 * Threading: the public methods are for any thread; requests, NOTIFYs and timers are handled on the server's
 * own thread.
 */
public final class PresenceServer implements AutoCloseable
{
    private static final int MAX_DATAGRAM = 65507;
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int CACHED_RESPONSES = 8192;
    /** Timer J over UDP: 64 * T1 (RFC 3261 17.2.2), how long an answer is kept for retransmissions. */
    private static final long TIMER_J_MILLIS = 64 * SipTimers.RFC_3261.t1Millis();
    private static final int MAX_OBSERVED = 200_000;
    private static final int KNOB_MIN_EXPIRES = 3600;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long JOIN_MILLIS = 2000;
    private static final long TICK_MILLIS = 10;
    private static final int WHEEL_SLOTS = 256;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String TRANSPORT = "UDP";
    private static final String SERVER_NAME = "pua-agent embedded presence server";
    /** Reason phrases as RFC 3261/3903/6665 (and Kamailio) write them. */
    private static final Map<Integer, String> REASONS = Map.of(
        200, "OK", 202, "Accepted", 400, "Bad Request", 405, "Method Not Allowed",
        412, "Conditional Request Failed", 423, "Interval Too Brief", 481, "Call/Transaction Does Not Exist",
        489, "Bad Event", 503, "Service Unavailable");

    private final PresenceServerConfig config;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final Thread thread;
    private final Map<String, StoredPublication> byEtag = new ConcurrentHashMap<>();
    private final List<ObservedRequest> observed = new ArrayList<>();
    private final AnsweredRequests answered = new AnsweredRequests(TIMER_J_MILLIS, AnsweredRequests.DEFAULT_MAX_BYTES);
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final String etagPrefix;
    private final Selector selector;
    private final TimerWheel wheel;
    private final PresenceNotifier notifier;
    private final ClientTransactions transactions;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Server thread only: the resource key of each ETag, the latest publication per resource, expiry timers. */
    private final Map<String, String> resourceByEtag = new HashMap<>();
    private final Map<String, String> latestEtagByResource = new HashMap<>();
    private final Map<String, PublicationTimer> timerByEtag = new HashMap<>();
    private long etagSequence;
    private long tagSequence;
    private Runnable afterAnswer;
    private volatile boolean closed;

    private PresenceServer(final PresenceServerConfig config, final DatagramChannel channel) throws IOException
    {
        this.config = config;
        this.channel = channel;
        this.address = (InetSocketAddress)channel.getLocalAddress();
        this.etagPrefix = "ps" + Integer.toHexString(new SecureRandom().nextInt() & 0x7fffffff) + ".";
        this.selector = Selector.open();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        final String host = address.getAddress().getHostAddress();
        final String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        this.wheel = new TimerWheel(TICK_MILLIS, WHEEL_SLOTS, nowMillis(), () -> { });
        this.transactions = new ClientTransactions(this::send, wheel, SipTimers.RFC_3261, new SipStatistics(),
            PresenceServer::nowMillis);
        this.notifier = new PresenceNotifier(transactions, wheel,
            new SipRequestWriter(uriHost, address.getPort(), SERVER_NAME), new SipIdentifiers(uriHost),
            new DestinationResolver(), "sip:" + uriHost + ":" + address.getPort(), PresenceServer::nowMillis,
            this::currentPublication);
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
        final SipListenAddress listen = SipListenAddress.parse(config.listen());
        final DatagramChannel channel = DatagramChannel.open(
            listen.address().getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(listen.address());
            final PresenceServer server = new PresenceServer(config, channel);
            server.thread.start();
            return server;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
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
        for (final StoredPublication publication : byEtag.values())
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
        for (final StoredPublication publication : byEtag.values())
        {
            if (!publication.isExpired(now))
            {
                count++;
            }
        }
        return count;
    }

    /** Forgets every publication (as a restarted server would): the next SIP-If-Match gets 412. */
    public void forgetAll()
    {
        byEtag.clear();
    }

    /** How many subscriptions (watchers) the server holds. */
    public int watcherCount()
    {
        return notifier.count();
    }

    /** How many NOTIFYs the server has sent (retransmissions not counted). */
    public long notifiesSent()
    {
        return notifier.notifiesSent();
    }

    /**
     * Forgets every subscription without a NOTIFY (as a restarted server would): the next in-dialog SUBSCRIBE
     * gets 481. Runs on the server thread; returns at once.
     */
    public void forgetWatchers()
    {
        tasks.add(notifier::forgetAll);
        selector.wakeup();
    }

    /** A copy of the requests received so far, in arrival order. */
    public List<ObservedRequest> observed()
    {
        synchronized (observed)
        {
            return new ArrayList<>(observed);
        }
    }

    /**
     * Waits for a request matching {@code filter} among all received so far (including earlier ones).
     *
     * @param filter        what to wait for
     * @param timeoutMillis how long at most
     * @return the first matching request, or empty after the timeout
     */
    public Optional<ObservedRequest> awaitRequest(final Predicate<ObservedRequest> filter, final long timeoutMillis)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (observed)
        {
            while (true)
            {
                for (final ObservedRequest request : observed)
                {
                    if (filter.test(request))
                    {
                        return Optional.of(request);
                    }
                }
                final long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMillis <= 0)
                {
                    return Optional.empty();
                }
                observed.wait(leftMillis);
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
        }
        catch (final IOException ignored)
        {
            // nothing left to release
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // nothing left to release
        }
    }

    private void serve()
    {
        final SipMessageReader reader = new SipMessageReader();
        final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        while (!closed)
        {
            try
            {
                selector.select(0 == wheel.size() ? 0 : TICK_MILLIS);
                selector.selectedKeys().clear();
            }
            catch (final IOException | ClosedSelectorException ex)
            {
                return;
            }
            Runnable task;
            while (null != (task = tasks.poll()))
            {
                task.run();
            }
            if (!receiveAll(reader, buffer))
            {
                return;
            }
            wheel.expire(nowMillis());
        }
    }

    /** Handles every datagram waiting. @return false when the channel is closed */
    private boolean receiveAll(final SipMessageReader reader, final ByteBuffer buffer)
    {
        while (!closed)
        {
            final SocketAddress from;
            buffer.clear();
            try
            {
                from = channel.receive(buffer);
            }
            catch (final ClosedChannelException ex)
            {
                return false;
            }
            catch (final IOException ex)
            {
                continue;
            }
            if (null == from)
            {
                return true;
            }
            final byte[] datagram = new byte[buffer.position()];
            buffer.flip();
            buffer.get(datagram);
            try
            {
                final SipEvent event = reader.read(datagram, (InetSocketAddress)from);
                if (event instanceof ReceivedRequest request)
                {
                    onRequest(request.message(), datagram, (InetSocketAddress)from);
                }
                else if (event instanceof ReceivedResponse response)
                {
                    transactions.onResponse(response);
                }
            }
            catch (final ParseException | RuntimeException ex)
            {
                // not SIP, or a request we cannot answer: ignored
            }
        }
        return false;
    }

    private void onRequest(final SIPRequest request, final byte[] datagram, final InetSocketAddress from)
        throws ParseException
    {
        final String method = request.getMethod();
        if (Request.ACK.equals(method))
        {
            return;
        }
        final Via via = request.getTopmostVia();
        final String cacheKey = AnsweredRequests.key(via.getBranch(), via.getSentBy().encode(), method);
        final long nowMillis = System.nanoTime() / NANOS_PER_MILLI;
        final byte[] cached = null == cacheKey ? null : answered.answerOf(cacheKey, nowMillis);
        if (null != cached)
        {
            send(cached, from);
            record(request, datagram, -1, null);
            return;
        }
        afterAnswer = null;
        final Answer answer = answer(request, method, from);
        if (null == answer.response)
        {
            record(request, datagram, 0, null);
            return;
        }
        final byte[] bytes = answer.response.encodeAsBytes(TRANSPORT);
        if (null != cacheKey)
        {
            answered.remember(cacheKey, bytes, nowMillis);
        }
        record(request, datagram, answer.response.getStatusCode(), answer.etag);
        send(bytes, from);
        final Runnable after = afterAnswer;
        afterAnswer = null;
        if (null != after)
        {
            after.run();
        }
    }

    private Answer answer(final SIPRequest request, final String method, final InetSocketAddress from)
        throws ParseException
    {
        final String user = user(request);
        if (null != user && (Request.PUBLISH.equals(method) || Request.SUBSCRIBE.equals(method)))
        {
            if (user.startsWith("e412"))
            {
                return new Answer(reply(request, 412), null);
            }
            if (user.startsWith("e423"))
            {
                final SIPResponse response = reply(request, 423);
                response.setHeader(minExpires(KNOB_MIN_EXPIRES));
                return new Answer(response, null);
            }
            if (user.startsWith("e503"))
            {
                return new Answer(reply(request, 503), null);
            }
            if (user.startsWith("timeout"))
            {
                return new Answer(null, null);
            }
            if (user.startsWith("noetag"))
            {
                return new Answer(reply(request, 200), null);
            }
        }
        switch (method)
        {
            case Request.PUBLISH:
                return publish(request);
            case Request.SUBSCRIBE:
                return subscribe(request, from);
            case Request.OPTIONS:
                return new Answer(reply(request, 200), null);
            default:
                return new Answer(reply(request, 405), null);
        }
    }

    private Answer publish(final SIPRequest request) throws ParseException
    {
        final String event = eventType(request);
        if (null == event || !config.events().contains(event))
        {
            return new Answer(reply(request, 489), null);
        }
        final int requested = expires(request);
        final int expires = requested < 0 ? config.maxExpires() : requested;
        if (expires != 0 && expires < config.minExpires())
        {
            final SIPResponse response = reply(request, 423);
            response.setHeader(minExpires(config.minExpires()));
            return new Answer(response, null);
        }
        final int granted = Math.min(expires, config.maxExpires());
        final String aor = aor(request);
        final Header ifMatchHeader = request.getHeader(SIPIfMatchHeader.NAME);
        final byte[] content = request.getRawContent();
        final String body = null == content || content.length == 0 ? null : new String(content,
            StandardCharsets.UTF_8);
        final long now = System.nanoTime();
        final StoredPublication previous;
        if (ifMatchHeader instanceof SIPIfMatchHeader)
        {
            final String ifMatch = ((SIPIfMatchHeader)ifMatchHeader).getETag();
            previous = byEtag.get(ifMatch);
            if (null == previous || previous.isExpired(now) || !previous.aor().equals(aor)
                || !previous.event().equals(event))
            {
                return new Answer(reply(request, 412), null);
            }
            byEtag.remove(ifMatch);
            forgetEtag(ifMatch);
            if (0 == granted)
            {
                final String resource = resourceKey(request, event);
                afterAnswer = () -> publicationChanged(resource, null);
                return new Answer(okPublish(request, ifMatch, 0), ifMatch);
            }
        }
        else
        {
            if (null == body || 0 == granted)
            {
                return new Answer(reply(request, 400), null);
            }
            previous = null;
        }
        final String etag = etagPrefix + Long.toHexString(++etagSequence);
        final String contentType = null != body ? headerValue(request, "Content-Type")
            : previous.contentType();
        final StoredPublication stored = new StoredPublication(aor, event, etag,
            null != body ? body : previous.body(), contentType, granted, now + granted * NANOS_PER_SECOND,
            null == previous ? 0 : previous.updates() + 1);
        byEtag.put(etag, stored);
        final String resource = resourceKey(request, event);
        resourceByEtag.put(etag, resource);
        final PublicationTimer timer = new PublicationTimer(etag);
        timerByEtag.put(etag, timer);
        wheel.schedule(timer, nowMillis() + granted * 1000L);
        afterAnswer = () -> publicationChanged(resource, etag);
        return new Answer(okPublish(request, etag, granted), etag);
    }

    private Answer subscribe(final SIPRequest request, final InetSocketAddress from) throws ParseException
    {
        final String event = eventType(request);
        if (null == event || !(config.events().contains(event) || "presence.winfo".equals(event)))
        {
            return new Answer(reply(request, 489), null);
        }
        final Watcher known = null == request.getToTag() ? null : notifier.find(request);
        if (null != request.getToTag() && null == known)
        {
            return new Answer(reply(request, 481), null);
        }
        final int requested = expires(request);
        final int expires = requested < 0 ? config.maxExpires() : requested;
        if (expires != 0 && expires < config.minExpires())
        {
            final SIPResponse response = reply(request, 423);
            response.setHeader(minExpires(config.minExpires()));
            return new Answer(response, null);
        }
        final int granted = Math.min(expires, config.maxExpires());
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
                return new Answer(response, null);
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
        return new Answer(response, null);
    }

    /** The live publication to notify for a resource: the latest one changed, else any live one. */
    private StoredPublication currentPublication(final String resourceKey)
    {
        final String latest = latestEtagByResource.get(resourceKey);
        final StoredPublication stored = null == latest ? null : byEtag.get(latest);
        final long now = System.nanoTime();
        if (null != stored && !stored.isExpired(now))
        {
            return stored;
        }
        StoredPublication best = null;
        for (final Map.Entry<String, String> entry : resourceByEtag.entrySet())
        {
            if (!entry.getValue().equals(resourceKey))
            {
                continue;
            }
            final StoredPublication candidate = byEtag.get(entry.getKey());
            if (null != candidate && !candidate.isExpired(now)
                && (null == best || candidate.expiresAtNanos() > best.expiresAtNanos()))
            {
                best = candidate;
            }
        }
        if (null == best)
        {
            latestEtagByResource.remove(resourceKey);
        }
        else
        {
            latestEtagByResource.put(resourceKey, best.etag());
        }
        return best;
    }

    private void publicationChanged(final String resourceKey, final String etag)
    {
        if (null != etag)
        {
            latestEtagByResource.put(resourceKey, etag);
        }
        notifier.resourceChanged(resourceKey);
    }

    private void forgetEtag(final String etag)
    {
        resourceByEtag.remove(etag);
        final PublicationTimer timer = timerByEtag.remove(etag);
        if (null != timer)
        {
            wheel.cancel(timer);
        }
    }

    private void onPublicationTimer(final String etag)
    {
        timerByEtag.remove(etag);
        final String resource = resourceByEtag.remove(etag);
        final StoredPublication stored = byEtag.get(etag);
        if (null != stored && stored.isExpired(System.nanoTime()))
        {
            byEtag.remove(etag);
        }
        if (null != resource)
        {
            publicationChanged(resource, null);
        }
    }

    private SIPResponse okPublish(final SIPRequest request, final String etag,
        final int granted) throws ParseException
    {
        final SIPResponse response = reply(request, 200);
        response.setHeader(expiresHeader(granted));
        response.setHeader(headers.createSIPETagHeader(etag));
        return response;
    }

    private SIPResponse reply(final SIPRequest request, final int status)
        throws ParseException
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
            to.setTag("ps-" + Long.toHexString(++tagSequence));
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

    private boolean send(final byte[] bytes, final InetSocketAddress to)
    {
        try
        {
            channel.send(ByteBuffer.wrap(bytes), to);
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            // UDP: the client retransmits
            return false;
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

    private void record(final SIPRequest request, final byte[] datagram, final int status, final String etag)
    {
        final Header ifMatch = request.getHeader(SIPIfMatchHeader.NAME);
        final byte[] content = request.getRawContent();
        final ObservedRequest entry = new ObservedRequest(
            request.getMethod(),
            request.getRequestURI().toString(),
            user(request),
            headerValue(request, EventHeader.NAME),
            expires(request),
            ifMatch instanceof SIPIfMatchHeader ? ((SIPIfMatchHeader)ifMatch).getETag() : null,
            headerValue(request, "Content-Type"),
            null == content || content.length == 0 ? null : new String(content, StandardCharsets.UTF_8),
            request.getTopmostVia().getBranch(),
            status,
            etag,
            new String(datagram, StandardCharsets.UTF_8));
        synchronized (observed)
        {
            if (observed.size() < MAX_OBSERVED)
            {
                observed.add(entry);
            }
            observed.notifyAll();
        }
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

    /** The expiry of one publication (by ETag). Server thread only. */
    private final class PublicationTimer extends TimerWheel.Timer
    {
        private final String etag;

        PublicationTimer(final String etag)
        {
            this.etag = etag;
        }

        @Override
        protected void onExpire(final long deadlineMillis)
        {
            onPublicationTimer(etag);
        }
    }

    private static final class Answer
    {
        final SIPResponse response;
        final String etag;

        Answer(final SIPResponse response, final String etag)
        {
            this.response = response;
            this.etag = etag;
        }
    }
}
