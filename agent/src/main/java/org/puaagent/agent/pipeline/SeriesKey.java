package org.puaagent.agent.pipeline;

import org.puaagent.protocol.pua.EventPackage;

/**
 * The group of publication series that share a source, a presentity and an event; the series of a group
 * differ by id and ETag (spec pua.md section 3.2). Immutable.
 *
 * @param source     which command family
 * @param presentity the presentity URI, as given
 * @param event      the event package
 */
record SeriesKey(PublishSource source, String presentity, EventPackage event)
{
}
