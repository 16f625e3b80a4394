package org.puaagent.agent.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.puaagent.agent.sip.NumericHost;

/**
 * One configured webhook: an {@code http://} URL whose host is a numeric IP address (the agent never resolves
 * names), and the filter of the notifications it gets. Immutable.
 *
 * @param uri    the URL the notifications are POSTed to
 * @param filter which notifications it gets
 */
public record WebhookTarget(URI uri, NotificationFilter filter)
{
    /** The outcome of {@link #parse}: a target, or an error message. Immutable. */
    public record Parsed(WebhookTarget target, String error)
    {
    }

    /** The same URL with another filter. */
    public WebhookTarget withFilter(final NotificationFilter f)
    {
        return new WebhookTarget(uri, f);
    }

    /**
     * Checks a {@code --webhook} URL: scheme {@code http}, a numeric IPv4 or bracketed IPv6 host, an optional
     * port, no user info; the path defaults to {@code /}. The filter is {@link NotificationFilter#ANY}.
     */
    public static Parsed parse(final String text)
    {
        if (null == text || text.isBlank())
        {
            return new Parsed(null, "empty webhook URL");
        }
        if (!text.trim().toLowerCase(Locale.ROOT).startsWith("http://"))
        {
            return new Parsed(null, "webhook '" + text + "': only http:// URLs are supported");
        }
        final URI uri;
        try
        {
            uri = new URI(text.trim());
        }
        catch (final URISyntaxException ex)
        {
            return new Parsed(null, "webhook '" + text + "' is not a URL: " + ex.getReason());
        }
        if (null == uri.getScheme() || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http"))
        {
            return new Parsed(null, "webhook '" + text + "': only http:// URLs are supported");
        }
        if (null != uri.getRawUserInfo())
        {
            return new Parsed(null, "webhook '" + text + "': user info in the URL is not supported");
        }
        final String host = uri.getHost();
        if (null == host || null == NumericHost.parse(host))
        {
            return new Parsed(null, "webhook '" + text + "': the host must be a numeric IP address"
                + " (127.0.0.1 or [::1]); the agent does no DNS");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535)
        {
            return new Parsed(null, "webhook '" + text + "': bad port");
        }
        final URI normalized = null == uri.getRawPath() || uri.getRawPath().isEmpty()
            ? URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/"
                + (null == uri.getRawQuery() ? "" : "?" + uri.getRawQuery()))
            : uri;
        return new Parsed(new WebhookTarget(normalized, NotificationFilter.ANY), null);
    }

    @Override
    public String toString()
    {
        return uri + (filter.isAny() ? "" : " (" + filter + ")");
    }
}
