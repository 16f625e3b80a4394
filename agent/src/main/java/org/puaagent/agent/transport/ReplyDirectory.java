package org.puaagent.agent.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.puaagent.protocol.fifo.ReplyFifoName;

/**
 * The directory where clients make their reply FIFOs ({@code --jsonrpc-reply-dir}, {@code --mi-reply-dir}), and
 * the name rule both FIFOs apply ({@link ReplyFifoName}): a reply goes to this directory joined with a name the
 * rule accepts, never anywhere else. A directory given without a trailing {@code /} gets one (Kamailio joins the
 * strings as they are, so {@code /tmp} and {@code x} made {@code /tmpx}, outside the directory).
 * Immutable; any thread.
 */
final class ReplyDirectory
{
    private final String directory;
    private final byte[] directoryBytes;

    ReplyDirectory(final String directory)
    {
        this.directory = directory.endsWith("/") ? directory : directory + "/";
        this.directoryBytes = this.directory.getBytes(StandardCharsets.UTF_8);
    }

    /** The rule's verdict on a client's name (null: none given). */
    ReplyFifoName.Verdict verdict(final String name)
    {
        return ReplyFifoName.check(name, directoryBytes.length);
    }

    /** The reply path for a name whose verdict is {@link ReplyFifoName.Verdict#USABLE}. */
    ReplyPath resolve(final String name)
    {
        if (verdict(name) != ReplyFifoName.Verdict.USABLE)
        {
            throw new IllegalArgumentException("reply name refused by the rule: " + name);
        }
        final byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        final byte[] path = Arrays.copyOf(directoryBytes, directoryBytes.length + nameBytes.length + 1);
        System.arraycopy(nameBytes, 0, path, directoryBytes.length, nameBytes.length);
        return new ReplyPath(path, directory + name);
    }

    @Override
    public String toString()
    {
        return directory;
    }
}
