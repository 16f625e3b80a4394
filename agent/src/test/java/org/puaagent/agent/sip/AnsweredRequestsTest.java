package org.puaagent.agent.sip;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnsweredRequestsTest
{
    private static final byte[] OK = "SIP/2.0 200 OK\r\n\r\n".getBytes();
    private static final long ROOMY = 1L << 20;

    @Test
    void onlyRfc3261BranchesAreMatched()
    {
        assertNull(AnsweredRequests.key("1234", "127.0.0.1:5060", "NOTIFY"));
        assertNull(AnsweredRequests.key(null, "127.0.0.1:5060", "NOTIFY"));
        assertEquals("z9hG4bKa 127.0.0.1:5060 NOTIFY", AnsweredRequests.key("z9hG4bKa", "127.0.0.1:5060", "NOTIFY"));
    }

    @Test
    void anAnswerIsKeptForTimerJThenForgotten()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, ROOMY);
        final String key = AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "NOTIFY");
        assertFalse(answered.remember(key, OK, 1_000));
        assertEquals(AnsweredRequests.ENTRY_BYTES + key.length() + OK.length, answered.bytes());
        assertArrayEquals(OK, answered.answerOf(key, 32_999));
        assertNull(answered.answerOf(key, 33_000));
        assertEquals(0, answered.size());
        assertEquals(0, answered.bytes(), "an expired answer gives its bytes back");
    }

    @Test
    void sentByAndMethodArePartOfTheKey()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, ROOMY);
        answered.remember(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "NOTIFY"), OK, 0);
        assertNull(answered.answerOf(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5070", "NOTIFY"), 1));
        assertNull(answered.answerOf(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "OPTIONS"), 1));
    }

    @Test
    void whenFullInBytesTheOldestAreForgottenFirst()
    {
        final long entry = AnsweredRequests.ENTRY_BYTES + key(0).length() + OK.length;
        final AnsweredRequests answered = new AnsweredRequests(32_000, 3 * entry);
        for (int i = 0; i < 3; i++)
        {
            assertFalse(answered.remember(key(i), OK, i), "room for three");
        }
        assertEquals(3 * entry, answered.bytes());
        assertTrue(answered.remember(key(3), OK, 3));
        assertEquals(3, answered.size());
        assertEquals(3 * entry, answered.bytes());
        assertNull(answered.answerOf(key(0), 4));
        assertArrayEquals(OK, answered.answerOf(key(1), 4));

        final byte[] large = new byte[(int)entry];
        assertTrue(answered.remember(key(4), large, 5), "a large answer pushes out as many as it needs");
        assertEquals(2, answered.size(), "two of the three were forgotten for it");
        assertArrayEquals(OK, answered.answerOf(key(3), 6));
        assertArrayEquals(large, answered.answerOf(key(4), 6));
        assertTrue(answered.bytes() <= 3 * entry);
    }

    @Test
    void anAnswerLargerThanTheWholeLimitIsNotKept()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, 1024);
        assertFalse(answered.remember(key(0), OK, 0));
        assertTrue(answered.remember(key(1), new byte[2048], 1));
        assertNull(answered.answerOf(key(1), 2));
        assertArrayEquals(OK, answered.answerOf(key(0), 2), "the others stay");
        assertTrue(answered.bytes() <= 1024);
    }

    @Test
    void rememberingAKeyAgainReplacesItsBytes()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, ROOMY);
        answered.remember(key(0), new byte[500], 0);
        answered.remember(key(0), OK, 1);
        assertEquals(1, answered.size());
        assertEquals(AnsweredRequests.ENTRY_BYTES + key(0).length() + OK.length, answered.bytes());
        assertArrayEquals(OK, answered.answerOf(key(0), 2));
    }

    private static String key(final int i)
    {
        return AnsweredRequests.key("z9hG4bK" + i, "h:1", "NOTIFY");
    }
}
