package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** pua's tuple id / person id rules on presence bodies, keeping the rest of the text. */
class PresenceDocumentTest
{
    private final PresenceDocument document = new PresenceDocument();

    @Test
    void aTupleWithoutIdGetsTheNewIdForANewSeries()
    {
        final PresenceDocument.Prepared p = prepared(
            "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><tuple><status/></tuple></presence>",
            null, "0xnew");
        assertEquals("<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\">"
            + "<tuple id=\"0xnew\"><status/></tuple></presence>", p.body());
        assertEquals("0xnew", p.tupleId());
    }

    @Test
    void aTupleWithoutIdGetsTheStoredIdWhenModifying()
    {
        final PresenceDocument.Prepared p = prepared("<presence><tuple/></presence>", "t1", "0xnew");
        assertEquals("<presence><tuple id=\"t1\"/></presence>", p.body());
        assertEquals("t1", p.tupleId());
    }

    @Test
    void aGivenTupleIdIsKeptAndTheBodyUnchanged()
    {
        final String body = "<presence>\n  <tuple id=\"mine\">\n  </tuple>\n</presence>\n";
        final PresenceDocument.Prepared p = prepared(body, "t1", "0xnew");
        assertEquals(body, p.body());
        assertEquals("mine", p.tupleId());
    }

    @Test
    void aPersonWithoutIdGetsTheTupleId()
    {
        assertEquals("<presence><tuple id=\"a\"/><dm:person id=\"a\" xmlns:dm=\"urn:x\"/></presence>",
            prepared("<presence><tuple id=\"a\"/><dm:person xmlns:dm=\"urn:x\"/></presence>", null, "n").body());
        assertEquals("<presence><person id=\"n\"/><tuple id=\"n\"/></presence>",
            prepared("<presence><person/><tuple/></presence>", null, "n").body());
        assertEquals("<presence><tuple id=\"n\"/><person id=\"p\"/></presence>",
            prepared("<presence><tuple/><person id=\"p\"/></presence>", null, "n").body());
    }

    @Test
    void commentsCdataAndQuotedBracketsDoNotMisplaceTheId()
    {
        final String body = "<?xml version=\"1.0\"?><!-- <tuple> --><p:presence note=\"a>b\" xmlns:p=\"urn:p\">"
            + "<![CDATA[<tuple>]]><?pi <tuple>?><p:tuple\n  x='1'><p:status/></p:tuple></p:presence>";
        assertEquals("<?xml version=\"1.0\"?><!-- <tuple> --><p:presence note=\"a>b\" xmlns:p=\"urn:p\">"
            + "<![CDATA[<tuple>]]><?pi <tuple>?><p:tuple id=\"n\"\n  x='1'><p:status/></p:tuple></p:presence>",
            prepared(body, null, "n").body());
    }

    @Test
    void idsAreEscaped()
    {
        assertEquals("<presence><tuple id=\"a&quot;&lt;&amp;\"/></presence>",
            prepared("<presence><tuple/></presence>", "a\"<&", "n").body());
    }

    @Test
    void bodiesPuaRefusesAreRefused()
    {
        for (final String body : new String[] {"", "not xml", "<presence>", "<presence><status/></presence>",
            "<presence><tuple></presence>", "<a/><b/>", "<presence><tuple/></presence>text",
            "<presence><tuple a=\"1\" a=\"2\"/></presence>", "<presence><tuple a=1/></presence>",
            "<presence><tuple><note>&undeclared;</note></tuple></presence>", "<presence><tuple x=\"<\"/></presence>",
            "<presence><tuple><note></tuple></note></presence>", "<p:presence><tuple/></p:presence>",
            "<presence><tuple><note>\u0001</note></tuple></presence>"})
        {
            assertInstanceOf(PresenceDocument.Refused.class, document.prepare(body, null, "n"), body);
        }
    }

    @Test
    void wellFormedBodiesOfEveryKindAreAccepted()
    {
        for (final String body : new String[] {"<presence><tuple/></presence>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence><tuple/></presence>\n",
            "<presence><tuple><note>&amp;&lt;&#65;&#x42;</note></tuple></presence>",
            "<presence><!-- c --><tuple><note><![CDATA[<x>]]></note></tuple></presence>",
            "<p:presence xmlns:p=\"urn:ietf:params:xml:ns:pidf\"><p:tuple/></p:presence>",
            "<presence><tuple><note>\u00e9\u20ac\ud83d\ude00</note></tuple></presence>"})
        {
            assertInstanceOf(PresenceDocument.Prepared.class, document.prepare(body, null, "n"), body);
        }
    }

    @Test
    void externalEntitiesAreNeverFetched()
    {
        final String body = "<?xml version=\"1.0\"?><!DOCTYPE presence [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
            + "<presence><tuple><note>&e;</note></tuple></presence>";
        final PresenceDocument.Result result = document.prepare(body, null, "n");
        if (result instanceof PresenceDocument.Prepared)
        {
            final String out = ((PresenceDocument.Prepared)result).body();
            assertEquals(body.replace("<tuple>", "<tuple id=\"n\">"), out, "the text is kept as sent");
        }
    }

    private PresenceDocument.Prepared prepared(final String body, final String stored, final String fresh)
    {
        return assertInstanceOf(PresenceDocument.Prepared.class, document.prepare(body, stored, fresh), body);
    }
}
