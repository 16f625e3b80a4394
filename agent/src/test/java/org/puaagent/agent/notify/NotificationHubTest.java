package org.puaagent.agent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The hub's sequence numbers, ring, gaps and fan-out, driven from the test thread acting as the owner. */
class NotificationHubTest
{
    /** Records what readAfter reports. */
    private static final class Recorder implements HubVisitor
    {
        final List<Long> events = new ArrayList<>();
        final List<long[]> gaps = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean onEvent(final HubEvent event)
        {
            events.add(event.sequence());
            return events.size() < stopAfter;
        }

        @Override
        public void onGap(final long first, final long last)
        {
            gaps.add(new long[] {first, last});
        }
    }

    @Test
    void sequencesStartAtOneAndIncreaseByOne()
    {
        final NotificationHub hub = new NotificationHub(16);
        assertEquals(0, hub.lastSequence());
        assertEquals(1, hub.oldestKept());
        for (int i = 1; i <= 5; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
            assertEquals(i, hub.lastSequence());
        }
        final Recorder r = new Recorder();
        assertEquals(5, hub.readAfter(0, 100, r));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.events);
        assertTrue(r.gaps.isEmpty());
        assertEquals(5, hub.readAfter(5, 100, new Recorder()), "nothing new: the cursor stays");
        hub.onNotification(null);
        assertEquals(5, hub.lastSequence(), "null is ignored, not numbered");
    }

    @Test
    void readHonoursLimitAndVisitorStop()
    {
        final NotificationHub hub = new NotificationHub(16);
        for (int i = 0; i < 10; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        final Recorder limited = new Recorder();
        assertEquals(3, hub.readAfter(0, 3, limited));
        assertEquals(List.of(1L, 2L, 3L), limited.events);
        final Recorder stopping = new Recorder();
        stopping.stopAfter = 2;
        assertEquals(6, hub.readAfter(4, 100, stopping));
        assertEquals(List.of(5L, 6L), stopping.events);
    }

    @Test
    void ringKeepsTheLastNAndReportsWhatFellOut()
    {
        final NotificationHub hub = new NotificationHub(8);
        for (int i = 0; i < 20; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        assertEquals(13, hub.oldestKept());
        final Recorder r = new Recorder();
        assertEquals(20, hub.readAfter(3, 100, r));
        assertEquals(1, r.gaps.size());
        assertEquals(4, r.gaps.get(0)[0]);
        assertEquals(12, r.gaps.get(0)[1]);
        assertEquals(List.of(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), r.events);
        final Recorder kept = new Recorder();
        hub.readAfter(12, 100, kept);
        assertTrue(kept.gaps.isEmpty(), "cursor at oldest-1 has lost nothing");
        assertEquals(8, kept.events.size());
    }

    @Test
    void readerLappedDuringReadGetsTheExactGap()
    {
        final NotificationHub hub = new NotificationHub(4);
        for (int i = 0; i < 4; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        // While the reader handles event 1, the owner appends 6 more: 2..6 are overwritten (ring of 4 keeps 7..10).
        final List<Long> seen = new ArrayList<>();
        final List<long[]> gaps = new ArrayList<>();
        final long cursor = hub.readAfter(0, 100, new HubVisitor()
        {
            @Override
            public boolean onEvent(final HubEvent event)
            {
                seen.add(event.sequence());
                if (event.sequence() == 1)
                {
                    for (int i = 0; i < 6; i++)
                    {
                        hub.onNotification(Notifications.presence("late" + i));
                    }
                }
                return true;
            }

            @Override
            public void onGap(final long first, final long last)
            {
                gaps.add(new long[] {first, last});
            }
        });
        assertEquals(List.of(1L), seen);
        assertEquals(1, gaps.size());
        assertEquals(2, gaps.get(0)[0]);
        assertEquals(6, gaps.get(0)[1]);
        // what follows the gap within the first snapshot (last = 4) is nothing; the cursor is after the gap
        assertEquals(6, cursor);
        final Recorder rest = new Recorder();
        assertEquals(10, hub.readAfter(cursor, 100, rest));
        assertEquals(List.of(7L, 8L, 9L, 10L), rest.events);
        assertTrue(rest.gaps.isEmpty());
    }

    @Test
    void everySequenceIsSeenOnceOrReportedAsGap()
    {
        final long seed = 20240611L;
        final Random random = new Random(seed);
        final NotificationHub hub = new NotificationHub(5);
        long cursor = 0;
        long accounted = 0;
        for (int round = 0; round < 2000; round++)
        {
            final int burst = random.nextInt(9);
            for (int i = 0; i < burst; i++)
            {
                hub.onNotification(Notifications.presence("r" + round));
            }
            final long before = cursor;
            final long[] count = new long[1];
            final long[] expectNext = {before + 1};
            cursor = hub.readAfter(cursor, 1 + random.nextInt(4), new HubVisitor()
            {
                @Override
                public boolean onEvent(final HubEvent event)
                {
                    assertEquals(expectNext[0], event.sequence(), "seed " + seed);
                    expectNext[0]++;
                    count[0]++;
                    return true;
                }

                @Override
                public void onGap(final long first, final long last)
                {
                    assertEquals(expectNext[0], first, "seed " + seed);
                    assertTrue(last >= first, "seed " + seed);
                    expectNext[0] = last + 1;
                    count[0] += last - first + 1;
                }
            });
            assertEquals(cursor - before, count[0], "seed " + seed);
            accounted += count[0];
        }
        assertEquals(cursor, accounted);
        assertTrue(cursor <= hub.lastSequence());
    }

    @Test
    void overItsBytesTheHubReleasesTheOldestEarlyAndReadersSeeAGap()
    {
        final long one = NotificationHub.sizeOf(Notifications.presence("u1"));
        final NotificationHub hub = new NotificationHub(100, 3 * one);
        for (int i = 1; i <= 3; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        assertEquals(3 * one, hub.keptBytes(), "three fit");
        assertEquals(1, hub.oldestKept());
        assertEquals(0L, hub.counters().get("hub.released_early"));

        hub.onNotification(Notifications.presence("u4"));
        hub.onNotification(Notifications.presence("u5"));
        assertEquals(3, hub.oldestKept(), "1 and 2 released although the ring has room for 100");
        assertEquals(3 * one, hub.keptBytes());
        assertEquals(2L, hub.counters().get("hub.released_early"));
        assertEquals(3 * one, hub.counters().get("hub.bytes"));
        assertEquals(3 * one, hub.counters().get("hub.bytes_limit"));

        final Recorder r = new Recorder();
        assertEquals(5, hub.readAfter(0, 100, r));
        assertEquals(1, r.gaps.size());
        assertEquals(List.of(1L, 2L), List.of(r.gaps.get(0)[0], r.gaps.get(0)[1]));
        assertEquals(List.of(3L, 4L, 5L), r.events);
    }

    @Test
    void aLargeNotificationPushesOutAsManyAsItNeedsButIsAlwaysKept()
    {
        final long one = NotificationHub.sizeOf(Notifications.presence("u1"));
        final NotificationHub hub = new NotificationHub(100, 4 * one);
        for (int i = 1; i <= 4; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        final Notification large = Notifications.of("big", "presence", "x".repeat((int)(3 * one)));
        hub.onNotification(large);
        assertEquals(5, hub.oldestKept(), "the large one needs every byte: the four before it go");
        assertEquals(NotificationHub.sizeOf(large), hub.keptBytes(), "the newest stays even above the limit");
        final Recorder r = new Recorder();
        hub.readAfter(0, 100, r);
        assertEquals(List.of(5L), r.events);
        hub.onNotification(Notifications.presence("u6"));
        assertEquals(6, hub.oldestKept());
        assertEquals(one, hub.keptBytes());
    }

    @Test
    void bytesStayExactWhenTheRingAlsoWraps()
    {
        final Random random = new Random(7);
        final NotificationHub hub = new NotificationHub(8, 6000);
        final List<Notification> written = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            final Notification n = Notifications.of("u" + i, "presence", "b".repeat(random.nextInt(1500)));
            hub.onNotification(n);
            written.add(n);
            long expected = 0;
            for (long seq = hub.oldestKept(); seq <= hub.lastSequence(); seq++)
            {
                expected += NotificationHub.sizeOf(written.get((int)(seq - 1)));
            }
            assertEquals(expected, hub.keptBytes(), "after " + i);
            assertTrue(hub.keptBytes() <= 6000 || hub.oldestKept() == hub.lastSequence(), "after " + i);
            assertTrue(hub.lastSequence() - hub.oldestKept() < 8, "the ring's count bound holds too");
        }
    }

    @Test
    void aReaderRacingTheOwnerSeesEverySequenceOnceAsAnEventOrInAGap() throws InterruptedException
    {
        final long one = NotificationHub.sizeOf(Notifications.presence("u"));
        final NotificationHub hub = new NotificationHub(64, 5 * one);
        final int total = 200_000;
        final long[] seen = {0};
        final String[] problem = {null};
        final Thread reader = new Thread(() ->
        {
            long cursor = 0;
            final long[] next = {1};
            final HubVisitor visitor = new HubVisitor()
            {
                @Override
                public boolean onEvent(final HubEvent event)
                {
                    if (event.sequence() != next[0] && null == problem[0])
                    {
                        problem[0] = "event " + event.sequence() + " where " + next[0] + " was due";
                    }
                    next[0] = event.sequence() + 1;
                    seen[0]++;
                    return true;
                }

                @Override
                public void onGap(final long first, final long last)
                {
                    if ((first != next[0] || last < first) && null == problem[0])
                    {
                        problem[0] = "gap " + first + ".." + last + " where " + next[0] + " was due";
                    }
                    next[0] = last + 1;
                    seen[0] += last - first + 1;
                }
            };
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (cursor < total && System.nanoTime() < deadline)
            {
                cursor = hub.readAfter(cursor, 1 + (int)(cursor % 7), visitor);
            }
        });
        reader.start();
        for (int i = 0; i < total; i++)
        {
            hub.onNotification(Notifications.presence("u"));
        }
        reader.join(30_000);
        assertEquals(null, problem[0]);
        assertEquals(total, seen[0], "every sequence accounted for, in order");
        assertTrue(hub.counters().get("hub.released_early") > 0, "the bytes, not the ring, released most");
    }

    @Test
    void readersAreWokenPerNotificationAndAFailingReaderHarmsNobody()
    {
        final NotificationHub hub = new NotificationHub(8);
        final AtomicInteger a = new AtomicInteger();
        final AtomicInteger b = new AtomicInteger();
        final HubReader ra = a::incrementAndGet;
        final HubReader broken = () ->
        {
            throw new IllegalStateException("reader bug");
        };
        final HubReader rb = b::incrementAndGet;
        hub.attach(ra);
        hub.attach(broken);
        hub.attach(rb);
        for (int i = 0; i < 3; i++)
        {
            hub.onNotification(Notifications.presence("u" + i));
        }
        assertEquals(3, a.get());
        assertEquals(3, b.get());
        assertEquals(3L, hub.counters().get("hub.reader_errors"));
        assertEquals(3L, hub.counters().get("hub.readers"));
        hub.detach(ra);
        hub.detach(broken);
        hub.detach(ra);
        hub.onNotification(Notifications.presence("x"));
        assertEquals(3, a.get());
        assertEquals(4, b.get());
        assertEquals(4L, hub.counters().get("hub.sequence"));
        assertEquals(1L, hub.counters().get("hub.readers"));
    }
}
