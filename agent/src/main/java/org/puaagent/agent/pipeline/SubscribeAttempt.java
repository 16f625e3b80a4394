package org.puaagent.agent.pipeline;

/**
 * One SUBSCRIBE sent for a subscription (the context of its client transaction): what kind, for which
 * command (none for timer refreshes and automatic re-subscribes), the Expires sent and the desired end it
 * stands for, and which recoveries were already used. Immutable.
 */
final class SubscribeAttempt
{
    /** What the SUBSCRIBE does. */
    enum Kind
    {
        /** Out of dialog: starts a new dialog. */
        INITIAL,
        /** In-dialog with Expires &gt; 0. */
        REFRESH,
        /** In-dialog with Expires 0. */
        UNSUBSCRIBE
    }

    final Subscription subscription;
    final SubscribeCommand command;
    final Kind kind;
    final int expiresHeader;
    final long desiredEndMillis;
    final boolean retried423;
    final boolean recovered;

    SubscribeAttempt(final Subscription subscription, final SubscribeCommand command, final Kind kind,
        final int expiresHeader, final long desiredEndMillis, final boolean retried423, final boolean recovered)
    {
        this.subscription = subscription;
        this.command = command;
        this.kind = kind;
        this.expiresHeader = expiresHeader;
        this.desiredEndMillis = desiredEndMillis;
        this.retried423 = retried423;
        this.recovered = recovered;
    }
}
