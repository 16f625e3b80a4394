/**
 * An embedded RFC 3903 presence server for {@code make run} without an external server and for tests:
 * {@link org.puaagent.agent.presence.PresenceServer}. It reproduces the scripted answers of the capture lab
 * (R-URI users e412*, e423*, e503*, timeout*, noetag*).
 */
package org.puaagent.agent.presence;
