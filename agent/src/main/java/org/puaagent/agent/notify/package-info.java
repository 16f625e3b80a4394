/**
 * Delivery of the NOTIFYs of the agent's subscriptions to applications.
 *
 * <p>The pipeline owner hands every NOTIFY to a {@link org.puaagent.agent.notify.NotificationSink}: in the
 * agent that is the {@link org.puaagent.agent.notify.NotificationHub}, which numbers it (a global sequence),
 * keeps the last N in a ring, and wakes its readers. It never blocks and never copies per reader: each reader
 * keeps a cursor into the ring and reads at its own pace on its own thread, so the ring is every reader's
 * bounded queue; a reader that falls a whole ring behind is told exactly which sequences it lost.
 *
 * <p>Readers:
 * <ul>
 *   <li>{@link org.puaagent.agent.notify.EventStream}: Server-Sent Events at {@code GET /events} on the
 *       JSON-RPC HTTP server. The clients of the server's selector thread form one reader (so the owner's cost
 *       does not grow with the number of clients); every write is non-blocking on that thread.</li>
 *   <li>{@link org.puaagent.agent.notify.WebhookDelivery}: one thread for all webhooks, POSTs through
 *       {@code java.net.http.HttpClient} asynchronously, one in flight per webhook, bounded retries with
 *       back-off, a bounded queue per webhook.</li>
 * </ul>
 * The JSON of a notification is the same on both paths ({@link org.puaagent.agent.notify.NotificationJson});
 * it is built once per notification, by the first reader that needs it, not by the owner.
 */
package org.puaagent.agent.notify;
