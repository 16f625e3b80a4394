package org.puaagent.agent.pipeline;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;

/**
 * pua's processing of a {@code dialog;sla} body (spec pua.md section 4): the {@code version} attribute of
 * the root {@code dialog-info} element is set to the series' version (0 for the first PUBLISH, then 1,
 * 2, ...). The body must be well-formed XML with a {@code dialog-info} root, else it is refused. The text is
 * kept as sent apart from that attribute. Not thread-safe: owner thread only.
 */
final class DialogInfoDocument
{
    private static final String ROOT = "dialog-info";
    private static final String VERSION = "version";
    private static final int[] FIRST_START_TAG = {1};

    private final XMLInputFactory factory;

    DialogInfoDocument()
    {
        factory = BodyXmlFactory.create();
    }

    /**
     * @param body    the caller's body
     * @param version the version to write
     * @return the body with the version set, or {@code null} when pua would refuse it
     */
    String withVersion(final String body, final long version)
    {
        boolean rootIsDialogInfo = false;
        boolean seenRoot = false;
        XMLStreamReader reader = null;
        try
        {
            reader = factory.createXMLStreamReader(new StringReader(body));
            while (reader.hasNext())
            {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && !seenRoot)
                {
                    seenRoot = true;
                    rootIsDialogInfo = ROOT.equals(reader.getLocalName());
                }
            }
        }
        catch (final XMLStreamException | RuntimeException ex)
        {
            return null;
        }
        finally
        {
            if (null != reader)
            {
                try
                {
                    reader.close();
                }
                catch (final XMLStreamException ignored)
                {
                    // nothing held
                }
            }
        }
        if (!rootIsDialogInfo)
        {
            return null;
        }
        final int nameEnd = StartTags.nameEnds(body, FIRST_START_TAG)[0];
        final int[] value = StartTags.attributeValue(body, nameEnd, VERSION);
        if (null == value)
        {
            return body.substring(0, nameEnd) + " " + VERSION + "=\"" + version + "\"" + body.substring(nameEnd);
        }
        return body.substring(0, value[0]) + version + body.substring(value[1]);
    }
}
