package org.jtrain.train;

import org.jtrain.datasets.Datasets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Smile model on the bundled data, with accuracy or R² floors under the default seed. */
class SmileModelsTest {

    static Table load(String name) {
        return Table.read().usingOptions(CsvReadOptions.builder(Datasets.find(name).orElseThrow().open()).tableName(name));
    }

    /** A fixed 70/30 split. */
    static Table[] split(Table t) {
        List<Integer> rows = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, t.rowCount()).boxed().toList());
        java.util.Collections.shuffle(rows, new Random(1));
        int cut = (int) (rows.size() * 0.7);
        int[] a = rows.subList(0, cut).stream().mapToInt(i -> i).toArray(), b = rows.subList(cut, rows.size()).stream().mapToInt(i -> i).toArray();
        return new Table[]{t.rows(a).setName("train"), t.rows(b).setName("test")};
    }

    static Training.Result fit(String model, Table[] data, String target, Map<String, String> options) throws Exception {
        return Training.fit(Models.find(model).orElseThrow(), options, data[0], "train", data[1], "test", target, List.of());
    }

    @Test
    void classifiersLearnIris() throws Exception {
        Table[] iris = split(load("iris"));
        Map<String, Double> floors = Map.of("logistic", 0.9, "tree", 0.85, "forest", 0.9, "boosting", 0.85,
                "svm", 0.8, "knn", 0.9, "naive-bayes", 0.9);
        floors.forEach((model, floor) -> {
            try {
                Training.Result r = fit(model, iris, "species", Map.of());
                double acc = r.history().last().get("val_accuracy");
                assertTrue(acc >= floor, model + " val_accuracy " + acc + " < " + floor);
                assertEquals(Task.CLASSIFICATION, r.model().task());
                assertEquals(30, r.model().predict(iris[1].first(30)).size());
            } catch (Exception e) {
                throw new AssertionError(model, e);
            }
        });
    }

    /** Smile never checks for a stop while it builds a forest's trees in parallel: jtrain's controller ends the fit. */
    @Test
    void anInterruptStopsAForestWithinAFewTrees() throws Exception {
        Table[] iris = split(load("iris"));
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches) {
                built.set(batch);
            }
        };
        Training.Result r = Training.fit(Models.find("forest").orElseThrow(), Map.of("trees", "5000"), iris[0], "train", null, null,
                "species", List.of(count), () -> built.get() >= 10);
        assertEquals(null, r.model());
        assertEquals("interrupted after 0 epochs", r.history().ended());
        // trees already begun still finish, and so does one tree of each part of the parallel stream that starts later
        assertTrue(built.get() < 50, built.get() + " trees of 5000 were built");
    }

    @Test
    void regressionModelsLearnDiabetes() throws Exception {
        Table[] diabetes = split(load("diabetes"));
        double var = variance(diabetes[1].numberColumn("progression").asDoubleArray());
        for (String model : List.of("linear", "ridge", "lasso", "forest", "boosting", "tree")) {
            // a deep single tree overfits 300 rows; a shallow one generalizes
            Training.Result r = fit(model, diabetes, "progression", model.equals("tree") ? Map.of("max-depth", "3") : Map.of());
            double r2 = 1 - r.history().last().get("val_loss") / var;
            assertTrue(r2 >= (model.equals("tree") ? 0.2 : 0.3), model + " R² " + r2);
            assertEquals(Task.REGRESSION, r.model().task());
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() throws Exception {
        Table[] wine = split(load("wine"));
        Seeds.set(7);
        for (String model : List.of("forest", "boosting")) {
            double a = fit(model, wine, "cultivar", Map.of("trees", "30")).history().last().get("val_loss");
            double b = fit(model, wine, "cultivar", Map.of("trees", "30")).history().last().get("val_loss");
            assertEquals(a, b, 0.0, model);
        }
        Seeds.set(42);
    }

    @Test
    void importanceComesFromTrees() throws Exception {
        Training.Result r = fit("forest", split(load("iris")), "species", Map.of("trees", "50"));
        double[] imp = r.model().importance().orElseThrow();
        assertEquals(4, imp.length);
        assertTrue(imp[2] + imp[3] > imp[0] + imp[1], "petals tell iris species apart better than sepals");
    }

    @Test
    void mistakesAreExplained() {
        Table[] iris = split(load("iris"));
        BadInput e = assertThrows(BadInput.class, () -> fit("forest", iris, "species", Map.of("trees", "0")));
        assertEquals("--trees must be an integer in [1, 10000]; got 0.", e.getMessage());
        e = assertThrows(BadInput.class, () -> fit("boosting", iris, "species", Map.of("learning-rate", "abc")));
        assertEquals("--learning-rate must be a number; got 'abc'.", e.getMessage());
        e = assertThrows(BadInput.class, () -> fit("linear", iris, "species", Map.of()));
        assertTrue(e.getMessage().startsWith("Regression needs a numeric target, but 'species' in 'train' is string"), e.getMessage());
        Table[] diabetes = split(load("diabetes"));
        e = assertThrows(BadInput.class, () -> fit("logistic", diabetes, "progression", Map.of()));
        assertTrue(e.getMessage().startsWith("'logistic' is a classifier, but the target 'progression'"), e.getMessage());
        Table holes = iris[0].copy();
        DoubleColumn sepal = holes.doubleColumn("sepal_length");
        sepal.setMissing(3);
        e = assertThrows(BadInput.class, () -> fit("knn", new Table[]{holes, iris[1]}, "species", Map.of()));
        assertTrue(e.getMessage().startsWith("Column 'sepal_length' of 'train' has 1 missing"), e.getMessage());
    }

    private static double variance(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(0), s = 0;
        for (double x : v) s += (x - mean) * (x - mean);
        return s / v.length;
    }
}
