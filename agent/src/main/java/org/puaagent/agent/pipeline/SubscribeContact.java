package org.puaagent.agent.pipeline;

/**
 * Who is the subscriber of {@code pua.subscribe}'s SUBSCRIBE (option {@code --subscribe-contact}). Immutable.
 */
public enum SubscribeContact
{
    /**
     * The agent (default): Contact is the agent's own SIP address, so NOTIFYs come to the agent, which
     * answers them, keeps the dialog (refresh, re-subscribe, unsubscribe) and hands every notified state to
     * the applications; the command answers with the final SIP outcome.
     */
    AGENT,
    /**
     * Kamailio's behaviour: Contact is the watcher URI (NOTIFYs go wherever it routes, e.g. through a
     * Kamailio script on purpose) and the command answers as soon as the SUBSCRIBE is handed to SIP. The
     * dialog learnt from the 2xx is still kept, so a repeated subscribe refreshes it and expires 0
     * unsubscribes in-dialog (pua with {@code check_remote_contact = 0}).
     */
    WATCHER;

    /** Parses {@code agent} or {@code watcher} (any case); {@code null} for anything else. */
    public static SubscribeContact parse(final String text)
    {
        if ("agent".equalsIgnoreCase(text))
        {
            return AGENT;
        }
        if ("watcher".equalsIgnoreCase(text))
        {
            return WATCHER;
        }
        return null;
    }
}
