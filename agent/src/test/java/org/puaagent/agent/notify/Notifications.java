package org.puaagent.agent.notify;

/** Test notifications with 127.0.0.1 URIs. */
final class Notifications
{
    static final String PIDF_OPEN = "<?xml version=\"1.0\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
        + " entity=\"sip:alice@127.0.0.1\">\r\n<tuple id=\"t1\"><status><basic>open</basic></status></tuple>\n"
        + "</presence>\n";

    private Notifications()
    {
    }

    static Notification of(final String user, final String event, final String body)
    {
        return new Notification("sub-" + user + "-" + event, "sip:" + user + "@127.0.0.1", "sip:watcher@127.0.0.1",
            event, "active;expires=3600", null == body ? null : "application/pidf+xml", body, 1_700_000_000_123L);
    }

    static Notification presence(final String user)
    {
        return of(user, "presence", PIDF_OPEN);
    }
}
