package org.puaagent.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over time as inline SVG (no script, no external resource): x in seconds from the start of the
 * run, y from 0 to a round maximum, grid lines, a shaded warm-up band, a legend, one polyline per line (with
 * dots when there are few points). Built once, rendered with {@link #svg()}. Not thread-safe: one thread.
 */
final class SvgChart
{
    private static final int WIDTH = 1000;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;
    private static final int Y_TICKS = 5;
    private static final int X_TICKS = 10;
    private static final int MAX_DOTS = 60;
    private static final String GRID = "#e3e3e3";
    private static final String AXIS = "#888";
    private static final String TEXT = "#444";

    /**
     * One line of the chart.
     *
     * @param name   shown in the legend
     * @param colour CSS colour
     * @param dashed drawn dashed (e.g. a target)
     * @param x      seconds from the start of the run
     * @param y      values, same length as x
     */
    record Line(String name, String colour, boolean dashed, double[] x, double[] y)
    {
    }

    private final String title;
    private final String unit;
    private final int height;
    private final double xMax;
    private final double warmupEnd;
    private final List<Line> lines = new ArrayList<>();

    /**
     * @param title     the SVG's accessible title
     * @param unit      what the y axis counts (shown at its top)
     * @param height    height in pixels (the width is fixed, the chart scales with the page)
     * @param xMax      end of the x axis, seconds
     * @param warmupEnd end of the warm-up in seconds (0: none)
     */
    SvgChart(final String title, final String unit, final int height, final double xMax, final double warmupEnd)
    {
        this.title = title;
        this.unit = unit;
        this.height = height;
        this.xMax = xMax > 0 ? xMax : 1;
        this.warmupEnd = warmupEnd;
    }

    SvgChart line(final Line line)
    {
        lines.add(line);
        return this;
    }

    /** The chart as an {@code <svg>} element. */
    String svg()
    {
        double yMax = 0;
        for (final Line line : lines)
        {
            for (final double v : line.y())
            {
                yMax = Math.max(yMax, v);
            }
        }
        final double yStep = niceStep(yMax > 0 ? yMax / Y_TICKS : 1.0 / Y_TICKS);
        final double yTop = Math.max(yStep, Math.ceil(yMax / yStep - 1e-9) * yStep);
        final double xStep = niceStep(xMax / X_TICKS);
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = height - TOP - BOTTOM;
        final StringBuilder b = new StringBuilder(4096);
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            + "width=\"100%%\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">", WIDTH, height));
        b.append("<title>").append(HtmlText.escape(title)).append("</title>");
        b.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", WIDTH,
            height));
        if (warmupEnd > 0)
        {
            final double w = Math.min(warmupEnd, xMax) / xMax * plotW;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                + "fill=\"#f2f2f2\"/>", LEFT, TOP, w, plotH));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#999\" text-anchor=\"middle\">"
                + "warm-up</text>", LEFT + w / 2, TOP + 14));
        }
        for (int i = 0; i * yStep <= yTop + yStep / 2; i++)
        {
            final double v = i * yStep;
            final double y = TOP + plotH - v / yTop * plotH;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                LEFT, y, LEFT + plotW, y, i == 0 ? AXIS : GRID));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\" text-anchor=\"end\">%s</text>",
                LEFT - 8, y + 4, TEXT, label(v, yStep)));
        }
        for (int i = 0; i * xStep <= xMax + xStep / 1000; i++)
        {
            final double v = i * xStep;
            final double x = LEFT + v / xMax * plotW;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>",
                x, TOP, x, TOP + plotH, GRID));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">%s</text>",
                x, TOP + plotH + 18, TEXT, label(v, xStep)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", LEFT, TOP,
            LEFT, TOP + plotH, AXIS));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">"
            + "seconds from the start of the run</text>", LEFT + plotW / 2, height - 6, TEXT));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", 8, 20, TEXT,
            HtmlText.escape(unit)));
        legend(b);
        // dashed lines (targets) last, so that they stay visible on top of the line that meets them
        for (final Line line : lines)
        {
            if (!line.dashed())
            {
                plot(b, line, plotW, plotH, yTop);
            }
        }
        for (final Line line : lines)
        {
            if (line.dashed())
            {
                plot(b, line, plotW, plotH, yTop);
            }
        }
        b.append("</svg>");
        return b.toString();
    }

    private void legend(final StringBuilder b)
    {
        double x = WIDTH - RIGHT;
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            final Line line = lines.get(i);
            final double textW = 7.0 * line.name().length();
            x -= textW;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"20\" fill=\"%s\">%s</text>", x, TEXT,
                HtmlText.escape(line.name())));
            x -= 26;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"16\" x2=\"%.1f\" y2=\"16\" stroke=\"%s\" "
                + "stroke-width=\"3\"%s/>", x, x + 20, line.colour(), line.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            x -= 18;
        }
    }

    private void plot(final StringBuilder b, final Line line, final int plotW, final int plotH, final double yTop)
    {
        final int n = Math.min(line.x().length, line.y().length);
        if (n == 0)
        {
            return;
        }
        final StringBuilder points = new StringBuilder(n * 12);
        for (int i = 0; i < n; i++)
        {
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", px(line.x()[i], plotW),
                py(line.y()[i], plotH, yTop)));
        }
        b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                + "stroke-linejoin=\"round\"%s points=\"%s\"/>", line.colour(),
            line.dashed() ? " stroke-dasharray=\"6 4\"" : "", points));
        if (n <= MAX_DOTS && !line.dashed())
        {
            for (int i = 0; i < n; i++)
            {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                    px(line.x()[i], plotW), py(line.y()[i], plotH, yTop), line.colour()));
            }
        }
    }

    private double px(final double x, final int plotW)
    {
        return LEFT + Math.max(0, Math.min(x, xMax)) / xMax * plotW;
    }

    private double py(final double y, final int plotH, final double yTop)
    {
        return TOP + plotH - Math.max(0, Math.min(y, yTop)) / yTop * plotH;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(final double rough)
    {
        if (!(rough > 0) || Double.isInfinite(rough))
        {
            return 1;
        }
        final double power = Math.pow(10, Math.floor(Math.log10(rough)));
        final double f = rough / power;
        final double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /** A tick label with as many decimals as the step needs. */
    static String label(final double value, final double step)
    {
        final int decimals = step >= 1 ? 0 : (int) Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
        if (decimals == 0)
        {
            return Long.toString(Math.round(value));
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
