package org.puaagent.agent.pipeline;

import org.puaagent.agent.notify.NotificationSink;
import org.puaagent.agent.sip.ResponseSources;
import org.puaagent.agent.runtime.Limits;
import org.puaagent.agent.sip.SipListenAddress;
import org.puaagent.agent.sip.SipTimers;

import java.util.Objects;

/**
 * Settings of the {@link PresencePipeline}. Immutable; build with {@link #builder()}.
 */
public final class PipelineConfig
{
    private final SipListenAddress listen;
    private final String advertisedHost;
    private final String defaultOutboundProxy;
    private final int commandQueueCapacity;
    private final int commandBatchLimit;
    private final int maxPendingCommands;
    private final SipTimers sipTimers;
    private final int defaultExpires;
    private final int minExpires;
    private final String userAgent;
    private final long timerTickMillis;
    private final NotificationSink notificationSink;
    private final SubscribeContact subscribeContact;
    private final ResponseSources acceptResponsesFrom;
    private final Limits limits;

    private PipelineConfig(final Builder b)
    {
        this.listen = b.listen;
        this.advertisedHost = b.advertisedHost;
        this.defaultOutboundProxy = b.defaultOutboundProxy;
        this.commandQueueCapacity = b.commandQueueCapacity;
        this.commandBatchLimit = b.commandBatchLimit;
        this.maxPendingCommands = b.maxPendingCommands;
        this.sipTimers = b.sipTimers;
        this.defaultExpires = b.defaultExpires;
        this.minExpires = b.minExpires;
        this.userAgent = b.userAgent;
        this.timerTickMillis = b.timerTickMillis;
        this.notificationSink = b.notificationSink;
        this.subscribeContact = b.subscribeContact;
        this.acceptResponsesFrom = b.acceptResponsesFrom;
        this.limits = b.limits;
    }

    /** A builder with the defaults. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Where SIP listens (default {@code udp:127.0.0.1:5062}). */
    public SipListenAddress listen()
    {
        return listen;
    }

    /** The host written in Via and Call-ID; {@code null}: the listen host (127.0.0.1 for a wildcard). */
    public String advertisedHost()
    {
        return advertisedHost;
    }

    /** The next hop when a command has none (pua's {@code outbound_proxy}); {@code null}: the R-URI. */
    public String defaultOutboundProxy()
    {
        return defaultOutboundProxy;
    }

    /** Capacity of the command queue (rounded up to a power of two by the queue). */
    public int commandQueueCapacity()
    {
        return commandQueueCapacity;
    }

    /** How many commands one duty cycle takes at most. */
    public int commandBatchLimit()
    {
        return commandBatchLimit;
    }

    /**
     * How many accepted commands may wait for SIP at once (in flight or queued in their series); while the
     * limit is reached the owner stops taking commands, so the command queue fills and submits fail fast.
     */
    public int maxPendingCommands()
    {
        return maxPendingCommands;
    }

    /** T1, T2, Timer F. */
    public SipTimers sipTimers()
    {
        return sipTimers;
    }

    /** pua's {@code default_expires} (3600): used for negative expires ("forever"). */
    public int defaultExpires()
    {
        return defaultExpires;
    }

    /** pua's {@code min_expires} (0): the Expires of a removal. */
    public int minExpires()
    {
        return minExpires;
    }

    /** The User-Agent header value. */
    public String userAgent()
    {
        return userAgent;
    }

    /** Resolution of the owner's timer wheel. */
    public long timerTickMillis()
    {
        return timerTickMillis;
    }

    /**
     * Where every NOTIFY of the agent's subscriptions is handed, on the owner thread (default
     * {@link NotificationSink#NONE}).
     */
    public NotificationSink notificationSink()
    {
        return notificationSink;
    }

    /** Who the subscriber is: the agent (default) or, Kamailio-compatible, the watcher URI. */
    public SubscribeContact subscribeContact()
    {
        return subscribeContact;
    }

    /**
     * From where responses to the agent's requests are taken: only the address each request went to (default)
     * or anywhere.
     */
    public ResponseSources acceptResponsesFrom()
    {
        return acceptResponsesFrom;
    }

    /**
     * The byte limits of what the owner holds: publications, subscriptions, pending commands, the SIP answers
     * kept for retransmissions, the resolver cache (default {@link Limits#defaults()}: shares of the heap).
     */
    public Limits limits()
    {
        return limits;
    }

    /**
     * Builds a {@link PipelineConfig}. Not thread-safe.
     */
    public static final class Builder
    {
        private SipListenAddress listen = SipListenAddress.parse(SipListenAddress.DEFAULT);
        private String advertisedHost;
        private String defaultOutboundProxy;
        private int commandQueueCapacity = 65_536;
        private int commandBatchLimit = 256;
        private int maxPendingCommands = 65_536;
        private SipTimers sipTimers = SipTimers.RFC_3261;
        private int defaultExpires = 3600;
        private int minExpires;
        private String userAgent = "pua-agent";
        private long timerTickMillis = 10;
        private NotificationSink notificationSink = NotificationSink.NONE;
        private SubscribeContact subscribeContact = SubscribeContact.AGENT;
        private ResponseSources acceptResponsesFrom = ResponseSources.NEXT_HOP;
        private Limits limits = Limits.defaults();

        private Builder()
        {
        }

        /** @param value {@code proto:host:port}, e.g. {@code udp:127.0.0.1:0} for a free port */
        public Builder listen(final String value)
        {
            this.listen = SipListenAddress.parse(value);
            return this;
        }

        public Builder advertisedHost(final String value)
        {
            this.advertisedHost = value;
            return this;
        }

        public Builder defaultOutboundProxy(final String value)
        {
            this.defaultOutboundProxy = value;
            return this;
        }

        public Builder commandQueueCapacity(final int value)
        {
            this.commandQueueCapacity = positive("commandQueueCapacity", value);
            return this;
        }

        public Builder commandBatchLimit(final int value)
        {
            this.commandBatchLimit = positive("commandBatchLimit", value);
            return this;
        }

        public Builder maxPendingCommands(final int value)
        {
            this.maxPendingCommands = positive("maxPendingCommands", value);
            return this;
        }

        public Builder sipTimers(final SipTimers value)
        {
            this.sipTimers = Objects.requireNonNull(value, "sipTimers");
            return this;
        }

        public Builder defaultExpires(final int value)
        {
            this.defaultExpires = positive("defaultExpires", value);
            return this;
        }

        public Builder minExpires(final int value)
        {
            this.minExpires = Math.max(0, value);
            return this;
        }

        public Builder userAgent(final String value)
        {
            this.userAgent = Objects.requireNonNull(value, "userAgent");
            return this;
        }

        public Builder timerTickMillis(final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException("timerTickMillis must be positive: " + value);
            }
            this.timerTickMillis = value;
            return this;
        }

        public Builder notificationSink(final NotificationSink value)
        {
            this.notificationSink = Objects.requireNonNull(value, "notificationSink");
            return this;
        }

        public Builder subscribeContact(final SubscribeContact value)
        {
            this.subscribeContact = Objects.requireNonNull(value, "subscribeContact");
            return this;
        }

        public Builder acceptResponsesFrom(final ResponseSources value)
        {
            this.acceptResponsesFrom = Objects.requireNonNull(value, "acceptResponsesFrom");
            return this;
        }

        public Builder limits(final Limits value)
        {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public PipelineConfig build()
        {
            return new PipelineConfig(this);
        }

        private static int positive(final String name, final int value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
