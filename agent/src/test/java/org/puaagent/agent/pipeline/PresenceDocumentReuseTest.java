package org.puaagent.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/**
 * One {@link PresenceDocument} reads many bodies in a row (its StAX reader is reused): a refused body must not
 * change how the next ones are read.
 */
class PresenceDocumentReuseTest
{
    private static final String GOOD = "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
        + " entity=\"sip:a@127.0.0.1\"><tuple id=\"t%d\"><status><basic>open</basic></status></tuple></presence>";

    @Test
    void bodiesReadInARowAreEachReadOnTheirOwn()
    {
        final PresenceDocument document = new PresenceDocument();
        for (int i = 0; i < 50; i++)
        {
            final String good = String.format(GOOD, i);
            final PresenceDocument.Prepared prepared =
                assertInstanceOf(PresenceDocument.Prepared.class, document.prepare(good, null, "new"), "body " + i);
            assertEquals("t" + i, prepared.tupleId());
            assertEquals(good, prepared.body());
            assertEquals(new PresenceDocument.Refused("presence body is not well-formed XML"),
                document.prepare("<presence><tuple></presence>", null, "new"), "broken body after " + i);
            assertEquals(new PresenceDocument.Refused("presence body has no <tuple> element"),
                document.prepare("<presence/>", null, "new"), "body without tuple after " + i);
            final PresenceDocument.Prepared added = assertInstanceOf(PresenceDocument.Prepared.class,
                document.prepare("<presence><tuple/></presence>", "s" + i, "new"));
            assertEquals("<presence><tuple id=\"s" + i + "\"/></presence>", added.body());
        }
    }
}
