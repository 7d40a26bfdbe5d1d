package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCleanTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("""
                import tech.tablesaw.api.*;
                Table homes = Table.create("homes",
                    DoubleColumn.create("area", new double[]{50, 70, Double.NaN, 90, 70, 110}),
                    StringColumn.create("city", new String[]{"Oslo", "Bergen", "Oslo", null, "Bergen", "Oslo"}),
                    StringColumn.create("note", new String[]{"a", "b", "c", "d", "b", "f"}),
                    DoubleColumn.create("price", new double[]{1, 2, 3, 4, 2, 6}));
                Table later = Table.create("later",
                    DoubleColumn.create("area", new double[]{Double.NaN, 100}),
                    StringColumn.create("city", new String[]{"Tromsø", "Oslo"}),
                    StringColumn.create("note", new String[]{"x", "y"}),
                    DoubleColumn.create("price", new double[]{5, 5}));
                """);
    }

    @Test
    void preprocessingIsFittedOnTrainAndReusedUnchanged() {
        String out = TestKernels.stdout(() -> kernel.evalRaw(
                "%data clean homes --target price --drop note --drop-duplicates --impute mean --normalize zscore --encode onehot"));
        assertTrue(out.startsWith("homes_clean = 5 rows × 4 columns (from 6 × 4): dropped 1 duplicate rows (ignoring note); imputed 1 values (mean) in area; "
                + "normalized 1 columns (zscore); encoded 1 columns (onehot); added 2 columns (city=Bergen, city=Oslo); "
                + "removed 2 columns (city, note)."), out);
        // The mean of area over the 4 known values of the deduplicated train rows: (50+70+90+110)/4 = 80.
        double mean = 80, sd = Math.sqrt((900 + 100 + 0 + 100 + 900) / 4.0); // the 5 rows after imputing 80
        assertEquals(0.0, (double) kernel.evalRaw("homes_clean.doubleColumn(\"area\").get(2)"), 1e-12);
        kernel.evalRaw("%data apply homes_prep later");
        assertEquals((mean - mean) / sd, (double) kernel.evalRaw("later_clean.doubleColumn(\"area\").get(0)"), 1e-12);
        assertEquals((100 - mean) / sd, (double) kernel.evalRaw("later_clean.doubleColumn(\"area\").get(1)"), 1e-12);
        // Tromsø was never seen in training: no column of its own, zeros in the others.
        assertEquals(0, kernel.evalRaw("later_clean.intColumn(\"city=Oslo\").get(0) + later_clean.intColumn(\"city=Bergen\").get(0)"));
        assertEquals(1, kernel.evalRaw("later_clean.intColumn(\"city=Oslo\").get(1)"));
        assertEquals(kernel.evalRaw("later_clean.columnNames()"), kernel.evalRaw("homes_prep.apply(later).columnNames()"));
        assertEquals(5.0, kernel.evalRaw("later_clean.doubleColumn(\"price\").get(0)")); // the target is left alone
    }

    @Test
    void normalizingTextIsAUsageErrorAndChangesNothing() {
        kernel.evalRaw("String homes_clean2 = \"untouched\";");
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%data clean homes --normalize zscore --columns city --as homes_clean2"));
        assertEquals("column 'city' is string; --normalize needs numeric columns. Those are: area, price", e.getMessage());
        assertEquals("untouched", kernel.evalRaw("homes_clean2"));
        UsageError mean = assertThrows(UsageError.class, () -> kernel.evalRaw("%data clean homes --impute mean --columns note"));
        assertTrue(mean.getMessage().startsWith("column 'note' is string; --impute mean needs numeric columns"), mean.getMessage());
        UsageError how = assertThrows(UsageError.class, () -> kernel.evalRaw("%data clean homes --impute avg"));
        assertTrue(how.getMessage().contains("MEAN, MEDIAN, MODE, CONSTANT] (case-insensitive)"), how.getMessage());
    }

    @Test
    void applyNeedsFittedPreprocessing() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%data apply homes later"));
        assertTrue(e.getMessage().startsWith("'homes' is a Table, not preprocessing fitted by %data clean"), e.getMessage());
    }
}
