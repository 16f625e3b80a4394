package org.puaagent.agent.transport;

import java.nio.channels.Selector;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Another thread's selector that stream listeners can run on instead of a thread of their own: the pipeline
 * owner's, which waits on it when idle. A {@link StreamServer} started with
 * {@link StreamServer#startOn(SharedSelector)} registers its channels there and hands
 * {@link StreamServer#poll} to {@code addDuty}; the selector's thread then calls it once per duty cycle and
 * must clear the selected keys before each blocking select of its own (keys of the listeners it did not handle
 * are reported again by the next select).
 *
 * <p>Threading: immutable; {@code addDuty} from any thread.
 *
 * @param selector the selector the hosting thread waits on
 * @param addDuty  adds a duty (returns the amount of work done, 0 when idle) to the hosting thread's cycle
 */
public record SharedSelector(Selector selector, Consumer<IntSupplier> addDuty)
{
}
