package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The dialog;sla version rule. */
class DialogInfoDocumentTest
{
    private final DialogInfoDocument document = new DialogInfoDocument();

    @Test
    void versionIsReplacedOrAdded()
    {
        assertEquals("<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"7\" "
                + "state=\"full\"/>",
            document.withVersion("<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" "
                + "version=\"1\" state=\"full\"/>", 7));
        assertEquals("<d:dialog-info version=\"0\" xmlns:d=\"urn:d\" state='full'><d:dialog id='x' version='9'/>"
                + "</d:dialog-info>",
            document.withVersion("<d:dialog-info xmlns:d=\"urn:d\" state='full'><d:dialog id='x' version='9'/>"
                + "</d:dialog-info>", 0));
        assertEquals("<dialog-info entity='a' version='12'/>", document.withVersion(
            "<dialog-info entity='a' version = '3'/>".replace(" = ", "="), 12));
    }

    @Test
    void otherDocumentsAreRefused()
    {
        assertNull(document.withVersion("<presence/>", 1));
        assertNull(document.withVersion("<dialog-info>", 1));
        assertNull(document.withVersion("", 1));
    }
}
