package org.puaagent.agent.notify;

/**
 * What a reader does with what {@link NotificationHub#readAfter} finds. Called on the reader's thread, in
 * sequence order.
 */
public interface HubVisitor
{
    /**
     * The next notification after the cursor (already consumed: the returned cursor is past it).
     *
     * @return true to go on reading, false to stop after this one
     */
    boolean onEvent(HubEvent event);

    /**
     * Sequences {@code first..last} are no longer in the ring: this reader will never see them. Called before
     * the events that follow the gap.
     */
    void onGap(long first, long last);
}
