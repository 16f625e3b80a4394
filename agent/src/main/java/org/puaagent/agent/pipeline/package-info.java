/**
 * The PUBLISH/SUBSCRIBE pipeline: the only way from the RPC side of the agent to SIP.
 *
 * <h2>API (what the dispatcher calls)</h2>
 * <pre>
 * PresencePipeline pipeline = PresencePipeline.start(PipelineConfig.builder()...build());
 * boolean accepted = pipeline.submitPublish(PublishRequest, PublishSource, PublishMode, Consumer&lt;PublishOutcome&gt;);
 * boolean accepted = pipeline.submitSubscribe(SubscribeRequest, Consumer&lt;SubscribeOutcome&gt;);
 * boolean accepted = pipeline.submitUnsubscribe(presentity, watcher, EventPackage, Consumer&lt;SubscribeOutcome&gt;);
 * boolean accepted = pipeline.querySubscriptions(Consumer&lt;List&lt;SubscriptionView&gt;&gt;);
 * boolean accepted = pipeline.querySubscription(presentity, watcher, EventPackage, Consumer&lt;Optional&lt;SubscriptionView&gt;&gt;);
 * Map&lt;String, Long&gt; counters = pipeline.counters();
 * pipeline.close();
 * </pre>
 * Submits never block: {@code false} means the bounded command queue is full (or the pipeline is closed);
 * the caller answers "busy" and the refusal is counted ({@code commands.queue_full},
 * {@code commands.rejected_closed}). After {@code true} the completion is called exactly once, on the owner
 * thread; it must not block (transports hop to their own thread).
 *
 * <h2>Mapping outcomes to Kamailio's answers (spec pua.md section 3)</h2>
 * <ul>
 * <li>{@code Published(status, etag, expires)}: {@code {"SIP-ETag": etag, "Expires": expires}}; MI
 *     {@code 200 OK / ETag:: / Expires::}.</li>
 * <li>{@code Failed(sipStatus, reason)}: any other final outcome, including the local 408
 *     "Request Timeout". Kamailio 5 answers {@code {}}; MI {@code <code> <reason>}. The agent can report the
 *     status (the design's improvement).</li>
 * <li>{@code HandedOff}: {@code pua.send_publish}'s {@code {}}.</li>
 * <li>{@code NothingToRemove}: Kamailio never answers; the agent's transports answer an empty success.</li>
 * <li>{@code WrongEtag}: 500 "Wrong ETag" (MI 418).</li>
 * <li>{@code NoBodyForNewPublication}: 500 "I'm terribly sorry, server error occurred (10/RPC/PUBLISH)".</li>
 * <li>{@code NotPublishable}, {@code Unroutable}: 500 "... (1/RPC/PUBLISH)".</li>
 * <li>{@code Internal}: a bug or shutdown; still one answer.</li>
 * <li>{@code SubscribeOutcome} (see {@code rpc.PuaReplies} for the exact wording): {@code Subscribed(id,
 *     expires, state, reason)}: {@code {"id", "Expires", "state", ["reason"]}}, MI {@code 200 OK / id:: /
 *     Expires:: / state::}; {@code Failed}: fault with the SIP status (408 for a timeout), MI
 *     {@code <code> <reason>}; {@code Sent} (compat mode) and {@code NothingToRemove}: {@code {}}, MI
 *     {@code 202 accepted}; {@code NoSuchSubscription}: 404 "No such subscription"; {@code NotSubscribable},
 *     {@code Unroutable}, {@code Internal}: 500.</li>
 * </ul>
 *
 * <h2>Subscriptions</h2>
 * The owner thread keeps one subscription per (presentity, watcher, event) with its RFC 6665 dialog
 * ({@code Subscriber}, {@code Subscription}); see {@code Subscriber} for the rules (refresh, NOTIFY matching,
 * {@code Subscription-State: terminated} by reason, 481/408 recovery, back-off). Every NOTIFY of a
 * subscription is handed to {@link org.puaagent.agent.pipeline.PipelineConfig#notificationSink()} on the
 * owner thread and kept as the subscription's last state. Queries go through their own small queue, so they
 * are answered by the owner even while commands wait for SIP (no lock, no shared mutable state).
 * {@link org.puaagent.agent.pipeline.SubscribeContact} chooses who subscribes: the agent (default: its own
 * Contact, commands answer with the final SIP outcome) or, as Kamailio, the watcher URI (commands answer when
 * the SUBSCRIBE is handed to SIP; the dialog learnt from the 2xx is kept for refresh and unsubscribe).
 *
 * <h2>Behaviour, and where it deliberately differs from Kamailio's pua</h2>
 * <ul>
 * <li>Series are keyed as pua keys them: (source, presentity, event, id), id "." matching any series; the
 *     ETag parameter only selects. One PUBLISH per series is in flight; later commands of the series wait in
 *     order and each gets its own outcome ({@link org.puaagent.agent.pipeline.PublishMode#HANDED_OFF}
 *     commands complete as soon as they are queued behind a busy series).</li>
 * <li>Wire format as pua: Expires e+1 (e&gt;0), default_expires+1 (e&lt;0), min_expires (0) to remove,
 *     desired_end-now+1 for refreshes; every PUBLISH a new Call-ID, From tag and CSeq 10.</li>
 * <li>412 to a modify or refresh: one fresh initial PUBLISH with the new or last body (pua: no retry).
 *     423 with Min-Expires: one retry with that value (pua: no retry). 2xx without SIP-ETag/Expires:
 *     {@code Failed(500)} (pua: no answer at all). Local timeout: {@code Failed(408)}, series unchanged.</li>
 * <li>Refresh at granted_until - max(5 s, 10% of granted) (at most half of it), while the desired end is
 *     later or unlimited; a series that is not refreshed is forgotten when its granted time ends.</li>
 * <li>Timer refreshes and retries use the next hop of the series' last successful PUBLISH (pua: modparam
 *     proxy or R-URI). The agent never resolves names: a next hop must be a numeric IP.</li>
 * <li>presence bodies: the tuple/person id rules are applied by inserting attributes; the rest of the body is
 *     sent as given (pua re-serialises with libxml2). dialog;sla: the version attribute is set per series.</li>
 * <li>At most {@link org.puaagent.agent.pipeline.PipelineConfig#maxPendingCommands()} commands wait for SIP;
 *     beyond that the owner leaves commands in the queue, which then fills (back-pressure to the callers).</li>
 * </ul>
 */
package org.puaagent.agent.pipeline;
