package org.puaagent.agent.pipeline;

/**
 * Finds start tags in the text of a well-formed XML document by their ordinal (the n-th start tag in
 * document order, as a StAX reader counts START_ELEMENT events), skipping comments, CDATA sections,
 * processing instructions, declarations and end tags. Immutable (static functions only).
 */
final class StartTags
{
    private StartTags()
    {
    }

    /**
     * @param xml      a well-formed document
     * @param ordinals 1-based start tag ordinals; 0 entries are ignored
     * @return for each ordinal the index just after the element name in its start tag, or -1
     */
    static int[] nameEnds(final String xml, final int[] ordinals)
    {
        final int[] result = new int[ordinals.length];
        java.util.Arrays.fill(result, -1);
        int ordinal = 0;
        int i = 0;
        final int n = xml.length();
        while (i < n)
        {
            final int lt = xml.indexOf('<', i);
            if (lt < 0)
            {
                break;
            }
            if (xml.startsWith("<!--", lt))
            {
                i = skipPast(xml, lt + 4, "-->");
            }
            else if (xml.startsWith("<![CDATA[", lt))
            {
                i = skipPast(xml, lt + 9, "]]>");
            }
            else if (xml.startsWith("<?", lt))
            {
                i = skipPast(xml, lt + 2, "?>");
            }
            else if (xml.startsWith("<!", lt))
            {
                i = skipDeclaration(xml, lt + 2);
            }
            else if (xml.startsWith("</", lt))
            {
                i = skipPast(xml, lt + 2, ">");
            }
            else
            {
                ordinal++;
                int end = lt + 1;
                while (end < n && !isNameEnd(xml.charAt(end)))
                {
                    end++;
                }
                for (int k = 0; k < ordinals.length; k++)
                {
                    if (ordinals[k] == ordinal)
                    {
                        result[k] = end;
                    }
                }
                i = skipTag(xml, end);
            }
        }
        return result;
    }

    private static boolean isNameEnd(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>';
    }

    private static int skipPast(final String xml, final int from, final String terminator)
    {
        final int at = xml.indexOf(terminator, from);
        return at < 0 ? xml.length() : at + terminator.length();
    }

    private static int skipDeclaration(final String xml, final int from)
    {
        int depth = 0;
        for (int i = from; i < xml.length(); i++)
        {
            final char c = xml.charAt(i);
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '>' && depth <= 0)
            {
                return i + 1;
            }
        }
        return xml.length();
    }

    private static int skipTag(final String xml, final int from)
    {
        char quote = 0;
        for (int i = from; i < xml.length(); i++)
        {
            final char c = xml.charAt(i);
            if (0 != quote)
            {
                if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }
        return xml.length();
    }

    /**
     * Finds an attribute in the start tag whose name ends at {@code nameEnd}.
     *
     * @param xml     a well-formed document
     * @param nameEnd the index just after the element name (from {@link #nameEnds})
     * @param name    the attribute name (qualified as written)
     * @return {start, end} of the attribute value between its quotes, or {@code null} when absent
     */
    static int[] attributeValue(final String xml, final int nameEnd, final String name)
    {
        int i = nameEnd;
        final int n = xml.length();
        while (i < n)
        {
            while (i < n && isSpace(xml.charAt(i)))
            {
                i++;
            }
            if (i >= n || xml.charAt(i) == '>' || xml.charAt(i) == '/')
            {
                return null;
            }
            final int nameStart = i;
            while (i < n && xml.charAt(i) != '=' && !isSpace(xml.charAt(i)))
            {
                i++;
            }
            final String attribute = xml.substring(nameStart, i);
            while (i < n && (isSpace(xml.charAt(i)) || xml.charAt(i) == '='))
            {
                i++;
            }
            if (i >= n)
            {
                return null;
            }
            final char quote = xml.charAt(i);
            final int valueStart = i + 1;
            final int valueEnd = xml.indexOf(quote, valueStart);
            if (valueEnd < 0)
            {
                return null;
            }
            if (attribute.equals(name))
            {
                return new int[] {valueStart, valueEnd};
            }
            i = valueEnd + 1;
        }
        return null;
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
