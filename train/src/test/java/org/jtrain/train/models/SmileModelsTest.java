package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Fixtures;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.Trainer;
import org.jtrain.train.TrainingListener;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Smile model on the bundled data, with accuracy or R² floors under the default seed. */
class SmileModelsTest {

    @Test
    void classifiersLearnIris() throws Exception {
        Table[] iris = split(load("iris"));
        Map<String, Double> floors = Map.of("logistic", 0.9, "tree", 0.85, "forest", 0.9, "boosting", 0.85,
                "svm", 0.8, "knn", 0.9, "naive-bayes", 0.9);
        floors.forEach((model, floor) -> {
            try {
                Fit r = fit(model, iris, "species", Map.of());
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
        Fit r = Trainer.fit(Forest.params().trees(5000), iris[0], "species",
                FitOptions.defaults().listener(count).stopWhen(() -> built.get() >= 10));
        assertEquals(null, r.model());
        assertEquals("interrupted after 0 epochs", r.history().ended());
        // trees already begun still finish, and so does one tree of each part of the parallel stream that starts later
        assertTrue(built.get() < 50, built.get() + " trees of 5000 were built");
    }

    /**
     * Logistic regression and SVMs ask at each step of their optimizer, k-NN between slices of the rows it scores, and
     * a fit with no way to stop (a tree) is left to finish in the background: each answers an interrupt at once, where
     * an uninterrupted fit on this data takes from about a second (k-NN, scoring its training rows) to minutes (logistic
     * regression with no penalty on separable rows, svm).
     */
    @Test
    void anInterruptEndsAOneStepFitAtOnce() throws Exception {
        Table noise = noise(20_000, 100, 5, 1, 1);
        List<Hyperparameters> fits = List.of(new Logistic(0, 100_000), Svm.params().kernel(Svm.Kernel.GAUSSIAN).epochs(50),
                Knn.params(), Tree.params().maxDepth(200).nodeSize(1));
        for (Hyperparameters fit : fits) {
            String model = fit.model();
            long start = System.nanoTime();
            // logistic regression on separable rows with no penalty runs to its cap, but may reach the gradient tolerance
            // within 0.3 s on a quiet machine: it is stopped sooner, while its optimizer runs
            Table data = fit instanceof Logistic ? separable(noise) : noise;
            long after = fit instanceof Logistic ? 30_000_000L : 300_000_000L;
            Fit r = Trainer.fit(fit, data, "label", FitOptions.defaults().stopWhen(() -> System.nanoTime() - start > after));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 1.5, model + " answered the interrupt after " + seconds + " s");
            assertEquals("interrupted after 0 epochs", r.history().ended(), model);
            if (!model.equals("knn")) assertEquals(null, r.model(), model); // k-NN may be fitted and stopped while scoring
            if (model.equals("logistic") || model.equals("svm")) {
                assertTrue(fitThreadsEndWithin(1000), model + " went on fitting in the background");
            }
            if (model.equals("tree")) assertTrue(r.leftRunning(), "a tree cannot be stopped midway: its fit runs on, and the Fit says so");
        }
    }

    /** Java code in a cell that calls Trainer.fit is stopped by interrupting its thread. */
    @Test
    void interruptingTheCallersThreadEndsAFitToo() throws Exception {
        Table noise = noise(20_000, 100, 5, 1, 1);
        var result = new java.util.concurrent.CompletableFuture<Fit>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                result.complete(Trainer.fit(Svm.params().kernel(Svm.Kernel.GAUSSIAN).epochs(50), noise, "label")); // minutes
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        Thread.sleep(300);
        caller.interrupt();
        Fit r = result.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(null, r.model());
        assertEquals("interrupted after 0 epochs", r.history().ended());
    }

    private static boolean fitThreadsEndWithin(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("jtrain-fit") && t.isAlive())) {
            if (System.currentTimeMillis() > end) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * The same rows, each labelled by its largest of the first five features: classes that a linear model separates, so
     * that logistic regression with no penalty never converges (its optimum is at infinity) and runs to its iteration cap.
     */
    private static Table separable(Table noise) {
        String[] labels = new String[noise.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            int top = 0;
            for (int j = 1; j < 5; j++) if (noise.doubleColumn("f" + j).getDouble(i) > noise.doubleColumn("f" + top).getDouble(i)) top = j;
            labels[i] = "c" + top;
        }
        Table t = noise.copy();
        t.removeColumns("label");
        return t.addColumns(tech.tablesaw.api.StringColumn.create("label", labels));
    }

    /** Rows of random features in [0, scale) and a random class: nothing to learn, so optimizers take long. */
    private static Table noise(int rows, int columns, int classes, double scale, long seed) {
        Random random = new Random(seed);
        Table t = Table.create("noise");
        for (int j = 0; j < columns; j++) {
            t.addColumns(DoubleColumn.create("f" + j, random.doubles(rows, 0, scale).toArray()));
        }
        return t.addColumns(tech.tablesaw.api.StringColumn.create("label",
                random.ints(rows, 0, classes).mapToObj(c -> "c" + c).toArray(String[]::new)));
    }

    @Test
    void regressionModelsLearnDiabetes() throws Exception {
        Table[] diabetes = split(load("diabetes"));
        double var = variance(diabetes[1].numberColumn("progression").asDoubleArray());
        for (String model : List.of("linear", "ridge", "lasso", "forest", "boosting", "tree")) {
            // a deep single tree overfits 300 rows; a shallow one generalizes
            Fit r = fit(model, diabetes, "progression", model.equals("tree") ? Map.of("max-depth", "3") : Map.of());
            double r2 = 1 - r.history().last().get("val_loss") / var;
            assertTrue(r2 >= (model.equals("tree") ? 0.2 : 0.3), model + " R² " + r2);
            assertEquals(Task.REGRESSION, r.model().task());
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() throws Exception {
        Table[] wine = split(load("wine"));
        FitOptions seven = FitOptions.validation(wine[1]).seed(7);
        for (String model : List.of("forest", "boosting")) {
            Hyperparameters params = Models.params(model, Map.of("trees", "30"));
            double a = Trainer.fit(params, wine[0], "cultivar", seven).history().last().get("val_loss");
            double b = Trainer.fit(params, wine[0], "cultivar", seven).history().last().get("val_loss");
            assertEquals(a, b, 0.0, model);
        }
    }

    @Test
    void importanceComesFromTrees() throws Exception {
        Table[] iris = split(load("iris"));
        Fit r = Trainer.fit(Forest.params().trees(50), iris[0], "species", FitOptions.validation(iris[1]));
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
        assertTrue(e.getMessage().contains("%data clean train --target species --impute median"), e.getMessage()); // the label left alone
        Table unlabeled = iris[0].copy();
        String[] species = unlabeled.stringColumn("species").asObjectArray();
        species[2] = species[9] = null;
        unlabeled.replaceColumn("species", tech.tablesaw.api.StringColumn.create("species", species));
        e = assertThrows(BadInput.class, () -> fit("knn", new Table[]{unlabeled, iris[1]}, "species", Map.of()));
        assertEquals("The target 'species' of 'train' has no value in 2 rows; a model cannot learn from a row without a label, and "
                + "filling labels in would invent answers. Drop those rows: %split with --target species leaves them out, or in Java "
                + "train = train.dropWhere(train.column(\"species\").isMissing()).", e.getMessage());
        Table pixels = noise(200, 100, 2, 10_000, 2); // LASVM gets nowhere on large values
        e = assertThrows(BadInput.class, () -> fit("svm", new Table[]{pixels, null}, "label", Map.of()));
        assertTrue(e.getMessage().startsWith("The svm found no support vectors, so it has no model: its optimizer makes no progress on "
                + "features this large ('f"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Standardize them first: %data clean TABLE --normalize zscore --target label, then train on TABLE_clean."));
    }

    private static double variance(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(0), s = 0;
        for (double x : v) s += (x - mean) * (x - mean);
        return s / v.length;
    }
}
