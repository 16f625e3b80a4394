package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of the SIP-direct target's PUBLISHes ({@code --body-template FILE}): text with placeholders that
 * are filled in for every request.
 * <ul>
 * <li>{@code ${presentity}}: the presentity URI, e.g. {@code sip:user7@127.0.0.1};</li>
 * <li>{@code ${index}}: the presentity's number {@code i} (0 to N-1);</li>
 * <li>{@code ${sequence}}: how many PUBLISHes of this presentity the bench sent before (0 for the first);</li>
 * <li>{@code ${basic}}: {@code open} for an even sequence, {@code closed} for an odd one, so every PUBLISH of
 *     a presentity changes its state.</li>
 * </ul>
 * Any other {@code ${...}} is an error when the template is read. The default is the PIDF of the RPC targets
 * ({@link PublishWorkload}), padded with a note to about {@code --body-bytes}. Immutable; any thread.
 */
public final class BodyTemplate
{
    private static final String PRESENTITY = "presentity";
    private static final String INDEX = "index";
    private static final String SEQUENCE = "sequence";
    private static final String BASIC = "basic";
    private static final String OPEN = "${";
    private static final char CLOSE = '}';
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"${presentity}\">\n"
        + "<tuple id=\"bench\"><status><basic>${basic}</basic></status><note>sequence ${sequence} ";
    private static final String TAIL = "</note></tuple>\n</presence>\n";
    private static final String PAD = "load from pua-agent bench over SIP. ";
    /** A typical expansion of the placeholders, for sizing the padding. */
    private static final int TYPICAL_EXPANSION = "sip:user1000@127.0.0.1".length() + "closed".length() + 3
        - "${presentity}${basic}${sequence}".length();

    /** Literal text and placeholders, in order: a String is literal, a {@link Slot} is filled in. */
    private final List<Object> parts;

    private enum Slot
    {
        PRESENTITY_URI,
        PRESENTITY_INDEX,
        SEQUENCE_NUMBER,
        BASIC_STATUS
    }

    /** The outcome of {@link #parse}: a template, or what is wrong with the text. Immutable. */
    public record Parsed(BodyTemplate template, String error)
    {
    }

    private BodyTemplate(final List<Object> parts)
    {
        this.parts = List.copyOf(parts);
    }

    /** The default PIDF, about {@code bodyBytes} long. */
    public static BodyTemplate pidf(final int bodyBytes)
    {
        final int fixed = HEAD.length() + TAIL.length() + TYPICAL_EXPANSION;
        final int padding = Math.max(0, bodyBytes - fixed);
        final StringBuilder b = new StringBuilder(HEAD);
        int added = 0;
        while (added < padding)
        {
            final int n = Math.min(PAD.length(), padding - added);
            b.append(PAD, 0, n);
            added += n;
        }
        return parse(b.append(TAIL).toString()).template();
    }

    /** Reads a template; never throws. */
    public static Parsed parse(final String text)
    {
        final List<Object> parts = new ArrayList<>();
        int from = 0;
        while (true)
        {
            final int open = text.indexOf(OPEN, from);
            if (open < 0)
            {
                break;
            }
            final int close = text.indexOf(CLOSE, open);
            if (close < 0)
            {
                return new Parsed(null, "unclosed placeholder at character " + open);
            }
            final String name = text.substring(open + OPEN.length(), close);
            final Slot slot = switch (name)
            {
                case PRESENTITY -> Slot.PRESENTITY_URI;
                case INDEX -> Slot.PRESENTITY_INDEX;
                case SEQUENCE -> Slot.SEQUENCE_NUMBER;
                case BASIC -> Slot.BASIC_STATUS;
                default -> null;
            };
            if (null == slot)
            {
                return new Parsed(null, "unknown placeholder ${" + name + "} (known: ${presentity}, ${index},"
                    + " ${sequence}, ${basic})");
            }
            if (open > from)
            {
                parts.add(text.substring(from, open));
            }
            parts.add(slot);
            from = close + 1;
        }
        if (from < text.length())
        {
            parts.add(text.substring(from));
        }
        if (parts.isEmpty())
        {
            return new Parsed(null, "the template is empty");
        }
        return new Parsed(new BodyTemplate(parts), null);
    }

    /** The body for the {@code sequence}-th PUBLISH of presentity number {@code index}. */
    public String render(final String presentity, final int index, final long sequence)
    {
        final StringBuilder b = new StringBuilder(256);
        for (final Object part : parts)
        {
            if (part instanceof String literal)
            {
                b.append(literal);
                continue;
            }
            switch ((Slot) part)
            {
                case PRESENTITY_URI -> b.append(presentity);
                case PRESENTITY_INDEX -> b.append(index);
                case SEQUENCE_NUMBER -> b.append(sequence);
                default -> b.append(0 == (sequence & 1) ? "open" : "closed");
            }
        }
        return b.toString();
    }
}
