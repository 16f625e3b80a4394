package org.puaagent.protocol.binrpc;

/**
 * Kamailio's internal binrpc error codes and the fixed texts it puts into fault messages, e.g.
 * {@code bad request method: more data needed} or
 * {@code error at parameter 0: expected float type but bug -- internal error}. Immutable.
 */
public enum BinRpcErrorCode
{
    INVALID_ARGUMENTS(-1, "invalid function arguments"),
    BUFFER_OVERFLOW(-2, "buffer too small (overflow)"),
    CORRUPTED_PACKET(-3, "corrupted packet"),
    MORE_DATA_NEEDED(-4, "more data needed"),
    END_OF_PACKET(-5, "end of packet encountered"),
    NOT_INITIALIZED(-6, "binrpc parse context not initialized"),
    TYPE_MISMATCH(-7, "record doesn't match type"),
    BAD_RECORD(-8, "bad record"),
    INTERNAL_BUG(-9, "bug -- internal error");

    /** The text Kamailio uses for any code it does not know. */
    public static final String UNKNOWN_TEXT = "unknown/invalid error code";

    private final int code;
    private final String text;

    BinRpcErrorCode(final int code, final String text)
    {
        this.code = code;
        this.text = text;
    }

    /** Kamailio's numeric code (negative). */
    public int code()
    {
        return code;
    }

    /** The text Kamailio prints for this code. */
    public String text()
    {
        return text;
    }

    /** The text for any numeric code, {@link #UNKNOWN_TEXT} for codes Kamailio does not define. */
    public static String textOf(final int code)
    {
        for (final BinRpcErrorCode c : values())
        {
            if (c.code == code)
            {
                return c.text;
            }
        }
        return UNKNOWN_TEXT;
    }
}
