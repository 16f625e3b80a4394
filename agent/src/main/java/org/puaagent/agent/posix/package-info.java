/**
 * The few POSIX system calls the FIFO transports need and Java cannot make on a FIFO: open(2) with
 * {@code O_NONBLOCK} and {@code O_NOFOLLOW}, write(2) and read(2) that return at once, poll(2). Called through
 * JNA's direct mapping; every failure comes back as a value ({@code -errno}), never as an exception.
 */
package org.puaagent.agent.posix;
