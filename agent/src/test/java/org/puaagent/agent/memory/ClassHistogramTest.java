package org.puaagent.agent.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassHistogramTest
{
    private static final String BEFORE = String.join("\n",
        " num     #instances         #bytes  class name (module)",
        "-------------------------------------------------------",
        "   1:          1000          64000  [B (java.base@17.0.15)",
        "   2:           500          12000  java.lang.String (java.base@17.0.15)",
        "   3:            10            480  java.util.HashMap$Node (java.base@17.0.15)",
        "   4:             2             64  org.example.Gone",
        "Total          1512          76544");
    private static final String AFTER = String.join("\n",
        " num     #instances         #bytes  class name (module)",
        "-------------------------------------------------------",
        "   1:          3000         664000  [B (java.base@17.0.15)",
        "   2:          2500          60000  java.lang.String (java.base@17.0.15)",
        "   3:          1000         128000  org.puaagent.agent.pipeline.Series",
        "   4:            10            480  java.util.HashMap$Node (java.base@17.0.15)",
        "Total          6510         852480");

    @Test
    void parsesClassLinesAndSkipsHeaderAndTotal()
    {
        final ClassHistogram h = ClassHistogram.parse(BEFORE);
        assertEquals(new ClassHistogram.Entry("[B", 1000, 64000), h.get("[B"));
        assertEquals(new ClassHistogram.Entry("java.lang.String", 500, 12000), h.get("java.lang.String"));
        assertEquals(76544, h.totalBytes());
        assertNull(h.get("Total"));
    }

    @Test
    void growthIsLargestFirstWithoutUnchangedClassesAndWithVanishedOnes()
    {
        final List<ClassHistogram.Entry> growth = ClassHistogram.parse(AFTER).growthSince(ClassHistogram.parse(BEFORE));
        assertEquals(List.of(
            new ClassHistogram.Entry("[B", 2000, 600000),
            new ClassHistogram.Entry("org.puaagent.agent.pipeline.Series", 1000, 128000),
            new ClassHistogram.Entry("java.lang.String", 2000, 48000),
            new ClassHistogram.Entry("org.example.Gone", -2, -64)), growth);
    }

    @Test
    void readableNamesOfArrays()
    {
        assertEquals("byte[]", ClassHistogram.readableName("[B"));
        assertEquals("java.lang.Object[][]", ClassHistogram.readableName("[[Ljava.lang.Object;"));
        assertEquals("java.lang.String", ClassHistogram.readableName("java.lang.String"));
    }

    @Test
    void optionsRefuseWarmNotBelowPublicationsAndBadNumbers()
    {
        assertTrue(MemoryOptions.parse(new String[] {"--publications", "10", "--warm", "10"}).error()
            .contains("--warm"));
        assertTrue(MemoryOptions.parse(new String[] {"--rate", "x"}).error().contains("not a number"));
        assertTrue(MemoryOptions.parse(new String[] {"--rate"}).error().contains("missing value"));
        assertTrue(MemoryOptions.parse(new String[] {"--bogus", "1"}).error().contains("unknown option"));
        assertEquals(1_000_000, MemoryOptions.parse(new String[] {"--publications", "1_000_000"}).options()
            .publications());
    }
}
