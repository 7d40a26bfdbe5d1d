package org.jtrain.data;

import org.jtrain.data.Profile.Kind;
import org.jtrain.data.Profile.Warning;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {

    /**
     * 200 loans: 'income' is noisy, 'status' is written after the outcome (a leak), 'id' is unique, 'branch' is
     * constant, and 'score' has two missing values; the last 10 rows copy the first 10.
     */
    static Table loans() {
        Random rnd = new Random(1);
        int n = 200;
        String[] repaid = new String[n], status = new String[n], branch = new String[n];
        double[] income = new double[n], score = new double[n];
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            if (i >= 190) {
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
        return Table.create("loans", IntColumn.create("id", id), DoubleColumn.create("income", income),
                DoubleColumn.create("score", score), StringColumn.create("branch", branch),
                StringColumn.create("status", status), StringColumn.create("repaid", repaid));
    }

    /** 100 transactions, 4 of them fraud, each with a unique id. */
    static Table fraud() {
        return Table.create("fraud", StringColumn.create("label", IntStream.range(0, 100).mapToObj(i -> i < 4 ? "fraud" : "ok").toArray(String[]::new)),
                IntColumn.indexColumn("id", 100, 0), IntColumn.indexColumn("amount", 100, 0).map(i -> i % 7));
    }

    private static List<Kind> kinds(Profile p, String column) {
        return p.warnings().stream().filter(w -> column.equals(w.column())).map(Warning::kind).toList();
    }

    @Test
    void warningsAreDataWithDuplicatesFirst() {
        Profile p = Profile.of(loans(), "repaid");
        assertEquals(6, p.columns().rowCount());
        assertEquals(4, p.columns().intColumn("missing").get(p.columns().stringColumn("column").indexOf("score"))); // 2 NaN, copied
        assertEquals(200, p.rows());
        assertEquals(10, p.duplicateRows());
        assertEquals(new Warning(Kind.DUPLICATES, null, "10 rows repeat an earlier row; they can end up in both train and test."),
                p.warnings().getFirst());
        assertEquals(List.of(Kind.CONSTANT), kinds(p, "branch"));
        assertEquals(List.of(Kind.LEAKAGE), kinds(p, "status"));
        assertTrue(p.warnings().stream().filter(w -> w.kind() == Kind.LEAKAGE).findFirst().orElseThrow().message()
                .startsWith("Possible target leakage: 'status' alone predicts 'repaid' with 100.0% accuracy"));
        assertEquals(List.of(), kinds(p, "income"));
        assertEquals(List.of(), kinds(p, "id")); // ids repeat in the duplicated rows
        assertEquals(List.of("yes", "no"), List.copyOf(p.classes().keySet()));
        assertTrue(Profile.singleColumnAccuracy(loans().column("income"), loans().column("repaid")) < Profile.LEAKAGE_ACCURACY);
    }

    @Test
    void idLikeColumnsAndImbalanceAreFound() {
        Profile p = Profile.of(fraud(), "label");
        assertEquals(List.of(Kind.ID_LIKE), kinds(p, "id"));
        assertEquals(List.of(Kind.IMBALANCED), kinds(p, "label"));
        assertEquals(List.of(), kinds(p, "amount"));
        assertEquals(List.of(Kind.ID_LIKE, Kind.IMBALANCED), p.warnings().stream().map(Warning::kind).toList());
    }

    @Test
    void summaryIsTheTextAMagicPrints() {
        String expected = """
                fraud: 100 rows × 3 columns, 0 duplicate rows
                Target 'label': ok 96 (96.0%)  fraud 4 (4.0%) \s
                Warning: Column 'id' looks like an ID (a different value in every row): a model would memorise it; drop it.
                Warning: Target 'label' is heavily imbalanced: class 'fraud' is only 4.0% of the rows. Accuracy will flatter a \
                model that ignores it; use --stratify when splitting and look at recall and F1.
                """;
        assertEquals(expected, Profile.of(fraud(), "label").summary());
        assertEquals("fraud: 100 rows × 3 columns, 0 duplicate rows\nWarning: Column 'id' looks like an ID (a different value in "
                + "every row): a model would memorise it; drop it.\n", Profile.of(fraud(), null).summary());
    }

    @Test
    void aNumericTargetShowsItsRangeAndCorrelatedColumnsLeak() {
        double[] y = IntStream.range(0, 100).mapToDouble(i -> i % 50).toArray();
        Table t = Table.create("prices", DoubleColumn.create("y", y), DoubleColumn.create("twice", IntStream.range(0, 100).mapToDouble(i -> 2 * y[i]).toArray()));
        Profile p = Profile.of(t, "y");
        assertTrue(p.summary().startsWith("prices: 100 rows × 2 columns, 50 duplicate rows\nTarget 'y': numeric, 0.0 to 49.0, mean 24.5\n"), p.summary());
        assertEquals(List.of(Kind.LEAKAGE), kinds(p, "twice"));
        assertTrue(p.summary().contains("Warning: Possible target leakage: 'twice' alone correlates 1.000 with 'y'."), p.summary());
    }

    @Test
    void aConstantColumnAllMissingIsNamedSo() {
        Table t = Table.create("t", StringColumn.create("empty", new String[3]), IntColumn.create("x", 1, 2, 3));
        assertEquals(List.of(new Warning(Kind.CONSTANT, "empty", "Column 'empty' is constant (all missing): it cannot help a model; drop it.")),
                Profile.of(t, null).warnings());
    }

    @Test
    void anUnknownTargetIsSuggested() {
        BadInput e = assertThrows(BadInput.class, () -> Profile.of(loans(), "repayed"));
        assertEquals("Column 'repayed' not found in table 'loans'. Columns: id, income, score, branch, status, repaid.", e.getMessage());
        assertEquals(Optional.of("repaid"), e.suggestion());
    }
}
