package org.puaagent.agent.pipeline;

import org.puaagent.protocol.pua.EventPackage;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A read of the subscription table, answered by the owner from its own state (no shared mutable state).
 * Created by the asking thread, then owner thread only. Immutable values.
 */
sealed interface SubscriptionQuery permits SubscriptionQuery.ListAll, SubscriptionQuery.FindOne
{
    /**
     * Every subscription, in creation order.
     *
     * @param answer called once on the owner thread; must not block
     */
    record ListAll(Consumer<List<SubscriptionView>> answer) implements SubscriptionQuery
    {
    }

    /**
     * One subscription by its key.
     *
     * @param presentity the presentity URI
     * @param watcher    the watcher URI
     * @param event      the event package
     * @param answer     called once on the owner thread; must not block
     */
    record FindOne(String presentity, String watcher, EventPackage event,
        Consumer<Optional<SubscriptionView>> answer) implements SubscriptionQuery
    {
    }
}
