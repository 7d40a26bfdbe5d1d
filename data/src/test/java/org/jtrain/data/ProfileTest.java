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
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The warnings about the target. */
    private static List<Warning> aboutTarget(Profile p) {
        return p.warnings().stream().filter(w -> p.target().equals(w.column())).toList();
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
        assertEquals(List.of(Kind.ID_LIKE), kinds(p, "id")); // though ids repeat in the duplicated rows
        assertEquals(List.of("yes", "no"), List.copyOf(p.classes().keySet()));
        assertEquals(0, p.unlabeled());
    }

    /**
     * The two flaws the old profile missed: 'status' copies the label in 97% of the rows (the old bar was 98%), and
     * 'id' is an ID that 20 duplicate rows repeat.
     */
    static Table planted() {
        Random rnd = new Random(3);
        int n = 200, dups = 20;
        String[] repaid = new String[n + dups], status = new String[n + dups];
        double[] income = new double[n + dups];
        int[] id = new int[n + dups];
        for (int i = 0; i < n + dups; i++) {
            int s = i < n ? i : 20 + (i - n); // the duplicates copy rows 20 to 39
            if (i >= n) {
                repaid[i] = repaid[s]; status[i] = status[s]; income[i] = income[s]; id[i] = id[s];
                continue;
            }
            boolean ok = rnd.nextDouble() < 0.7;
            repaid[i] = ok ? "yes" : "no";
            boolean copied = i % 100 >= 3; // 6 of the 200 rows differ
            status[i] = ok == copied ? "closed" : "written-off";
            income[i] = 30 + rnd.nextGaussian() * 10 + (ok ? 5 : 0);
            id[i] = 1000 + i;
        }
        return Table.create("planted", IntColumn.create("id", id), DoubleColumn.create("income", income),
                StringColumn.create("status", status), StringColumn.create("repaid", repaid));
    }

    @Test
    void aNearCopyOfTheLabelAndAnIdWithDuplicateRowsAreFlagged() {
        Table t = planted();
        long same = IntStream.range(0, t.rowCount()).filter(r -> t.stringColumn("status").get(r).equals("closed")
                == t.stringColumn("repaid").get(r).equals("yes")).count();
        double copied = same / (double) t.rowCount();
        assertTrue(copied >= 0.97 && copied < 0.98, "copies the label in " + copied + " of the rows");
        Profile p = Profile.of(t, "repaid");
        assertEquals(20, p.duplicateRows());
        assertEquals(List.of(Kind.ID_LIKE), kinds(p, "id"));
        assertEquals("Column 'id' looks like an ID (a different value in every distinct row): a model would memorise it; drop it.",
                p.warnings().stream().filter(w -> w.kind() == Kind.ID_LIKE).findFirst().orElseThrow().message());
        assertEquals(List.of(Kind.LEAKAGE), kinds(p, "status"));
        assertTrue(p.summary().contains(String.format("Warning: Possible target leakage: 'status' alone predicts 'repaid' with %.1f%% accuracy (", 100 * copied)
                + String.format("%.1f%% by always guessing the commonest class; flagged from 96%% accuracy that also removes 80%% of the guess's errors).",
                100.0 * p.classes().get("yes") / t.rowCount())), p.summary());
        assertEquals(List.of(), kinds(p, "income"));
    }

    @Test
    void aStrongFeatureIsExplainedNotAlarmedOver() {
        Profile cancer = Profile.of(Load.dataset("breast_cancer"), "diagnosis");
        assertEquals(List.of(), cancer.warnings().stream().filter(w -> w.kind() == Kind.LEAKAGE).toList());
        Warning strong = cancer.warnings().stream().filter(w -> w.kind() == Kind.STRONG_FEATURE).findFirst().orElseThrow();
        assertTrue(strong.note());
        assertTrue(cancer.summary().contains("Note: The strongest single column, 'worst_radius', alone predicts 'diagnosis' with 92.3% "
                + "accuracy (62.7% by always guessing the commonest class). That is normal for a strong feature; a leak is flagged from "
                + "96% accuracy that also removes 80% of the guess's errors.\n"), cancer.summary());
        // iris's petal length is the closest call: 94.7%, removing 92% of the errors
        Profile iris = Profile.of(Load.dataset("iris"), "species");
        assertEquals(List.of(Kind.STRONG_FEATURE), kinds(iris, "petal_length"));
        assertTrue(iris.summary().contains("'petal_length', alone predicts 'species' with 94.7% accuracy"), iris.summary());
    }

    @Test
    void rowsWithoutALabelAreCountedAndDroppingThemIsTheAdvice() {
        Table t = planted().first(100).setName("loans");
        String[] labels = t.stringColumn("repaid").asObjectArray();
        for (int r = 0; r < 8; r++) labels[r * 10] = null;
        t.replaceColumn("repaid", StringColumn.create("repaid", labels));
        Profile p = Profile.of(t, "repaid");
        assertEquals(8, p.unlabeled());
        assertEquals(92, p.classes().values().stream().mapToInt(Integer::intValue).sum()); // no "" class
        assertEquals(new Warning(Kind.UNLABELED, "repaid", "8 rows (8.0%) have no value in the target 'repaid': a model can neither "
                + "learn from them nor be scored on them, and filling in a label would invent the answer. Drop them: %split loans "
                + "--target repaid leaves them out (in Java: t.dropWhere(t.column(\"repaid\").isMissing()))."), aboutTarget(p).getFirst());
        assertTrue(p.summary().lines().skip(1).findFirst().orElseThrow().endsWith("no label 8 (8.0%)  "), p.summary());
        assertFalse(p.summary().contains("impute"), p.summary());

        Table prices = Table.create("prices", DoubleColumn.create("size", IntStream.range(0, 50).mapToDouble(i -> i % 7).toArray()),
                DoubleColumn.create("price", IntStream.range(0, 50).mapToDouble(i -> i < 2 ? Double.NaN : 100 + i).toArray()));
        Profile numeric = Profile.of(prices, "price");
        assertEquals(2, numeric.unlabeled());
        assertTrue(numeric.summary().contains("Target 'price': numeric, 102.0 to 149.0, mean 125.5, no value in 2 rows\n"), numeric.summary());
        assertEquals(List.of(Kind.UNLABELED), kinds(numeric, "price"));
    }

    @Test
    void mixedTypesTextThatWasNotUtf8AndOutliersAreReported() {
        int n = 100;
        String[] age = new String[n], city = new String[n], note = new String[n];
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            age[i] = i == 5 || i == 50 ? "unknown" : i == 7 ? "n/a?" : String.valueOf(20 + i % 40);
            city[i] = i % 25 == 0 ? "M\uFFFDnchen" : i % 2 == 0 ? "Berlin" : "Paris";
            note[i] = "note " + i; // free text, different in every row: not an ID
            amount[i] = i == 10 ? 9999 : 50 + i % 10;
        }
        Table t = Table.create("people", StringColumn.create("age", age), StringColumn.create("city", city),
                StringColumn.create("note", note), DoubleColumn.create("amount", amount));
        Profile p = Profile.of(t, null);
        assertEquals(new Warning(Kind.MIXED_TYPES, "age", "Column 'age' is text, but 97.0% of its values are numbers; the others: "
                + "'unknown' (2), 'n/a?' (1). Make them missing values (an empty field or NA) so that the column loads as numbers, "
                + "or fix them at the source."), p.warnings().stream().filter(w -> "age".equals(w.column())).findFirst().orElseThrow());
        assertEquals(List.of(Kind.NOT_UTF8), kinds(p, "city"));
        assertTrue(p.summary().contains("Warning: Column 'city' has 4 values with '\uFFFD' (U+FFFD), which stands for bytes that were not "
                + "valid UTF-8, e.g. 'M\uFFFDnchen'"), p.summary());
        assertEquals(List.of(), kinds(p, "note"));
        assertEquals(new Warning(Kind.OUTLIERS, null, "A few values far from the rest (beyond 3 × IQR from the quartiles) in amount (1): "
                + "check they are real and not typos or codes such as 9999 for missing. The outliers column counts those beyond 1.5 × IQR."),
                p.warnings().stream().filter(w -> w.kind() == Kind.OUTLIERS).findFirst().orElseThrow());
        Table columns = p.columns();
        assertEquals(1, columns.intColumn("outliers").get(columns.stringColumn("column").indexOf("amount")));
        assertTrue(columns.intColumn("outliers").isMissing(columns.stringColumn("column").indexOf("city")));
    }

    @Test
    void consecutiveIntegersThatRepeatAreAnIdToo() {
        // 300 orders of 150 customers numbered 1 to 150: no two rows alike, yet 'customer' is an ID
        Table t = Table.create("orders", IntColumn.create("customer", IntStream.range(0, 300).map(i -> 1 + i % 150).toArray()),
                IntColumn.create("amount", IntStream.range(0, 300).map(i -> i).toArray()),
                IntColumn.create("items", IntStream.range(0, 300).map(i -> 1 + i % 40).toArray()));
        Profile p = Profile.of(t, null);
        assertEquals(List.of(Kind.ID_LIKE), kinds(p, "customer"));
        assertTrue(p.summary().contains("Column 'customer' looks like an ID (consecutive integers 1 to 150, 150 of them in 300 distinct rows)"),
                p.summary());
        assertEquals(List.of(), kinds(p, "items")); // 40 values in 300 rows: a count, not an ID
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
        assertTrue(p.summary().contains("Warning: Possible target leakage: 'twice' alone explains 9"), p.summary());
        assertTrue(p.summary().contains("% of the variance of 'y' (R²; flagged from 90%)."), p.summary());
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
