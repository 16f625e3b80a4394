package org.puaagent.agent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Axis steps, labels, and what the SVG holds. */
class SvgChartTest
{
    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen()
    {
        assertEquals(1, SvgChart.niceStep(0.9), 1e-12);
        assertEquals(2, SvgChart.niceStep(1.5), 1e-12);
        assertEquals(5, SvgChart.niceStep(2.01), 1e-12);
        assertEquals(10, SvgChart.niceStep(7), 1e-12);
        assertEquals(500, SvgChart.niceStep(420), 1e-9);
        assertEquals(0.02, SvgChart.niceStep(0.0123), 1e-12);
        assertEquals(1, SvgChart.niceStep(0), 1e-12);
    }

    @Test
    void labelsHaveTheDecimalsTheStepNeeds()
    {
        assertEquals("2000", SvgChart.label(2000, 500));
        assertEquals("0.5", SvgChart.label(0.5, 0.5));
        assertEquals("0.04", SvgChart.label(0.04, 0.02));
    }

    @Test
    void theSvgHoldsALineThePointsAndTheLegendEscaped()
    {
        final String svg = new SvgChart("t<1>", "req/s", 300, 3, 1)
            .line(new SvgChart.Line("a & b", "#123456", false, new double[] {0.5, 1.5, 2.5}, new double[] {10, 20, 40}))
            .svg();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.endsWith("</svg>"), svg);
        assertTrue(svg.contains("<title>t&lt;1&gt;</title>"), svg);
        assertTrue(svg.contains(">a &amp; b</text>"), svg);
        assertTrue(svg.contains("<polyline fill=\"none\" stroke=\"#123456\""), svg);
        assertEquals(3, svg.split("<circle ", -1).length - 1, svg);
        assertTrue(svg.contains(">warm-up</text>"), svg);
        // y axis up to 40 in steps of 10; the highest point is at the top of the plot
        assertTrue(svg.contains(">40</text>"), svg);
        assertFalse(svg.contains(">50</text>"), svg);
        assertTrue(svg.contains("<circle cx=\"828.3\" cy=\"34.0\""), svg);
    }
}
