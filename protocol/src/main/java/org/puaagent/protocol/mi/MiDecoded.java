package org.puaagent.protocol.mi;

/**
 * What an MI decoder hands out: a well-formed {@link MiRequest} or a {@link MiDecodeError}. Immutable.
 */
public sealed interface MiDecoded permits MiRequest, MiDecodeError
{
}
