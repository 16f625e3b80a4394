/**
 * What every thread of the agent shares about running: how the process ends when a thread meets an Error
 * ({@link org.puaagent.agent.runtime.Fatal}).
 */
package org.puaagent.agent.runtime;
