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
        final AnsweredRequests answered = new AnsweredRequests(32_000, 10);
        final String key = AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "NOTIFY");
        assertFalse(answered.remember(key, OK, 1_000));
        assertArrayEquals(OK, answered.answerOf(key, 32_999));
        assertNull(answered.answerOf(key, 33_000));
        assertEquals(0, answered.size());
    }

    @Test
    void sentByAndMethodArePartOfTheKey()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, 10);
        answered.remember(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "NOTIFY"), OK, 0);
        assertNull(answered.answerOf(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5070", "NOTIFY"), 1));
        assertNull(answered.answerOf(AnsweredRequests.key("z9hG4bK1", "127.0.0.1:5060", "OPTIONS"), 1));
    }

    @Test
    void whenFullTheOldestIsForgottenFirst()
    {
        final AnsweredRequests answered = new AnsweredRequests(32_000, 3);
        for (int i = 0; i < 3; i++)
        {
            assertFalse(answered.remember(AnsweredRequests.key("z9hG4bK" + i, "h:1", "NOTIFY"), OK, i));
        }
        assertTrue(answered.remember(AnsweredRequests.key("z9hG4bK3", "h:1", "NOTIFY"), OK, 3));
        assertEquals(3, answered.size());
        assertNull(answered.answerOf(AnsweredRequests.key("z9hG4bK0", "h:1", "NOTIFY"), 4));
        assertArrayEquals(OK, answered.answerOf(AnsweredRequests.key("z9hG4bK1", "h:1", "NOTIFY"), 4));
    }
}
