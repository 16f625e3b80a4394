package org.puaagent.agent.sip;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.message.SIPMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the dialog-forming headers of a parsed message (RFC 3261 section 12.1): the Contact URI (the remote
 * target) and the Record-Route entries (the route set). Immutable (static functions only); the message
 * belongs to the calling thread.
 */
public final class DialogHeaders
{
    private DialogHeaders()
    {
    }

    /** The URI of the first Contact header, or {@code null} when there is none (or it is {@code *}). */
    public static String contactUri(final SIPMessage message)
    {
        final Object header = message.getContactHeader();
        if (header instanceof Contact contact && null != contact.getAddress()
            && null != contact.getAddress().getURI())
        {
            return contact.getAddress().getURI().toString();
        }
        return null;
    }

    /** Every Record-Route entry in message order, each as {@code <uri;params>}; empty when there is none. */
    public static List<String> recordRoute(final SIPMessage message)
    {
        final RecordRouteList list = message.getRecordRouteHeaders();
        if (null == list || list.isEmpty())
        {
            return List.of();
        }
        final List<String> entries = new ArrayList<>(list.size());
        for (final Object entry : list)
        {
            entries.add(((RecordRoute)entry).encodeBody().trim());
        }
        return entries;
    }

    /**
     * The URI inside a route entry: the text between the angle brackets, or the whole text when there are
     * none.
     */
    public static String routeUri(final String entry)
    {
        final int open = entry.indexOf('<');
        final int close = entry.indexOf('>', open + 1);
        return open >= 0 && close > open ? entry.substring(open + 1, close) : entry.trim();
    }
}
