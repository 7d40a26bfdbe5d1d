package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitMagicTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        // 1000 rows, 10% positive; day is the row's date order reversed, to check --by-time sorts.
        kernel.evalRaw("import tech.tablesaw.api.*;\n"
                + "Table events = Table.create(\"events\", IntColumn.indexColumn(\"id\", 1000, 0),\n"
                + "    IntColumn.create(\"day\", java.util.stream.IntStream.range(0, 1000).map(i -> 999 - i).toArray()),\n"
                + "    StringColumn.create(\"label\", java.util.stream.IntStream.range(0, 1000)"
                + ".mapToObj(i -> i % 10 == 0 ? \"yes\" : \"no\").toArray(String[]::new)));");
    }

    @Test
    void randomSplitDefinesThreeTablesOfTheRightSizes() {
        Table summary = (Table) kernel.evalRaw("%split events --target label");
        assertEquals(List.of(700, 150, 150), List.of(rows("train"), rows("val"), rows("test")));
        assertEquals(List.of("train", "val", "test"), summary.stringColumn("split").asList());
        assertEquals(1000, rows("events")); // the source stays
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        kernel.evalRaw("%split events --seed 7 --prefix a");
        kernel.evalRaw("%split events --seed 7 --prefix b");
        kernel.evalRaw("%split events --seed 8 --prefix c");
        Object a = kernel.evalRaw("a_train.intColumn(\"id\").asList()");
        assertEquals(a, kernel.evalRaw("b_train.intColumn(\"id\").asList()"));
        assertNotEquals(a, kernel.evalRaw("c_train.intColumn(\"id\").asList()"));
    }

    @Test
    void stratifiedKeepsTheClassBalanceInEverySplit() {
        Table summary = (Table) kernel.evalRaw("%split events --target label --stratify --ratios 0.8,0.2 --prefix s");
        assertEquals(List.of(0.1, 0.1), summary.doubleColumn("label=yes").asList());
        assertEquals(List.of(800, 200), List.of(rows("s_train"), rows("s_test")));
    }

    @Test
    void byTimePutsTheMostRecentRowsInTest() {
        kernel.evalRaw("%split events --by-time day --ratios 0.6,0.2,0.2 --prefix t");
        assertEquals(599, kernel.evalRaw("(int) t_train.intColumn(\"day\").max()"));
        assertEquals(800, kernel.evalRaw("(int) t_test.intColumn(\"day\").min()"));
    }

    @Test
    void badInputIsAUsageErrorAndLeavesTheSessionAlone() {
        kernel.evalRaw("%split events --prefix keep");
        Object before = kernel.evalRaw("keep_train.intColumn(\"id\").asList()");
        UsageError sum = assertThrows(UsageError.class, () -> kernel.evalRaw("%split events --ratios 0.7,0.2,0.2 --prefix keep --seed 1"));
        assertTrue(sum.getMessage().contains("sum to 1.1; they must sum to 1"), sum.getMessage());
        UsageError col = assertThrows(UsageError.class, () -> kernel.evalRaw("%split events --target lable --prefix keep --seed 1"));
        assertEquals("Column 'lable' not found in table 'events'. Columns: id, day, label.", col.getMessage());
        assertEquals("Did you mean 'label'?", col.lines().getLast());
        UsageError table = assertThrows(UsageError.class, () -> kernel.evalRaw("%split evnts --prefix keep --seed 1"));
        assertTrue(table.getMessage().startsWith("No variable 'evnts'."), table.getMessage());
        assertEquals("Did you mean 'events'?", table.lines().getLast());
        assertEquals(before, kernel.evalRaw("keep_train.intColumn(\"id\").asList()"));
    }

    @Test
    void identicalRowsAcrossSplitsAreReported() {
        kernel.evalRaw("Table dup = Table.create(\"dup\", IntColumn.create(\"x\", new int[100]));"); // all rows equal
        String out = TestKernels.stdout(() -> kernel.evalRaw("%split dup --prefix d"));
        assertTrue(out.contains("Warning: 15 rows of d_val are identical to rows of d_train"), out);
    }

    @Test
    void rowsWithoutALabelAreLeftOutAndCounted() {
        kernel.evalRaw("""
                String[] partLabels = events.stringColumn("label").asObjectArray();
                for (int r = 0; r < 1000; r += 125) partLabels[r] = null;
                Table partly = events.copy().replaceColumn("label", StringColumn.create("label", partLabels));""");
        String out = TestKernels.stdout(() -> kernel.evalRaw("%split partly --target label --stratify --prefix pl"));
        assertTrue(out.startsWith("Left out 8 rows of partly with no value in the target 'label': a model can neither learn "
                + "from them nor be scored on them.\n"), out);
        assertEquals(992, rows("pl_train") + rows("pl_val") + rows("pl_test"));
        assertEquals(0, kernel.evalRaw("pl_train.column(\"label\").countMissing() + pl_test.column(\"label\").countMissing()"));
        assertEquals(1000, rows("partly"));
        String noTarget = TestKernels.stdout(() -> kernel.evalRaw("%split partly --prefix pn"));
        assertTrue(!noTarget.contains("Left out"), noTarget);
        assertEquals(1000, rows("pn_train") + rows("pn_val") + rows("pn_test"));
    }

    private static int rows(String table) {
        return (Integer) kernel.evalRaw(table + ".rowCount()");
    }
}
