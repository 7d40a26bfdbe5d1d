package org.jtrain.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {

    /** 1000 rows, every 13th positive; day is the row order reversed, to check that a time split sorts. */
    static Table events() {
        return Table.create("events", IntColumn.indexColumn("id", 1000, 0),
                IntColumn.create("day", IntStream.range(0, 1000).map(i -> 999 - i).toArray()),
                StringColumn.create("label", IntStream.range(0, 1000).mapToObj(i -> i % 13 == 0 ? "yes" : "no").toArray(String[]::new)));
    }

    @Test
    void sizesFollowTheRatios() {
        Table events = events();
        Split s = Split.of(events, SplitOptions.defaults().target("label"));
        assertEquals(List.of(700, 150, 150), s.tables().stream().map(Table::rowCount).toList());
        assertEquals(List.of("train", "val", "test"), s.tables().stream().map(Table::name).toList());
        assertEquals(150, s.val().orElseThrow().rowCount());
        assertEquals(List.of("train", "val", "test"), s.summary().stringColumn("split").asList());
        assertEquals(List.of(0.7, 0.15, 0.15), s.summary().doubleColumn("share").asList());
        assertEquals(1000, events.rowCount()); // the source stays

        Split two = Split.of(events, SplitOptions.defaults().ratios(0.8, 0.2).prefix("p"));
        assertEquals(List.of("p_train", "p_test"), two.tables().stream().map(Table::name).toList());
        assertEquals(Optional.empty(), two.val());
        assertEquals(200, two.test().rowCount());
        assertEquals(List.of("split", "rows", "share"), two.summary().columnNames()); // no target, no balance
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        List<Integer> a = Split.of(events(), SplitOptions.defaults().seed(7)).train().intColumn("id").asList();
        assertEquals(a, Split.of(events(), SplitOptions.defaults().seed(7)).train().intColumn("id").asList());
        assertNotEquals(a, Split.of(events(), SplitOptions.defaults().seed(8)).train().intColumn("id").asList());
        assertEquals(SplitOptions.defaults().seed(7), SplitOptions.defaults().seed(7));
    }

    @Test
    void stratifiedKeepsEachClassShareWithinOneRow() {
        SplitOptions options = SplitOptions.stratified("label");
        Split s = Split.of(events(), options);
        Map<String, Integer> all = Tables.counts(events().column("label"));
        double[] ratios = options.ratios();
        for (int i = 0; i < 3; i++) {
            Map<String, Integer> counts = Tables.counts(s.tables().get(i).column("label"));
            for (String cls : all.keySet()) {
                double expected = ratios[i] * all.get(cls);
                assertTrue(Math.abs(counts.get(cls) - expected) <= 1, s.tables().get(i).name() + " " + cls + ": " + counts.get(cls) + " vs " + expected);
            }
        }
        assertEquals(List.of("split", "rows", "share", "label=no", "label=yes"), s.summary().columnNames());
    }

    @Test
    void byTimePutsTheLatestRowsInTest() {
        Split s = Split.of(events(), SplitOptions.defaults().byTime("day").ratios(0.6, 0.2, 0.2));
        assertEquals(599, (int) s.train().intColumn("day").max());
        assertEquals(600, (int) s.val().orElseThrow().intColumn("day").min());
        assertEquals(800, (int) s.test().intColumn("day").min());
    }

    @Test
    void perUserHoldsOutPartOfEachUsersRows() {
        // 40 users with 1 to 40 rows each: user u has u rows
        StringColumn user = StringColumn.create("user");
        for (int u = 1; u <= 40; u++) for (int i = 0; i < u; i++) user.append("u" + u);
        Table ratings = Table.create("ratings", user, StringColumn.create("item", IntStream.range(0, user.size()).mapToObj(i -> "i" + i).toArray(String[]::new)));
        Split s = Split.of(ratings, SplitOptions.defaults().per("user").ratios(0.8, 0.2));
        for (int u = 1; u <= 40; u++) {
            int inTrain = s.train().stringColumn("user").isEqualTo("u" + u).size(), inTest = s.test().stringColumn("user").isEqualTo("u" + u).size();
            assertEquals(Math.round(0.8 * u), inTrain, "user u" + u + " keeps 80% of their rows in train");
            assertEquals(u - Math.round(0.8 * u), inTest);
        }
        BadInput both = assertThrows(BadInput.class, () -> SplitOptions.defaults().byTime("day").per("user"));
        assertEquals("--per cannot be combined with --by-time: it already decides how each user's rows are shared out", both.getMessage());
        assertEquals(Optional.of("user"), assertThrows(BadInput.class, () -> Split.of(ratings, SplitOptions.defaults().per("usr"))).suggestion());
    }

    @Test
    void badOptionsAreRefusedWhenMade() {
        BadInput sum = assertThrows(BadInput.class, () -> SplitOptions.defaults().ratios(0.7, 0.2, 0.2));
        assertEquals("--ratios 0.7,0.2,0.2 sum to 1.1; they must sum to 1, e.g. 0.7,0.15,0.15", sum.getMessage());
        BadInput count = assertThrows(BadInput.class, () -> SplitOptions.defaults().ratios(1));
        assertEquals("--ratios takes 2 or 3 positive shares (train,test or train,val,test); got 1", count.getMessage());
        assertThrows(BadInput.class, () -> SplitOptions.defaults().ratios(1.5, -0.5));
        assertThrows(BadInput.class, () -> SplitOptions.defaults().ratios(Double.NaN, 1));
        BadInput both = assertThrows(BadInput.class, () -> SplitOptions.stratified("label").byTime("day"));
        assertEquals("--stratify and --by-time cannot be combined: a time split keeps the order of the rows", both.getMessage());
        BadInput noTarget = assertThrows(BadInput.class, () -> SplitOptions.defaults().stratify(true));
        assertEquals("--stratify needs --target COL: the column whose classes to balance", noTarget.getMessage());
        BadInput column = assertThrows(BadInput.class, () -> Split.of(events(), SplitOptions.defaults().target("lable")));
        assertEquals("Column 'lable' not found in table 'events'. Columns: id, day, label.", column.getMessage());
        assertEquals(Optional.of("label"), column.suggestion());
        assertEquals(Optional.of("day"), assertThrows(BadInput.class, () -> Split.of(events(), SplitOptions.defaults().byTime("dya"))).suggestion());
    }

    @Test
    void rowsSharedAcrossTablesAreAWarning() {
        Table dup = Table.create("dup", IntColumn.create("x", new int[100])); // all rows equal
        Split s = Split.of(dup, SplitOptions.defaults().prefix("d"));
        assertEquals(2, s.warnings().size());
        assertEquals("15 rows of d_val are identical to rows of d_train. If they are the same records repeated, d_val scores will "
                + "look better than they are: drop duplicates first (%data clean dup --drop-duplicates). If they are different "
                + "records that the columns cannot tell apart, keep them.", s.warnings().getFirst());
        assertEquals(List.of(), Split.of(events(), SplitOptions.defaults()).warnings());
    }

    @Test
    void aNumericTargetIsSummarizedByItsMean() {
        Table t = Table.create("t", DoubleColumn.create("y", IntStream.range(0, 100).mapToDouble(i -> i).toArray()));
        Table summary = Split.of(t, SplitOptions.defaults().target("y").byTime("y").ratios(0.5, 0.5)).summary();
        assertEquals(List.of("split", "rows", "share", "y mean"), summary.columnNames());
        assertEquals(List.of(24.5, 74.5), summary.doubleColumn("y mean").asList());
    }

    @Test
    void rowsWithoutALabelAreLeftOutAndCountedWhenTheTargetIsGiven() {
        String[] labels = events().stringColumn("label").asObjectArray();
        for (int r = 0; r < 1000; r += 125) labels[r] = null; // 8 rows, one of them a "yes" (row 0)
        Table t = events().replaceColumn("label", StringColumn.create("label", labels));
        for (SplitOptions options : List.of(SplitOptions.defaults().target("label"), SplitOptions.stratified("label"),
                SplitOptions.defaults().target("label").byTime("day"))) {
            Split s = Split.of(t, options);
            assertEquals(8, s.unlabeled());
            assertEquals(992, s.tables().stream().mapToInt(Table::rowCount).sum(), options.toString());
            assertTrue(s.tables().stream().allMatch(p -> p.column("label").countMissing() == 0), options.toString());
            assertEquals(List.of("split", "rows", "share", "label=no", "label=yes"), s.summary().columnNames()); // no "label=" class
        }
        Split unknown = Split.of(t, SplitOptions.defaults()); // no target: no label to judge by, so every row stays
        assertEquals(0, unknown.unlabeled());
        assertEquals(1000, unknown.tables().stream().mapToInt(Table::rowCount).sum());
        assertEquals(1000, t.rowCount()); // the source stays
    }
}
