package org.puaagent.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads the answer to a connection's request in flight from a non-blocking channel, as the bytes arrive: in
 * pieces of any size, over as many calls as it takes. Not thread-safe: the connection's event loop only.
 */
interface AnswerReader
{
    /** The next answer must carry this id (binrpc cookie, JSON-RPC id). */
    void expect(int id);

    /**
     * Reads what the channel has.
     *
     * @param scratch a buffer the reader may use for the bytes read (heap; shared by the loop's connections)
     * @return the answer, complete, or null if more bytes are needed; the end of the stream is an
     *         {@link Answer.Broken} of kind {@code closed}
     */
    Answer read(ReadableByteChannel channel, ByteBuffer scratch) throws IOException;

    /** Whether the server asked to close the connection after the answer just read ({@code Connection: close}). */
    boolean closeAfter();

    /** Forgets any partial input (the channel was closed; the next request starts on a new one). */
    void reset();
}
