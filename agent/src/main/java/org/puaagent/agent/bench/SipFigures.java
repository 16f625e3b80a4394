package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SIP-direct target's own figures ({@link SipBenchRun}), the SIP section of the text, JSON and HTML
 * reports: PUBLISH outcomes by kind, the watchers' subscriptions and NOTIFYs, the pipeline's own refreshes, and
 * the clean-up at the end. Immutable.
 *
 * @param publisherAddress  the SIP address of the publishing pipeline
 * @param watcherAddress    the SIP address of the watchers' pipeline, or null without watchers
 * @param initialPublishes  measured PUBLISHes that were the first of their presentity (no SIP-If-Match)
 * @param modifyPublishes   measured PUBLISHes that modified a publication of the bench
 * @param publishOutcomes   measured PUBLISH outcomes by label ({@code 200}, {@code failed 412},
 *                          {@code not_publishable}, ...)
 * @param watchers          subscriptions asked for
 * @param established       subscriptions the server accepted (2xx) before the run started
 * @param subscribeFailures subscriptions not established, by label
 * @param setupSeconds      time taken to set them up
 * @param notifies          NOTIFYs the watchers received and answered during the run (warm-up included)
 * @param refreshes         refreshes the pipelines sent by themselves during the run
 * @param duplicateOutcomes outcomes delivered a second time for the same PUBLISH (0: each exactly once)
 * @param cleanup           what was removed at the end
 * @param counters          selected pipeline counters (publisher.* and watchers.*) at the end
 * @param notifySeries      NOTIFYs received in each slice of the run's series, same order
 */
