package org.puaagent.protocol.pua;

/**
 * The event packages pua knows, with the default Content-Type of each (see spec pua.md section 4).
 *
 * <p>{@code acceptedByCommands}: the name passes the commands' "Unknown event" check.
 * {@code publishable}: pua can actually PUBLISH/SUBSCRIBE it ({@code conference} passes the check but is
 * not registered: publishing it fails with 500 ...(1/RPC/PUBLISH); {@code xcap-diff} is registered but
 * the commands reject it). Immutable.
 */
public enum EventPackage
{
    PRESENCE("presence", "application/pidf+xml", true, true),
    PRESENCE_WINFO("presence.winfo", null, true, true),
    DIALOG("dialog", "application/dialog-info+xml", true, true),
    DIALOG_SLA("dialog;sla", "application/dialog-info+xml", true, true),
    MESSAGE_SUMMARY("message-summary", "application/simple-message-summary", true, true),
    REG("reg", "application/reginfo+xml", true, true),
    CONFERENCE("conference", null, true, false),
    XCAP_DIFF("xcap-diff", "application/xcap-diff+xml", false, true);

    private final String wireName;
    private final String defaultContentType;
    private final boolean acceptedByCommands;
    private final boolean registered;

    EventPackage(final String wireName, final String defaultContentType, final boolean acceptedByCommands,
        final boolean registered)
    {
        this.wireName = wireName;
        this.defaultContentType = defaultContentType;
        this.acceptedByCommands = acceptedByCommands;
        this.registered = registered;
    }

    /** The exact text of the {@code Event:} header. */
    public String wireName()
    {
        return wireName;
    }

    /** The Content-Type used when the caller gives ".", or {@code null} when the event has none. */
    public String defaultContentType()
    {
        return defaultContentType;
    }

    /** Whether pua_rpc/pua_mi accept this name (else "Unknown event"). */
    public boolean acceptedByCommands()
    {
        return acceptedByCommands;
    }

    /** Whether pua can send it (false: "conference", which fails after the name check). */
    public boolean registered()
    {
        return registered;
    }

    /**
     * The package with exactly this name (case-sensitive), or {@code null}. Allocation-free.
     */
    public static EventPackage byWireName(final String name)
    {
        switch (name)
        {
            case "presence": return PRESENCE;
            case "presence.winfo": return PRESENCE_WINFO;
            case "dialog": return DIALOG;
            case "dialog;sla": return DIALOG_SLA;
            case "message-summary": return MESSAGE_SUMMARY;
            case "reg": return REG;
            case "conference": return CONFERENCE;
            case "xcap-diff": return XCAP_DIFF;
            default: return null;
        }
    }
}
