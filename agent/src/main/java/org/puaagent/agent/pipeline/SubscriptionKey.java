package org.puaagent.agent.pipeline;

import org.puaagent.protocol.pua.EventPackage;

/**
 * What identifies one of the agent's subscriptions: the command's (presentity, watcher, event), compared as
 * given. A repeated subscribe with the same key refreshes the existing subscription. Immutable.
 *
 * @param presentity the presentity URI
 * @param watcher    the watcher URI
 * @param event      the event package
 */
record SubscriptionKey(String presentity, String watcher, EventPackage event)
{
}
