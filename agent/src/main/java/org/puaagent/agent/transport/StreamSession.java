package org.puaagent.agent.transport;

import java.nio.ByteBuffer;

/**
 * The protocol side of one stream connection (binrpc over TCP or a unix stream socket). Called only on the
 * server's selector thread; must not block.
 */
public interface StreamSession
{
    /** Bytes arrived; {@code in} is readable from its position to its limit and is reused after the call. */
    void onBytes(ByteBuffer in);

    /** Whether the session holds part of a request that has not all arrived yet (for the request deadline). */
    default boolean midRequest()
    {
        return false;
    }

    /** The peer closed the connection or it failed; pending replies for it are dropped. */
    default void onClose()
    {
    }
}
