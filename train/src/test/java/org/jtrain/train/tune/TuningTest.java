package org.jtrain.train.tune;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Fixtures;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.models.Forest;
import org.jtrain.train.models.Knn;
import org.junit.jupiter.api.Test;
import smile.classification.KNN;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cross-validated search: scores checked against k-NN fitted fold by fold here, seeds, interrupts and bad ranges. */
class TuningTest {

    static final Table WINE = Fixtures.load("wine");
    static final Knn KNN_PARAMS = Knn.params();

    /** 5 folds scored by accuracy, under the default seed, with no refit of the best: what these tests check is the search. */
    static final TuneOptions OPTIONS = TuneOptions.defaults().folds(5).metric(Tuning.Metric.ACCURACY).refit(false);

    static Tuning.Result search(List<Tuning.Values> space, java.util.function.BooleanSupplier stop) throws Exception {
        return Tuning.search(KNN_PARAMS, space, WINE, "cultivar", OPTIONS.stopWhen(stop));
    }

    @Test
    void gridScoresMatchFoldByFoldKnn() throws Exception {
        List<Tuning.Values> space = List.of(Tuning.Values.parse("k=1,5,15"));
        List<Map<String, String>> grid = Tuning.candidates(KNN_PARAMS, space, 0, Seeds.DEFAULT);
        assertEquals(List.of(Map.of("k", "1"), Map.of("k", "5"), Map.of("k", "15")), grid);
        Tuning.Result r = search(space, () -> false);
        assertEquals(3, r.ranked().size());
        int[] fold = Tuning.folds(WINE, "cultivar", Task.CLASSIFICATION, 5, Seeds.DEFAULT);
        for (int f = 0; f < 5; f++) { // stratified: every class is spread over the folds within one row
            final int ff = f;
            for (String c : new java.util.TreeSet<>(WINE.column("cultivar").asList().stream().map(Object::toString).toList())) {
                long inFold = IntStream.range(0, fold.length).filter(i -> fold[i] == ff && WINE.column("cultivar").getString(i).equals(c)).count();
                long all = IntStream.range(0, fold.length).filter(i -> WINE.column("cultivar").getString(i).equals(c)).count();
                assertTrue(Math.abs(inFold - all / 5.0) <= 1, "class " + c + " fold " + f + ": " + inFold + " of " + all);
            }
        }
        for (Tuning.Candidate c : r.ranked()) {
            int k = Integer.parseInt(c.params().get("k"));
            for (int f = 0; f < 5; f++) {
                final int ff = f;
                Table train = WINE.rows(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray()).setName("t");
                Table val = WINE.rows(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray()).setName("v");
                List<String> features = WINE.columnNames().stream().filter(n -> !n.equals("cultivar")).toList();
                double[][] x = Encoded.matrix(train, features), vx = Encoded.matrix(val, features);
                List<String> classes = List.copyOf(new java.util.TreeSet<>(WINE.column("cultivar").asList().stream().map(Object::toString).toList()));
                int[] y = IntStream.range(0, train.rowCount()).map(i -> classes.indexOf(train.column("cultivar").getString(i))).toArray();
                int[] vy = IntStream.range(0, val.rowCount()).map(i -> classes.indexOf(val.column("cultivar").getString(i))).toArray();
                KNN<double[]> knn = KNN.fit(x, y, k);
                long right = IntStream.range(0, vx.length).filter(i -> knn.predict(vx[i]) == vy[i]).count();
                assertEquals((double) right / vx.length, c.folds()[f], 1e-12, "k=" + k + " fold " + f);
            }
        }
        assertTrue(r.ranked().get(0).mean() >= r.ranked().get(1).mean() && r.ranked().get(1).mean() >= r.ranked().get(2).mean());
        assertEquals(List.of("k", "accuracy", "sd"), r.toTable().columnNames());
    }

    @Test
    void randomSearchRepeatsUnderTheSeedAndRangesSpreadInLogScale() throws Exception {
        Tuning.Values lambda = Tuning.Values.parse("lambda=0.01..100");
        assertEquals(List.of("0.01000", "0.1000", "1.000", "10.00", "100.0"), lambda.grid(5));
        Tuning.Values trees = Tuning.Values.parse("trees=10..50");
        assertEquals(List.of("10", "20", "30", "40", "50"), trees.grid(5));
        List<Map<String, String>> a = Tuning.candidates(Forest.params(), List.of(trees, Tuning.Values.parse("max-depth=2,4,8")), 4, Seeds.DEFAULT);
        List<Map<String, String>> b = Tuning.candidates(Forest.params(), List.of(trees, Tuning.Values.parse("max-depth=2,4,8")), 4, Seeds.DEFAULT);
        assertEquals(4, a.size());
        assertEquals(a, b);
        assertEquals(search(List.of(Tuning.Values.parse("k=3")), () -> false).best().folds().length, 5);
    }

    @Test
    void interruptKeepsTheCandidatesFinished() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Tuning.Result r = Tuning.search(KNN_PARAMS, List.of(Tuning.Values.parse("k=1,3,5,7,9,11,13,15")), WINE, "cultivar",
                OPTIONS.stopWhen(() -> calls.get() >= 12).progress((done, total) -> calls.set(done)));
        assertTrue(r.interrupted());
        assertTrue(r.ranked().size() >= 2 && r.ranked().size() < 8, "kept " + r.ranked().size());
        r.ranked().forEach(c -> assertEquals(5, c.folds().length));
    }

    @Test
    void badSearchesSayWhatIsAllowed() {
        BadInput e = assertThrows(BadInput.class, () -> Tuning.candidates(KNN_PARAMS, List.of(Tuning.Values.parse("kk=1,2")), 0, Seeds.DEFAULT));
        assertEquals("'kk' is not a hyperparameter of knn. Its hyperparameters: k.", e.getMessage());
        e = assertThrows(BadInput.class, () -> Tuning.candidates(KNN_PARAMS, List.of(Tuning.Values.parse("k=0,3")), 0, Seeds.DEFAULT));
        assertTrue(e.getMessage().contains("[1, 10000]"), e.getMessage());
        e = assertThrows(BadInput.class, () -> Tuning.Values.parse("k=5..1"));
        assertTrue(e.getMessage().contains("a range is lo..hi with numbers lo < hi"), e.getMessage());
        e = assertThrows(BadInput.class, () -> Tuning.search(KNN_PARAMS, List.of(), WINE, "cultivar", OPTIONS.metric(Tuning.Metric.RMSE)));
        assertEquals("--metric rmse is for regression, but this is classification. Metrics for it: accuracy, f1.", e.getMessage());
    }
}
