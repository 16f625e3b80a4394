package org.puaagent.agent.notify;

/**
 * Something that reads the {@link NotificationHub} at its own pace, from its own thread, keeping its own
 * cursor. The hub calls {@link #wake()} on the pipeline owner thread after every notification it appends.
 */
@FunctionalInterface
public interface HubReader
{
    /**
     * New notifications are in the hub. Called on the pipeline owner thread: must not block, must not throw,
     * should cost next to nothing (set a flag, schedule one task if none is scheduled yet).
     */
    void wake();
}
