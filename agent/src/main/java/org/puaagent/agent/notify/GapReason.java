package org.puaagent.agent.notify;

import java.util.Locale;

/** Why a reader did not get some notifications. Immutable. */
public enum GapReason
{
    /** The reader was slower than the notifications and the hub's ring overwrote what it had not read. */
    OVERFLOW,
    /** The client resumed from an id older than anything the ring still keeps. */
    EXPIRED,
    /** The client resumed from an id this agent never issued (it restarted: sequences start again at 1). */
    RESET;

    /** The name in JSON ({@code overflow}, {@code expired}, {@code reset}). */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
