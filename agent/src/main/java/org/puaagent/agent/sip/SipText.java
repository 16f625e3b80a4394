package org.puaagent.agent.sip;

/**
 * Checks on text the agent writes into SIP header lines, and the RFC 3261 character classes it reads by. Immutable (static functions only).
 */
public final class SipText
{
    private SipText()
    {
    }

    /**
     * Whether a value can be written as (part of) a header value or a Request-URI without changing the
     * message structure: no CR, LF, space, tab, {@code <} or {@code >}. {@code null} passes (nothing written).
     */
    public static boolean isHeaderValue(final String value)
    {
        if (null == value)
        {
            return true;
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '<' || c == '>')
            {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** Whether a byte is a character of an RFC 3261 {@code token} (alphanumeric and {@code -.!%*_+`'~}). */
    public static boolean isTokenChar(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
            || b == '!' || b == '%' || b == '*' || b == '_' || b == '+' || b == '`' || b == '\'' || b == '~';
    }

    /** Whether a header value stays on one line (no CR or LF). {@code null} passes. */
    public static boolean isSingleLine(final String value)
    {
        return null == value || (value.indexOf('\r') < 0 && value.indexOf('\n') < 0);
    }
}
