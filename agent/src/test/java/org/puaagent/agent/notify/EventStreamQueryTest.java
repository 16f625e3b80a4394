package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The query and Last-Event-ID of {@code GET /events} as {@link EventStream#parse} reads them. */
class EventStreamQueryTest
{
    /** {@code target} as a request-target, with {@code lastEventId} as the Last-Event-ID header (null: none). */
    private static EventStream.Request parse(final String target, final String lastEventId)
    {
        final int mark = target.indexOf('?');
        return EventStream.parse(mark < 0 ? "" : target.substring(mark + 1), lastEventId);
    }

    private static EventStream.Request parse(final String target)
    {
        return parse(target, null);
    }

    @Test
    void aPercentEncodedPresentityFiltersTheSameAsTheRawOne()
    {
        final EventStream.Request raw = parse("/events?presentity=sip:a@127.0.0.1");
        final EventStream.Request encoded = parse("/events?presentity=sip%3Aa%40127.0.0.1");
        assertNull(encoded.error());
        assertEquals(Set.of("sip:a@127.0.0.1"), encoded.filter().presentities());
        assertEquals(raw.filter(), encoded.filter());
        final Notification a = Notifications.presence("a");
        final Notification b = Notifications.presence("b");
        assertEquals("sip:a@127.0.0.1", a.presentity(), "the fixture's presentity");
        assertTrue(encoded.filter().matches(a));
        assertFalse(encoded.filter().matches(b));
    }

    @Test
    void repeatedParametersAreAlternativesAndNamesAreDecodedToo()
    {
        final EventStream.Request r = parse("/events?presentity=sip:a@127.0.0.1&%70resentity=sip%3Ab%40127.0.0.1"
            + "&event=dialog&event=presence&watcher=sip:w@127.0.0.1");
        assertNull(r.error());
        assertEquals(Set.of("sip:a@127.0.0.1", "sip:b@127.0.0.1"), r.filter().presentities());
        assertEquals(Set.of("dialog", "presence"), r.filter().events());
        assertEquals(Set.of("sip:w@127.0.0.1"), r.filter().watchers());
        assertEquals(-1, r.lastEventId());
    }

    @Test
    void emptyAndValuelessParametersMatchAnything()
    {
        final EventStream.Request r = parse("/events?presentity&event=&&watcher=%20");
        assertNull(r.error());
        assertTrue(r.filter().isAny(), r.filter().toString());
        assertTrue(parse("/events").filter().isAny());
        assertTrue(parse("/events?").filter().isAny());
    }

    @Test
    void lastEventIdComesFromTheHeaderFirstThenTheQuery()
    {
        assertEquals(7, parse("/events?last_event_id=7").lastEventId());
        assertEquals(3, parse("/events?last_event_id=7", "3").lastEventId());
        assertEquals(7, parse("/events?last_event_id=7", " ").lastEventId());
        assertEquals(0, parse("/events", " 0 ").lastEventId());
    }

    @Test
    void badQueriesSayWhatIsWrong()
    {
        final Map<String, String> cases = Map.of(
            "/events?presentiy=sip:a@127.0.0.1", "unknown parameter 'presentiy'",
            "/events?presentity=%zz", "malformed query",
            "/events?last_event_id=-1", "is not a sequence number",
            "/events?last_event_id=x1", "is not a sequence number");
        for (final Map.Entry<String, String> c : cases.entrySet())
        {
            final EventStream.Request r = parse(c.getKey());
            assertNull(r.filter(), c.getKey());
            assertTrue(null != r.error() && r.error().contains(c.getValue()), c.getKey() + ": " + r.error());
        }
        assertTrue(parse("/events", "abc").error().contains("not a sequence"));
    }
}
