package org.puaagent.agent.transport;

import java.nio.ByteBuffer;

/**
 * What a {@link FifoReader} feeds: the bytes of a request FIFO as they come, and the passing of time, so that a
 * framer can resynchronise once the FIFO has been quiet. Times are {@link System#nanoTime()} values (tests pass
 * their own). Called on the reader's thread only.
 */
interface FifoStream
{
    /** New bytes (position to limit; all of them are consumed) read at {@code now}. */
    void accept(ByteBuffer bytes, long now);

    /** When the stream wants {@link #deadline} called, or {@link Long#MAX_VALUE} for never. */
    long nextDeadline();

    /** Called at or after {@link #nextDeadline()}. */
    void deadline(long now);
}
