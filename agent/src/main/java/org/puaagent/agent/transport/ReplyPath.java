package org.puaagent.agent.transport;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where one reply goes: a reply FIFO path that passed the name rule ({@link ReplyDirectory}), as the
 * NUL-terminated bytes open(2) takes and as a {@link Path} for the checks. Immutable; any thread.
 */
final class ReplyPath
{
    private final byte[] withNul;
    private final String text;

    ReplyPath(final byte[] withNul, final String text)
    {
        this.withNul = withNul;
        this.text = text;
    }

    /** The path's bytes followed by a NUL (the array is shared: do not change it). */
    byte[] withNul()
    {
        return withNul;
    }

    String text()
    {
        return text;
    }

    Path path()
    {
        return Path.of(text);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ReplyPath p && Arrays.equals(withNul, p.withNul);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(withNul);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
