package org.puaagent.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.puaagent.agent.notify.Notification;
import org.puaagent.protocol.pua.EventPackage;
import org.puaagent.protocol.pua.SubscribeRequest;

/** What the subscription table holds is counted in its byte budget, and given back when it goes. */
class SubscriptionTableTest
{
    private static final SubscribeRequest ALICE =
        new SubscribeRequest("sip:alice@127.0.0.1", "sip:bob@127.0.0.1", EventPackage.PRESENCE, 3600);
    private static final SubscribeRequest CAROL =
        new SubscribeRequest("sip:carol@127.0.0.1", "sip:bob@127.0.0.1", EventPackage.PRESENCE, 3600);
    private static final long ONE = RecordSizes.newSubscription(ALICE);

    private static SubscriptionKey key(final SubscribeRequest request)
    {
        return new SubscriptionKey(request.presentity(), request.watcher(), request.event());
    }

    @Test
    void aNewSubscriptionIsCreatedOnlyWhileItFits()
    {
        final SubscriptionTable table = new SubscriptionTable(new ByteBudget(ONE + ONE / 2));
        final Subscription alice = table.create(key(ALICE), null, ONE);
        assertNotNull(alice);
        assertEquals(ONE, table.heldBytes());
        assertNull(table.create(key(CAROL), null, RecordSizes.newSubscription(CAROL)), "no room for a second");
        assertEquals(1, table.size());

        table.remove(alice);
        assertEquals(0, table.heldBytes(), "removing gives the bytes back");
        table.remove(alice);
        assertEquals(0, table.heldBytes(), "and only once");
        assertNotNull(table.create(key(CAROL), null, RecordSizes.newSubscription(CAROL)), "room again");
    }

    @Test
    void accountingFollowsTheDialogAndTheKeptStateButNotARemovedSubscription()
    {
        final SubscriptionTable table = new SubscriptionTable(new ByteBudget(1 << 20));
        final Subscription alice = table.create(key(ALICE), null, ONE);
        alice.callId = "c".repeat(60);
        alice.localTag = "t".repeat(10);
        table.account(alice);
        assertEquals(RecordSizes.subscription(alice), table.heldBytes());
        final long before = table.heldBytes();
        alice.last = new Notification(alice.id, ALICE.presentity(), ALICE.watcher(), "presence", "active",
            "application/pidf+xml", "x".repeat(5000), 0);
        table.account(alice);
        assertEquals(before + RecordSizes.notification(alice.last), table.heldBytes());
        assertTrue(RecordSizes.notification(alice.last) > 5000, "the body counts");

        table.remove(alice);
        assertEquals(0, table.heldBytes());
        table.account(alice);
        assertEquals(0, table.heldBytes(), "accounting a removed subscription adds nothing");
    }

    @Test
    void retiredCallIdsCountUntilTheyArePruned()
    {
        final SubscriptionTable table = new SubscriptionTable(new ByteBudget(1 << 20));
        final Subscription alice = table.create(key(ALICE), null, ONE);
        alice.callId = "call-1@127.0.0.1";
        table.bind(alice);
        table.retire(alice, 1000);
        assertEquals(ONE + RecordSizes.retired("call-1@127.0.0.1"), table.heldBytes());
        table.retire(alice, 2000);
        assertEquals(ONE + RecordSizes.retired("call-1@127.0.0.1"), table.heldBytes(), "retired once, counted once");
        assertTrue(table.pruneRetired(1999), "still retired");
        assertEquals(ONE + RecordSizes.retired("call-1@127.0.0.1"), table.heldBytes());
        table.pruneRetired(2000);
        assertEquals(ONE, table.heldBytes(), "pruned: given back");
        table.clear();
        assertEquals(0, table.heldBytes());
    }
}
