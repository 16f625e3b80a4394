package org.puaagent.agent.bench.notify;

import java.util.Locale;

/**
 * The distinct text each published change carries in its PIDF {@code <note>}: {@code nbm-RUN-N.} where RUN
 * names the run (so a stale notification of an earlier run never counts) and N is the change's number
 * (0 for the state published before subscribing). Immutable.
 *
 * @param run the run's name: lower-case letters and digits
 */
record Marker(String run)
{
    /** A change number that is not in a body. */
    static final int NONE = -1;

    private static final String PREFIX = "nbm-";

    /** The text of change {@code n}. */
    String text(final int n)
    {
        return PREFIX + run + "-" + n + ".";
    }

    /**
     * The largest change number of this run found in {@code body}, or {@link #NONE}. A server that aggregates
     * several publications into one document may carry more than one marker; the newest is the state.
     */
    int find(final String body)
    {
        if (null == body)
        {
            return NONE;
        }
        final String head = PREFIX + run + "-";
        int found = NONE;
        int from = 0;
        while (true)
        {
            final int at = body.indexOf(head, from);
            if (at < 0)
            {
                return found;
            }
            int i = at + head.length();
            long n = 0;
            final int digitsStart = i;
            while (i < body.length() && Character.isDigit(body.charAt(i)) && n <= Integer.MAX_VALUE)
            {
                n = n * 10 + (body.charAt(i) - '0');
                i++;
            }
            if (i > digitsStart && i < body.length() && body.charAt(i) == '.' && n <= Integer.MAX_VALUE)
            {
                found = Math.max(found, (int)n);
            }
            from = i;
        }
    }

    /** The PIDF of change {@code n} for {@code entity}, the marker in the tuple's note. */
    String pidf(final String entity, final int n)
    {
        return String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"%s\"><tuple id=\"nbm\"><status><basic>%s"
            + "</basic></status><note>%s</note></tuple></presence>", entity, n % 2 == 0 ? "open" : "closed", text(n));
    }
}
