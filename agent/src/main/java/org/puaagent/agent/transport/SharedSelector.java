package org.puaagent.agent.transport;

import java.nio.channels.Selector;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Another thread's selector that stream listeners can run on instead of a thread of their own: the pipeline
 * owner's, which waits on it when idle. A {@link StreamServer} started with
 * {@link StreamServer#startOn(SharedSelector)} registers its channels there and hands
 * {@link StreamServer#serveSelected} to {@code addDuty}. The selector's thread selects once per duty cycle (having
 * cleared the selected keys: a key left selected would not end a later select) and then calls every duty, which
 * serves and removes the selected keys of its own and never selects itself: one {@code epoll_wait} per cycle
 * for all channels on the selector.
 *
 * <p>Threading: immutable; {@code addDuty} from any thread.
 *
 * @param selector the selector the hosting thread waits on
 * @param addDuty  adds a duty (returns the amount of work done, 0 when idle) to the hosting thread's cycle
 */
public record SharedSelector(Selector selector, Consumer<IntSupplier> addDuty)
{
}