public record SipFigures(
    String publisherAddress,
    String watcherAddress,
    long initialPublishes,
    long modifyPublishes,
    Map<String, Long> publishOutcomes,
    int watchers,
    long established,
    Map<String, Long> subscribeFailures,
    double setupSeconds,
    long notifies,
    Refreshes refreshes,
    long duplicateOutcomes,
    Cleanup cleanup,
    Map<String, Long> counters,
    List<Long> notifySeries)
{
    private static final String GREEN = "#2e7d32";
    private static final int CHART_HEIGHT = 200;

    /**
     * Refreshes the pipelines sent by themselves (PUBLISH with SIP-If-Match and no body, in-dialog
     * re-SUBSCRIBE), and how many of them failed. Immutable.
     */
    public record Refreshes(long publishSent, long publishFailed, long subscribeSent, long subscribeFailed)
    {
        public long sent()
        {
            return publishSent + subscribeSent;
        }

        public long failed()
        {
            return publishFailed + subscribeFailed;
        }
    }

    /**
     * The clean-up at the end of the run. Immutable.
     *
     * @param mode          what was asked ({@code all}, {@code unsubscribe}, {@code none})
     * @param unsubscribes  unsubscribes (SUBSCRIBE Expires 0) sent
     * @param unsubscribed  of which were answered with success
     * @param unpublishes   PUBLISH Expires 0 sent
     * @param unpublished   of which were answered with success
     * @param unfinished    removals without an outcome when the clean-up time was up
     * @param seconds       time taken
     */
    public record Cleanup(String mode, long unsubscribes, long unsubscribed, long unpublishes, long unpublished,
        long unfinished, double seconds)
    {
    }

    public SipFigures
    {
        publishOutcomes = Map.copyOf(publishOutcomes);
        subscribeFailures = Map.copyOf(subscribeFailures);
        counters = Map.copyOf(counters);
        notifySeries = List.copyOf(notifySeries);
    }

    /** What is wrong on the SIP side (empty: nothing). */
    public List<String> problems()
    {
        final List<String> p = new ArrayList<>();
        if (established < watchers)
        {
            p.add((watchers - established) + " of " + watchers + " subscriptions not established "
                + new TreeMap<>(subscribeFailures));
        }
        if (watchers > 0 && notifies == 0)
        {
            p.add("no NOTIFY received");
        }
        if (refreshes.failed() > 0)
        {
            p.add(refreshes.failed() + " refreshes failed");
        }
        if (duplicateOutcomes > 0)
        {
            p.add(duplicateOutcomes + " PUBLISH outcomes delivered twice");
        }
        return p;
    }

    /** The SIP lines of the text summary. */
    void text(final StringBuilder b)
    {
        b.append(String.format(Locale.ROOT, "  sip: PUBLISH from %s: initial %d, modify %d; outcomes %s%n",
            publisherAddress, initialPublishes, modifyPublishes, new TreeMap<>(publishOutcomes)));
        b.append(String.format(Locale.ROOT, "  sip: subscriptions %d of %d established in %.3f s%s; NOTIFYs"
                + " received %d%s%n", established, watchers, setupSeconds,
            subscribeFailures.isEmpty() ? "" : ", failed " + new TreeMap<>(subscribeFailures), notifies,
            null == watcherAddress ? "" : " (watchers at " + watcherAddress + ")"));
        b.append(String.format(Locale.ROOT, "  sip: refreshes sent %d, ok %d, failed %d (PUBLISH %d/%d failed,"
                + " SUBSCRIBE %d/%d failed); outcomes delivered twice %d%n", refreshes.sent(),
            refreshes.sent() - refreshes.failed(), refreshes.failed(), refreshes.publishSent(),
            refreshes.publishFailed(), refreshes.subscribeSent(), refreshes.subscribeFailed(), duplicateOutcomes));
        b.append(String.format(Locale.ROOT, "  sip: cleanup %s: unsubscribed %d of %d, unpublished %d of %d,"
                + " unfinished %d, in %.3f s%n", cleanup.mode(), cleanup.unsubscribed(), cleanup.unsubscribes(),
            cleanup.unpublished(), cleanup.unpublishes(), cleanup.unfinished(), cleanup.seconds()));
    }

    /** The {@code "sip":{...}} member of the JSON summary (with its leading comma). */
    void json(final StringBuilder b)
    {
        b.append(",\"sip\":{\"publisher\":");
        BenchSummary.string(b, publisherAddress);
        b.append(",\"watcher_address\":");
        if (null == watcherAddress)
        {
            b.append("null");
        }
        else
        {
            BenchSummary.string(b, watcherAddress);
        }
        b.append(",\"publish\":{\"initial\":").append(initialPublishes)
            .append(",\"modify\":").append(modifyPublishes)
            .append(",\"outcomes\":");
        map(b, publishOutcomes);
        b.append("},\"subscriptions\":{\"watchers\":").append(watchers)
            .append(",\"established\":").append(established)
            .append(",\"failed\":");
        map(b, subscribeFailures);
        b.append(String.format(Locale.ROOT, ",\"setup_s\":%.3f}", setupSeconds))
            .append(",\"notifies\":").append(notifies)
            .append(",\"refreshes\":{\"sent\":").append(refreshes.sent())
            .append(",\"ok\":").append(refreshes.sent() - refreshes.failed())
            .append(",\"failed\":").append(refreshes.failed())
            .append(",\"publish_sent\":").append(refreshes.publishSent())
            .append(",\"publish_failed\":").append(refreshes.publishFailed())
            .append(",\"subscribe_sent\":").append(refreshes.subscribeSent())
            .append(",\"subscribe_failed\":").append(refreshes.subscribeFailed())
            .append("},\"duplicate_outcomes\":").append(duplicateOutcomes)
            .append(",\"cleanup\":{\"mode\":");
        BenchSummary.string(b, cleanup.mode());
        b.append(",\"unsubscribes\":").append(cleanup.unsubscribes())
            .append(",\"unsubscribed\":").append(cleanup.unsubscribed())
            .append(",\"unpublishes\":").append(cleanup.unpublishes())
            .append(",\"unpublished\":").append(cleanup.unpublished())
            .append(",\"unfinished\":").append(cleanup.unfinished())
            .append(String.format(Locale.ROOT, ",\"seconds\":%.3f}", cleanup.seconds()))
            .append(",\"counters\":");
        map(b, counters);
        b.append(",\"notifies_series\":[");
        for (int i = 0; i < notifySeries.size(); i++)
        {
            b.append(i == 0 ? "" : ",").append(notifySeries.get(i));
        }
        b.append("]}");
    }

    /** The SIP section of the HTML report. */
    void html(final StringBuilder b, final List<SeriesPoint> series, final double warmupSeconds)
    {
        b.append("<h2>SIP</h2>\n<div class=\"cols\">\n<div>\n<table>\n<tr><th colspan=\"2\">PUBLISH (measured"
            + " window)</th></tr>\n");
        row(b, "from", publisherAddress);
        row(b, "initial (first of its presentity)", Long.toString(initialPublishes));
        row(b, "modify (SIP-If-Match)", Long.toString(modifyPublishes));
        for (final Map.Entry<String, Long> e : new TreeMap<>(publishOutcomes).entrySet())
        {
            row(b, "outcome " + e.getKey(), Long.toString(e.getValue()));
        }
        row(b, "outcomes delivered twice", Long.toString(duplicateOutcomes));
        b.append("<tr><th colspan=\"2\">Refreshes sent by the pipeline (whole run)</th></tr>\n");
        row(b, "PUBLISH refreshes sent / failed", refreshes.publishSent() + " / " + refreshes.publishFailed());
        row(b, "SUBSCRIBE refreshes sent / failed", refreshes.subscribeSent() + " / " + refreshes.subscribeFailed());
        b.append("</table>\n</div>\n<div>\n<table>\n<tr><th colspan=\"2\">Watchers</th></tr>\n");
        row(b, "subscriptions established", established + " of " + watchers);
        for (final Map.Entry<String, Long> e : new TreeMap<>(subscribeFailures).entrySet())
        {
            row(b, "not established: " + e.getKey(), Long.toString(e.getValue()));
        }
        row(b, "set up in", String.format(Locale.ROOT, "%.3f s", setupSeconds));
        row(b, "NOTIFYs received (whole run)", Long.toString(notifies));
        if (null != watcherAddress)
        {
            row(b, "watchers at", watcherAddress);
        }
        b.append("<tr><th colspan=\"2\">Clean-up (").append(HtmlText.escape(cleanup.mode())).append(")</th></tr>\n");
        row(b, "unsubscribed", cleanup.unsubscribed() + " of " + cleanup.unsubscribes());
        row(b, "unpublished", cleanup.unpublished() + " of " + cleanup.unpublishes());
        row(b, "unfinished", Long.toString(cleanup.unfinished()));
        row(b, "took", String.format(Locale.ROOT, "%.3f s", cleanup.seconds()));
        b.append("</table>\n</div>\n</div>\n");
        if (watchers > 0 && series.size() == notifySeries.size() && !series.isEmpty())
        {
            final int n = series.size();
            final double[] mid = new double[n];
            final double[] rate = new double[n];
            double end = 0;
            for (int i = 0; i < n; i++)
            {
                final SeriesPoint p = series.get(i);
                mid[i] = p.startSeconds() + p.lengthSeconds() / 2;
                rate[i] = p.lengthSeconds() > 0 ? notifySeries.get(i) / p.lengthSeconds() : 0;
                end = Math.max(end, p.endSeconds());
            }
            b.append("<div class=\"chart\">").append(new SvgChart("NOTIFYs received per second", "NOTIFY/s",
                CHART_HEIGHT, end, warmupSeconds).line(new SvgChart.Line("NOTIFYs", GREEN, false, mid, rate)).svg())
                .append("</div>\n");
        }
    }

    private static void row(final StringBuilder b, final String name, final String value)
    {
        b.append("<tr><td>").append(HtmlText.escape(name)).append("</td><td class=\"n\">")
            .append(HtmlText.escape(value)).append("</td></tr>\n");
    }

    private static void map(final StringBuilder b, final Map<String, Long> values)
    {
        b.append('{');
        boolean first = true;
        for (final Map.Entry<String, Long> e : new TreeMap<>(values).entrySet())
        {
            b.append(first ? "" : ",");
            BenchSummary.string(b, e.getKey());
            b.append(':').append(e.getValue());
            first = false;
        }
        b.append('}');
    }
}
