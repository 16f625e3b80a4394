package org.puaagent.agent.bench;

import org.puaagent.agent.config.OptionPairs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.puaagent.agent.sip.SipListenAddress;

/**
 * The options of the SIP-direct target ({@code --target sip:HOST:PORT}) beyond the common ones: the presentity
 * URIs, the watchers, the PUBLISH body, the lifetimes asked for, where the bench's SIP sockets listen and what
 * is removed at the end. Immutable.
 *
 * @param presentityTemplate the presentity URI with {@code %d} for its number ({@code sip:user%d@HOST:PORT} of
 *                           the target: the pipeline sends a SUBSCRIBE to its presentity URI, a PUBLISH to the
 *                           target)
 * @param watchers           SUBSCRIBE dialogs: watcher j ({@code sip:watcher<j>@127.0.0.1}) subscribes to
 *                           presentity {@code j mod N}
 * @param body               the PUBLISH body template, or null for the default PIDF of {@code --body-bytes}
 * @param bodyFile           where the body template came from, or null
 * @param subscribeExpires   the Expires of every SUBSCRIBE (11 or more: pua asks for its default_expires + 10)
 * @param sipListen          where the publishing pipeline listens ({@code udp:HOST:PORT}, port 0: any); the
 *                           watchers' pipeline listens on the same host, any port
 * @param cleanup            what the bench removes at the end
 */
public record SipWorkload(
    String presentityTemplate,
    int watchers,
    BodyTemplate body,
    Path bodyFile,
    int subscribeExpires,
    String sipListen,
    Cleanup cleanup)
{
    /** Where the publishing pipeline listens unless told. */
    public static final String DEFAULT_SIP_LISTEN = "udp:127.0.0.1:0";
    /** pua adds this to the default_expires of a SUBSCRIBE that is kept "forever". */
    public static final int SUBSCRIBE_EXPIRES_EXTRA = 10;
    /** pua adds this to the default_expires of a PUBLISH that is kept "forever". */
    public static final int PUBLISH_EXPIRES_EXTRA = 1;
    /** The most presentities of a SIP-direct run (the bench keeps a sequence number for each). */
    public static final int MAX_PRESENTITIES = 1_000_000;
    private static final int DEFAULT_SUBSCRIBE_EXPIRES = 3600;
    private static final int MAX_WATCHERS = 100_000;
    private static final int MAX_BODY_FILE_BYTES = 60_000;

    /** What the bench removes when the run is over. */
    public enum Cleanup
    {
        /** Unsubscribe every watcher (Expires 0) and unpublish every presentity it published (default). */
        ALL,
        /** Unsubscribe only; the publications expire by themselves. */
        UNSUBSCRIBE,
        /** Nothing: subscriptions and publications expire by themselves. */
        NONE
    }

    /** The presentity of number {@code i}: the template with its {@code %d} replaced by i. */
    public String presentity(final int i)
    {
        final int at = presentityTemplate.indexOf("%d");
        return presentityTemplate.substring(0, at) + i + presentityTemplate.substring(at + 2);
    }

    /** The watcher URI of number {@code j}. */
    public static String watcher(final int j)
    {
        return "sip:watcher" + j + "@127.0.0.1";
    }

    /** The options in words, for the reports. */
    public String describe()
    {
        return String.format(Locale.ROOT, "presentities %s, %d watchers (SUBSCRIBE Expires %d), body %s, cleanup %s",
            presentityTemplate, watchers, subscribeExpires, null == bodyFile ? "default PIDF" : bodyFile.toString(),
            cleanup.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Collects the SIP-direct options while {@link BenchOptions#parse} reads the command line. Not
     * thread-safe: one parse.
     */
    static final class Builder
    {
        private String presentityTemplate;
        private int watchers;
        private BodyTemplate body;
        private Path bodyFile;
        private int subscribeExpires = DEFAULT_SUBSCRIBE_EXPIRES;
        private String sipListen = DEFAULT_SIP_LISTEN;
        private Cleanup cleanup = Cleanup.ALL;
        private String given;

        /**
         * Takes a SIP-direct option.
         *
         * @return false when the option is not one of them
         * @throws IllegalArgumentException with what is wrong with the value
         */
        boolean accept(final String name, final String value)
        {
            switch (name)
            {
                case "presentity-template":
                    presentityTemplate = presentityTemplate(value);
                    break;
                case "watchers":
                    watchers = (int) OptionPairs.whole(name, value, 0, MAX_WATCHERS);
                    break;
                case "body-template":
                    bodyFile = Path.of(value);
                    body = bodyTemplate(bodyFile);
                    break;
                case "subscribe-expires":
                    subscribeExpires = (int) OptionPairs.whole(name, value, SUBSCRIBE_EXPIRES_EXTRA + 1,
                        Integer.MAX_VALUE);
                    break;
                case "sip-listen":
                    sipListen = sipListen(value);
                    break;
                case "cleanup":
                    cleanup = cleanup(value);
                    break;
                default:
                    return false;
            }
            given = null == given ? name : given;
            return true;
        }

        /** The first SIP-direct option given, or null. */
        String given()
        {
            return given;
        }

        SipWorkload build(final BenchTarget.Sip target)
        {
            final String presentities = null != presentityTemplate ? presentityTemplate
                : "sip:user%d@" + target.text().substring("sip:".length());
            return new SipWorkload(presentities, watchers, body, bodyFile, subscribeExpires, sipListen, cleanup);
        }

        private static String presentityTemplate(final String value)
        {
            final int at = value.indexOf("%d");
            if (!value.startsWith("sip:") || at < 0 || value.indexOf('%', at + 2) >= 0
                || value.substring(0, at).indexOf('%') >= 0)
            {
                throw new IllegalArgumentException("--presentity-template takes a sip: URI with one %d for the"
                    + " presentity's number (e.g. sip:user%d@127.0.0.1:5060), not '" + value + "'");
            }
            return value;
        }

        private static BodyTemplate bodyTemplate(final Path file)
        {
            final String text;
            try
            {
                if (Files.size(file) > MAX_BODY_FILE_BYTES)
                {
                    throw new IllegalArgumentException("--body-template " + file + ": larger than "
                        + MAX_BODY_FILE_BYTES + " bytes");
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
            catch (final IOException | java.io.UncheckedIOException ex)
            {
                throw new IllegalArgumentException("--body-template: cannot read " + file + " ("
                    + (ex instanceof java.nio.file.NoSuchFileException ? "no such file" : ex.toString()) + ")");
            }
            final BodyTemplate.Parsed parsed = BodyTemplate.parse(text);
            if (null != parsed.error())
            {
                throw new IllegalArgumentException("--body-template " + file + ": " + parsed.error());
            }
            return parsed.template();
        }

        private static String sipListen(final String value)
        {
            final boolean hasTransport = !value.isEmpty() && Character.isLetter(value.charAt(0))
                && value.indexOf(':') > 0 && value.substring(0, value.indexOf(':')).indexOf('.') < 0;
            final String text = hasTransport ? value : "udp:" + value;
            SipListenAddress.parse(text);
            return text;
        }

        private static Cleanup cleanup(final String value)
        {
            switch (value)
            {
                case "all":
                    return Cleanup.ALL;
                case "unsubscribe":
                    return Cleanup.UNSUBSCRIBE;
                case "none":
                    return Cleanup.NONE;
                default:
                    throw new IllegalArgumentException("--cleanup takes all, unsubscribe or none, not '" + value
                        + "'");
            }
        }

    }
}
