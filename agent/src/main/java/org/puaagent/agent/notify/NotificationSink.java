package org.puaagent.agent.notify;

/**
 * Where the pipeline hands every NOTIFY of its subscriptions. Called on the pipeline owner thread, once per
 * NOTIFY, in arrival order: an implementation must not block and must not throw (it copies the value into its
 * own bounded buffers and returns; overflow is its own business, counted, never back-pressure on the owner).
 */
@FunctionalInterface
public interface NotificationSink
{
    /** A sink that drops everything (no delivery configured). */
    NotificationSink NONE = n -> { };

    void onNotification(Notification notification);
}
