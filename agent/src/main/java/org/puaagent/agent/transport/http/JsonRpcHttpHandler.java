package org.puaagent.agent.transport.http;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import org.puaagent.agent.rpc.AgentCounters;
import org.puaagent.agent.runtime.Fatal;
import org.xnio.IoUtils;

/**
 * JSON-RPC over HTTP as Kamailio's xhttp with jsonrpcs serves it: {@code POST} (or {@code PUT}) on {@code /RPC} or
 * {@code /jsonrpc} hands the body to the {@link HttpBodyHandler}, and the exchange stays open until the handler
 * answers ({@link ExchangeReply}). Any other method gets 405 with {@code Allow: POST} and the connection stays
 * open; a preflight ({@code OPTIONS}) from an allowed origin gets 204 with the CORS headers. A declared body
 * above the limit gets 413 before a byte of it is read; {@code Expect: 100-continue} is answered once the request
 * passed those checks. The body is read by {@link RequestBodyReader}.
 *
 * <p>Threading: {@link #handle} on the exchange's I/O thread inside Undertow's handler call; the rest on that
 * thread after it.
 */
final class JsonRpcHttpHandler implements RequestBodyReader.Receiver
{
    static final Set<String> PATHS = Set.of("/RPC", "/jsonrpc", "/RPC/", "/jsonrpc/");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final HttpBodyHandler handler;
    private final AccessPolicy policy;
    private final int maxBody;
    private final BodyBudget budget;
    private final ExchangeReply.Counters replyCounters;
    private final LongAdder wrongMethod;
    private final LongAdder tooLarge;
    private final LongAdder unreadable;
    private final LongAdder internal;

    JsonRpcHttpHandler(final HttpBodyHandler handler, final AccessPolicy policy, final HttpLimits limits,
        final BodyBudget budget, final AgentCounters counters)
    {
        this.handler = handler;
        this.policy = policy;
        this.maxBody = limits.maxBodyBytes();
        this.budget = budget;
        this.replyCounters = new ExchangeReply.Counters(counters.adder("errors.duplicate_reply"),
            counters.adder("errors.http_client_gone"), counters.adder("errors.internal"));
        this.wrongMethod = counters.adder("errors.http_wrong_method");
        this.tooLarge = counters.adder("errors.http_too_large");
        this.unreadable = counters.adder("errors.http_read");
        this.internal = counters.adder("errors.internal");
    }

    void handle(final HttpServerExchange exchange, final ConnectionState connection)
    {
        final HttpString method = exchange.getRequestMethod();
        if (!Methods.POST.equals(method) && !Methods.PUT.equals(method))
        {
            if (Methods.OPTIONS.equals(method) && preflight(exchange, connection))
            {
                return;
            }
            wrongMethod.increment();
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            HttpAnswers.plain(exchange, connection, 405, "Method Not Allowed", "use POST with a JSON-RPC body", false);
            return;
        }
        if (exchange.getRequestContentLength() > maxBody)
        {
            tooLarge.increment();
            HttpAnswers.plain(exchange, connection, 413, "Request Entity Too Large",
                "request body larger than " + maxBody + " bytes", true);
            return;
        }
        // leave Undertow's handler call first: the exchange then stays open until the answer is written
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> receive(exchange, connection));
    }

    /** Runs after Undertow's handler call, inside its dispatch: what it throws Undertow would only log. */
    private void receive(final HttpServerExchange exchange, final ConnectionState connection)
    {
        try
        {
            if (!HttpContinue.requiresContinueResponse(exchange))
            {
                RequestBodyReader.read(exchange, connection, maxBody, budget, this);
                return;
            }
            HttpContinue.sendContinueResponse(exchange, new IoCallback()
            {
                @Override
                public void onComplete(final HttpServerExchange ex, final Sender sender)
                {
                    try
                    {
                        RequestBodyReader.read(ex, connection, maxBody, budget, JsonRpcHttpHandler.this);
                    }
                    catch (final Throwable t)
                    {
                        failed(ex, t);
                    }
                }

                @Override
                public void onException(final HttpServerExchange ex, final Sender sender, final IOException failure)
                {
                    IoUtils.safeClose(ex.getConnection());
                }
            });
        }
        catch (final Throwable t)
        {
            failed(exchange, t);
        }
    }

    private void failed(final HttpServerExchange exchange, final Throwable t)
    {
        Fatal.check(t);
        internal.increment();
        IoUtils.safeClose(exchange.getConnection());
    }

    @Override
    public void onBody(final HttpServerExchange exchange, final ConnectionState connection, final byte[] body)
    {
        handler.handle(body, new ExchangeReply(exchange, connection, replyCounters));
    }

    @Override
    public void onRefused(final HttpServerExchange exchange, final ConnectionState connection, final int status,
        final String reason, final String text)
    {
        if (413 == status)
        {
            tooLarge.increment();
        }
        else if (400 == status)
        {
            unreadable.increment();
        }
        HttpAnswers.plain(exchange, connection, status, reason, text, true);
    }

    /** 204 with the CORS headers for an allowed origin's preflight; false when it is not one. */
    private boolean preflight(final HttpServerExchange exchange, final ConnectionState connection)
    {
        final HeaderMap request = exchange.getRequestHeaders();
        final String allowed = policy.corsOrigin(request.getFirst(Headers.ORIGIN));
        if (null == allowed || !request.contains(new HttpString("Access-Control-Request-Method")))
        {
            return false;
        }
        final HeaderMap response = exchange.getResponseHeaders();
        response.put(ALLOW_METHODS, "POST, PUT, GET, OPTIONS");
        response.put(ALLOW_HEADERS, "Content-Type, Last-Event-ID");
        response.put(MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        HttpAnswers.send(exchange, connection, 204, "No Content", HttpAnswers.TEXT, new byte[0], false);
        return true;
    }
}
