package org.puaagent.agent.pipeline;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.function.Supplier;

/**
 * pua's processing of a {@code presence} (PIDF) body (spec pua.md section 4.1): the body must be well-formed
 * XML with a {@code tuple} element (namespace ignored), else it is refused; the first tuple gets an
 * {@code id} when it has none (the series' stored tuple id, else a new one), and the first {@code person}
 * without {@code id} gets the tuple id. Unlike pua (libxml2 re-serialisation) the body is otherwise kept
 * byte for byte: the attributes are inserted into the original text. DTDs and external entities are
 * never processed.
 *
 * <p>The work is split in two so that the expensive part runs off the owner thread: {@link #scan} (the XML
 * check and the insertion offsets; depends on the body only) is done by the thread that submits the command,
 * {@link #apply} (the series' stored tuple id) by the owner. One instance per thread ({@link #forThisThread()}
 * gives the calling thread's own), so that threads do not share a factory's symbol tables; {@link #apply} is a
 * pure function.
 */
final class PresenceDocument
{
    private static final String TUPLE = "tuple";
    private static final String PERSON = "person";
    private static final String ID = "id";

    private static final ThreadLocal<PresenceDocument> PER_THREAD = ThreadLocal.withInitial(PresenceDocument::new);

    private final XMLInputFactory factory;

    PresenceDocument()
    {
        factory = BodyXmlFactory.create();
    }

    /** The calling thread's own instance. Any thread. */
    static PresenceDocument forThisThread()
    {
        return PER_THREAD.get();
    }

    /** The result of {@link #prepare} and {@link #apply}. Immutable. */
    sealed interface Result permits Prepared, Refused
    {
    }

    /**
     * @param body    the body to send
     * @param tupleId the id of the first tuple (given, stored or generated)
     */
    record Prepared(String body, String tupleId) implements Result
    {
    }

    /** @param why why pua would refuse the body */
    record Refused(String why) implements Result, Scan
    {
    }

    /** The result of {@link #scan}: what {@link #apply} needs of the body. Immutable. */
    sealed interface Scan permits Scanned, Refused
    {
    }

    /**
     * A well-formed body with a tuple.
     *
     * @param tupleId       the first tuple's own id, or {@code null} when it has none
     * @param tupleNameEnd  where the id attribute goes in the first tuple's start tag (-1 when it has an id)
     * @param personNameEnd where the id attribute goes in the first person's start tag (-1 when there is no
     *                      person, or the first one has an id)
     */
    record Scanned(String tupleId, int tupleNameEnd, int personNameEnd) implements Scan
    {
    }

    /**
     * The XML part: well-formedness, the first tuple and its id, the first person without id, and where the
     * attributes would go. Depends on the body only.
     *
     * @param body the caller's body
     * @return {@link Scanned}, or {@link Refused} with pua's reason
     */
    Scan scan(final String body)
    {
        int ordinal = 0;
        int tupleOrdinal = 0;
        String tupleId = null;
        int personOrdinal = 0;
        XMLStreamReader reader = null;
        try
        {
            reader = factory.createXMLStreamReader(new StringReader(body));
            while (reader.hasNext())
            {
                if (reader.next() != XMLStreamConstants.START_ELEMENT)
                {
                    continue;
                }
                ordinal++;
                final String name = reader.getLocalName();
                if (0 == tupleOrdinal && TUPLE.equals(name))
                {
                    tupleOrdinal = ordinal;
                    tupleId = reader.getAttributeValue(null, ID);
                }
                else if (0 == personOrdinal && PERSON.equals(name))
                {
                    personOrdinal = null == reader.getAttributeValue(null, ID) ? ordinal : -1;
                }
            }
        }
        catch (final XMLStreamException | RuntimeException ex)
        {
            return new Refused("presence body is not well-formed XML");
        }
        finally
        {
            close(reader);
        }
        if (0 == tupleOrdinal)
        {
            return new Refused("presence body has no <tuple> element");
        }
        final boolean tupleNeedsId = null == tupleId;
        if (!tupleNeedsId && personOrdinal <= 0)
        {
            return new Scanned(tupleId, -1, -1);
        }
        final int[] positions = StartTags.nameEnds(body, new int[] {tupleNeedsId ? tupleOrdinal : 0,
            Math.max(0, personOrdinal)});
        return new Scanned(tupleId, positions[0], positions[1]);
    }

    /**
     * The whole processing in one call: {@link #scan} then {@link #apply}.
     *
     * @param body          the caller's body
     * @param storedTupleId the series' tuple id, or {@code null} for a new series
     * @param newTupleId    a fresh id, used only when the tuple has none and nothing is stored
     */
    Result prepare(final String body, final String storedTupleId, final String newTupleId)
    {
        return apply(body, scan(body), storedTupleId, () -> newTupleId);
    }

    /**
     * The series part: inserts the tuple id (the body's own, else the stored one, else a new one) where the
     * scan found it missing. Pure function; any thread.
     *
     * @param body          the body that was scanned
     * @param scan          {@link #scan} of exactly that body
     * @param storedTupleId the series' tuple id, or {@code null} for a new series
     * @param newTupleId    gives a fresh id; called only when the tuple has none and nothing is stored
     */
    static Result apply(final String body, final Scan scan, final String storedTupleId,
        final Supplier<String> newTupleId)
    {
        if (scan instanceof Refused refused)
        {
            return refused;
        }
        final Scanned scanned = (Scanned)scan;
        final boolean tupleNeedsId = null == scanned.tupleId();
        final String tupleId = !tupleNeedsId ? scanned.tupleId()
            : null != storedTupleId ? storedTupleId : newTupleId.get();
        final int tuplePosition = tupleNeedsId ? scanned.tupleNameEnd() : -1;
        final int personPosition = scanned.personNameEnd();
        if (tuplePosition < 0 && personPosition < 0)
        {
            return new Prepared(body, tupleId);
        }
        final String attribute = " id=\"" + escape(tupleId) + "\"";
        final StringBuilder out = new StringBuilder(body.length() + 2 * attribute.length());
        final int firstPosition;
        final int secondPosition;
        if (tuplePosition >= 0 && (personPosition < 0 || tuplePosition < personPosition))
        {
            firstPosition = tuplePosition;
            secondPosition = personPosition;
        }
        else
        {
            firstPosition = personPosition;
            secondPosition = tuplePosition;
        }
        int copied = 0;
        for (final int position : new int[] {firstPosition, secondPosition})
        {
            if (position >= 0)
            {
                out.append(body, copied, position).append(attribute);
                copied = position;
            }
        }
        out.append(body, copied, body.length());
        return new Prepared(out.toString(), tupleId);
    }

    private static void close(final XMLStreamReader reader)
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

    private static String escape(final String value)
    {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
