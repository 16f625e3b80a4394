package org.puaagent.protocol.fifo;

/**
 * Which reply FIFO names a client may give, on the JSON-RPC FIFO ({@code "reply_name"}) and on the MI FIFO
 * ({@code :command:reply_fifo}) alike: the reply goes to the reply directory joined with the name, so the name
 * must stay a single file name inside that directory (docs/fifo.md, "Reply FIFO names").
 *
 * <p>Refused: no name or an empty one; {@code .} and {@code ..}; a {@code /} or {@code \}; a control character
 * (NUL, CR, LF, TAB, DEL and the C1 range); a name that was not valid UTF-8 on the wire (it decodes to U+FFFD or
 * holds an unpaired surrogate, so no file name matches what the client wrote); a directory and name longer than
 * {@value #MAX_PATH_BYTES} bytes in UTF-8 (Kamailio's limit). Accepted unlike Kamailio, which refuses every
 * {@code .}: dots elsewhere, so kamcli's default {@code kamailio_rpc_reply.fifo} works.
 *
 * <p>Stateless; any thread.
 */
public final class ReplyFifoName
{
    /** Longest reply FIFO path, directory included (Kamailio: the path and its NUL fit 128 bytes). */
    public static final int MAX_PATH_BYTES = 127;

    private static final char FIRST_PRINTABLE = 0x20;
    private static final char DELETE = 0x7f;
    private static final char LAST_C1_CONTROL = 0x9f;
    private static final char REPLACEMENT = '\uFFFD';
    private static final int ONE_BYTE_LIMIT = 0x80;
    private static final int TWO_BYTE_LIMIT = 0x800;
    private static final int TWO_BYTES = 2;
    private static final int THREE_BYTES = 3;
    private static final int FOUR_BYTES = 4;

    /** What the rule says of a name. */
    public enum Verdict
    {
        USABLE,
        /** No name, or an empty one. */
        EMPTY,
        /** {@code .} or {@code ..}: the directory itself or its parent. */
        DOT_NAME,
        /** A {@code /} or {@code \}. */
        SEPARATOR,
        /** NUL or another control character. */
        CONTROL,
        /** Not valid UTF-8 on the wire. */
        NOT_UTF8,
        /** Directory and name together longer than {@link #MAX_PATH_BYTES}. */
        TOO_LONG
    }

    private ReplyFifoName()
    {
    }

    /**
     * The verdict on {@code name} (null: none given) joined to a reply directory of {@code directoryBytes} bytes.
     */
    public static Verdict check(final String name, final int directoryBytes)
    {
        if (null == name || name.isEmpty())
        {
            return Verdict.EMPTY;
        }
        if (".".equals(name) || "..".equals(name))
        {
            return Verdict.DOT_NAME;
        }
        int bytes = directoryBytes;
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == '/' || c == '\\')
            {
                return Verdict.SEPARATOR;
            }
            if (c < FIRST_PRINTABLE || (c >= DELETE && c <= LAST_C1_CONTROL))
            {
                return Verdict.CONTROL;
            }
            if (c == REPLACEMENT)
            {
                return Verdict.NOT_UTF8;
            }
            if (Character.isHighSurrogate(c))
            {
                if (i + 1 == name.length() || !Character.isLowSurrogate(name.charAt(i + 1)))
                {
                    return Verdict.NOT_UTF8;
                }
                i++;
                bytes += FOUR_BYTES;
            }
            else if (Character.isLowSurrogate(c))
            {
                return Verdict.NOT_UTF8;
            }
            else
            {
                bytes += c < ONE_BYTE_LIMIT ? 1 : c < TWO_BYTE_LIMIT ? TWO_BYTES : THREE_BYTES;
            }
            if (bytes > MAX_PATH_BYTES)
            {
                return Verdict.TOO_LONG;
            }
        }
        return Verdict.USABLE;
    }
}
