package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataProfileTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        // 200 loans: 'income' is noisy, 'status' is written after the outcome (a leak), 'id' is unique,
        // 'branch' is constant, and 'score' has two missing values; 10 rows are exact duplicates.
        kernel.evalRaw("""
                import tech.tablesaw.api.*;
                var rnd = new java.util.Random(1);
                int n = 200;
                String[] repaid = new String[n], status = new String[n], branch = new String[n];
                double[] income = new double[n], score = new double[n];
                int[] id = new int[n];
                for (int i = 0; i < n; i++) {
                    if (i >= 190) {                              // the last 10 rows copy the first 10
                        int s = i - 190;
                        repaid[i] = repaid[s]; status[i] = status[s]; branch[i] = branch[s];
                        income[i] = income[s]; score[i] = score[s]; id[i] = id[s];
                        continue;
                    }
                    boolean ok = rnd.nextDouble() < 0.7;
                    repaid[i] = ok ? "yes" : "no";
                    status[i] = ok ? "closed" : "written-off";
                    income[i] = 30 + rnd.nextGaussian() * 10 + (ok ? 5 : 0);
                    score[i] = i == 3 || i == 4 ? Double.NaN : rnd.nextInt(100);
                    branch[i] = "north";
                    id[i] = i;
                }
                Table loans = Table.create("loans", IntColumn.create("id", id), DoubleColumn.create("income", income),
                        DoubleColumn.create("score", score), StringColumn.create("branch", branch),
                        StringColumn.create("status", status), StringColumn.create("repaid", repaid));
                """);
    }

    @Test
    void profileReportsColumnsDuplicatesAndWarnings() {
        String[] out = new String[1];
        Table p = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%data profile loans --target repaid"), o -> out[0] = o);
        assertEquals(6, p.rowCount());
        assertEquals(4, p.intColumn("missing").get(p.stringColumn("column").indexOf("score"))); // 2 NaN, copied twice
        assertTrue(out[0].startsWith("loans: 200 rows × 6 columns, 10 duplicate rows"), out[0]);
        assertTrue(out[0].contains("Possible target leakage: 'status' alone predicts 'repaid' with 100.0% accuracy"), out[0]);
        assertFalse(out[0].contains("leakage: 'income'"), out[0]);
        assertTrue(out[0].contains("Column 'branch' is constant"), out[0]);
        assertTrue(out[0].contains("Column 'id' looks like an ID (a different value in every distinct row)"), out[0]); // though duplicates repeat ids
        assertEquals(List.of("column", "type", "missing", "missing %", "distinct", "min", "max", "mean", "std", "outliers",
                "top values", "distribution"), p.columnNames());
    }

    @Test
    void rowsWithoutALabelAreCountedAndNoHintImputesTheLabel() {
        kernel.evalRaw("""
                String[] someRepaid = loans.stringColumn("repaid").asObjectArray();
                for (int r = 0; r < 8; r++) someRepaid[r * 20] = null;
                Table unlabeled = loans.copy().replaceColumn("repaid", StringColumn.create("repaid", someRepaid));""");
        String out = TestKernels.stdout(() -> kernel.evalRaw("%data profile unlabeled --target repaid"));
        assertTrue(out.contains("Warning: 8 rows (4.0%) have no value in the target 'repaid': a model can neither learn from them "
                + "nor be scored on them, and filling in a label would invent the answer. Drop them: %split unlabeled --target repaid "
                + "leaves them out"), out);
        assertTrue(out.lines().skip(1).findFirst().orElseThrow().contains("no label 8 (4.0%)"), out);
        assertFalse(out.contains("impute"), out);
        // the training hint says to drop them too
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train tree on unlabeled --target repaid"));
        assertTrue(e.getMessage().startsWith("The target 'repaid' of 'unlabeled' has no value in 8 rows;"), e.getMessage());
        assertFalse(e.getMessage().contains("impute"), e.getMessage());
    }

    @Test
    void helpStatesTheThresholds() {
        String help = TestKernels.stdout(() -> kernel.evalRaw("%data profile --help"));
        assertTrue(help.contains("Thresholds: a column is flagged as leaking when alone it predicts the target with at least 96%"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("beyond 1.5 × IQR from the quartiles"), help);
    }

    @Test
    void unknownTargetIsAUsageError() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%data profile loans --target repayed"));
        assertEquals("Did you mean 'repaid'?", e.lines().getLast());
    }
}
