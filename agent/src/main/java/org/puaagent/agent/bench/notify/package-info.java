/**
 * {@code java -jar pua-agent.jar bench-notify}: the PUBLISH-to-SSE latency of a running agent. It subscribes
 * many watchers (binrpc {@code pua.subscribe}), listens on {@code GET /events}, publishes paced changes that
 * each carry a distinct marker in the PIDF, and measures for every (publish, watcher) pair the time from
 * sending the {@code pua.publish} to receiving the SSE event whose body carries that marker.
 */
package org.puaagent.agent.bench.notify;
