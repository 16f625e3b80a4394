package org.puaagent.agent.bench;

/**
 * Escapes text for HTML and SVG content and attribute values. Stateless; any thread.
 */
final class HtmlText
{
    private HtmlText()
    {
    }

    static String escape(final String text)
    {
        final StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return b.toString();
    }
}
