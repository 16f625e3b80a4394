/**
 * An embedded RFC 3903 / RFC 6665 presence server for {@code make run} without an external server and for
 * tests: {@link org.puaagent.agent.presence.PresenceServer}. Bounded in what it holds
 * ({@link org.puaagent.agent.presence.PresenceLimits}); it reproduces the scripted answers of the capture lab
 * (R-URI users e412*, e423*, e503*, timeout*, noetag*) only when asked to (option
 * {@code --presence-failure-users on}). See docs/presence-server.md.
 */
package org.puaagent.agent.presence;
