package org.puaagent.agent.pipeline;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The split of {@link PresenceDocument}: a scan made on another thread, applied later with the series' tuple
 * id, gives what {@link PresenceDocument#prepare} gives, and the fresh id is asked for only when it is used.
 */
class PresenceScanTest
{
    private static final String[] BODIES = {
        "<presence><tuple/></presence>",
        "<presence>\n  <tuple id=\"mine\">\n  </tuple>\n</presence>\n",
        "<presence><tuple id=\"a\"/><dm:person xmlns:dm=\"urn:x\"/></presence>",
        "<presence><person/><tuple/></presence>",
        "<presence><tuple/><person id=\"p\"/></presence>",
        "<presence><tuple/><person/><person/><tuple/></presence>",
        "<?xml version=\"1.0\"?><!-- <tuple> --><p:presence note=\"a>b\" xmlns:p=\"urn:p\">"
            + "<![CDATA[<tuple>]]><?pi <tuple>?><p:tuple\n  x='1'><p:status/></p:tuple></p:presence>",
        "", "not xml", "<presence>", "<presence><status/></presence>", "<presence><tuple></presence>", "<a/><b/>",
    };

    @Test
    void aScanFromAnotherThreadAppliedLaterEqualsPrepare() throws InterruptedException
    {
        final PresenceDocument.Scan[] scans = new PresenceDocument.Scan[BODIES.length];
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread submitter = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < BODIES.length; i++)
                {
                    scans[i] = PresenceDocument.forThisThread().scan(BODIES[i]);
                }
            }
            catch (final Throwable t)
            {
                failure.set(t);
            }
        });
        submitter.start();
        submitter.join();
        assertEquals(null, failure.get());
        final PresenceDocument document = new PresenceDocument();
        for (int i = 0; i < BODIES.length; i++)
        {
            for (final String stored : new String[] {null, "s1"})
            {
                assertEquals(document.prepare(BODIES[i], stored, "fresh"),
                    PresenceDocument.apply(BODIES[i], scans[i], stored, () -> "fresh"), BODIES[i] + " / " + stored);
            }
        }
    }

    @Test
    void theFreshIdIsAskedForOnlyWhenTheTupleHasNoneAndNothingIsStored()
    {
        final AtomicInteger asked = new AtomicInteger();
        final PresenceDocument document = PresenceDocument.forThisThread();
        PresenceDocument.apply("<presence><tuple id=\"t\"/></presence>",
            document.scan("<presence><tuple id=\"t\"/></presence>"), null, () -> "n" + asked.incrementAndGet());
        PresenceDocument.apply("<presence><tuple/></presence>", document.scan("<presence><tuple/></presence>"),
            "stored", () -> "n" + asked.incrementAndGet());
        assertEquals(0, asked.get());
        final PresenceDocument.Prepared prepared = assertInstanceOf(PresenceDocument.Prepared.class,
            PresenceDocument.apply("<presence><tuple/></presence>", document.scan("<presence><tuple/></presence>"),
                null, () -> "n" + asked.incrementAndGet()));
        assertEquals("<presence><tuple id=\"n1\"/></presence>", prepared.body());
    }
}
