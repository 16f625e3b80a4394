package org.puaagent.protocol.mi;

/**
 * The two MI transports of Kamailio 4.x, which frame the same text differently: the FIFO ends a tree reply
 * with an empty line and names the command in its fixed errors, the datagram transport does neither.
 * Immutable.
 */
public enum MiFraming
{
    FIFO,
    DATAGRAM
}
