package org.jtrain.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jtrain.data.BadInput;
import org.jtrain.data.Load;
import org.jtrain.data.Split;
import org.jtrain.data.SplitOptions;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.models.Models;
import org.jtrain.train.tune.TuneOptions;
import org.jtrain.train.tune.Tuning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model that {@code --engine spark} offers, fitted by MLlib in a local[2] session on bundled data (80/20
 * stratified split, seed 42), scores above a floor on the held-out rows; the models MLlib lacks are refused by name.
 */
class SparkModelsTest {

    static SparkSession spark;
    static Split cancer, diabetes;

    @BeforeAll
    static void start() {
        spark = Spark.start("local[2]", null, Map.of("spark.sql.shuffle.partitions", "2"));
        cancer = Split.of(Load.dataset("breast_cancer"), SplitOptions.stratified("diagnosis").ratios(0.8, 0.2).seed(42));
        diabetes = Split.of(Load.dataset("diabetes"), SplitOptions.defaults().ratios(0.8, 0.2).seed(42));
    }

    @AfterAll
    static void stop() {
        Spark.stop();
    }

    /**
     * Floors a little under what each model scored here (accuracy 0.92 to 1.0, R² 0.29 to 0.51), so that a broken mapping fails. Boosting and forest are cut to
     * tens of trees to keep the test lean, and the regression tree to depth 4 (grown to jtrain's default depth it
     * overfits diabetes' 353 rows, in Smile as in MLlib).
     */
    @ParameterizedTest
    @CsvSource({"logistic, '', 0.95", "tree, '', 0.88", "forest, trees=50, 0.93", "boosting, trees=30;max-depth=3, 0.90",
            "naive-bayes, '', 0.90", "mlp, '', 0.95"})
    void classifiersBeatTheirFloor(String model, String options, double floor) throws Exception {
        Fit fit = SparkTrainer.fit(params(model, options), cancer.train(), "diagnosis", FitOptions.defaults().seed(42));
        Evaluation.Classification e = (Evaluation.Classification) Evaluation.of(fit.model(), cancer.test());
        assertTrue(e.accuracy() >= floor, model + ": accuracy " + e.accuracy() + " < " + floor);
        assertEquals(List.of("benign", "malignant"), fit.model().classes());
    }

    @ParameterizedTest
    @CsvSource({"linear, '', 0.45", "ridge, '', 0.45", "lasso, '', 0.44", "tree, max-depth=4, 0.20", "forest, trees=50, 0.38",
            "boosting, trees=30;max-depth=3, 0.33"})
    void regressorsBeatTheirFloor(String model, String options, double floor) throws Exception {
        Fit fit = SparkTrainer.fit(params(model, options), diabetes.train(), "progression", FitOptions.defaults().seed(42));
        Evaluation.Regression e = (Evaluation.Regression) Evaluation.of(fit.model(), diabetes.test());
        assertTrue(e.r2() >= floor, model + ": R² " + e.r2() + " < " + floor);
    }

    private static org.jtrain.train.models.Hyperparameters params(String model, String options) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        for (String kv : options.isEmpty() ? new String[0] : options.split(";")) given.put(kv.split("=")[0], kv.split("=")[1]);
        return Models.params(model, given);
    }

    @Test
    void iterativeFitsKeepTheirHistory() throws Exception {
        Fit fit = SparkTrainer.fit(Models.params("logistic", Map.of()), cancer.train(), "diagnosis",
                FitOptions.validation(cancer.test()).seed(42));
        double[] loss = fit.history().get("loss");
        assertTrue(loss.length > 3 && loss[loss.length - 1] < loss[0], java.util.Arrays.toString(loss));
        assertTrue(fit.history().last().get("val_accuracy") > 0.9, fit.history().toString());
    }

    @Test
    void modelsMLlibLacksAreRefusedWithTheList() {
        BadInput e = assertThrows(BadInput.class, () -> SparkTrainer.fit(Models.params("knn", Map.of()), cancer.train(), "diagnosis",
                FitOptions.defaults()));
        assertTrue(e.getMessage().contains("'knn' is not among the models jtrain fits with MLlib") && e.getMessage().contains("logistic, tree, forest, boosting, linear, "
                + "ridge, lasso, naive-bayes, mlp"), e.getMessage());
        BadInput three = assertThrows(BadInput.class, () -> SparkTrainer.fit(Models.params("boosting", Map.of()), Load.dataset("iris"),
                "species", FitOptions.defaults()));
        assertTrue(three.getMessage().contains("two classes, and the target has 3"), three.getMessage());
    }

    @Test
    void aDatasetAndTheSameTableGiveTheSameModel() throws Exception {
        Table train = cancer.train();
        Dataset<Row> data = Spark.fromTable(spark, train);
        var params = Models.params("forest", Map.of("trees", "20"));
        Model fromTable = SparkTrainer.fit(params, train, "diagnosis", FitOptions.defaults().seed(7)).model();
        Model fromData = SparkTrainer.fit(params, data, "diagnosis", FitOptions.defaults().seed(7)).model();
        assertArrayEquals(fromTable.predict(cancer.test()).labels(), fromData.predict(cancer.test()).labels());
    }

    @Test
    void columnsNamedLikeMLlibsOwnStayTheUsers() throws Exception {
        Table train = cancer.train().copy(), test = cancer.test().copy();
        for (Table t : List.of(train, test)) {
            t.column("diagnosis").setName("label");
            t.column(1).setName("prediction");
            t.column(2).setName("features");
        }
        SparkModel model = (SparkModel) SparkTrainer.fit(Models.params("logistic", Map.of()), train, "label", FitOptions.defaults().seed(42)).model();
        Evaluation.Classification e = (Evaluation.Classification) Evaluation.of(model, test);
        assertTrue(e.accuracy() >= 0.95, "accuracy " + e.accuracy());
        Dataset<Row> out = model.transform(Spark.fromTable(spark, test));
        assertEquals(List.of(test.columnNames(), List.of("predicted_label")).stream().flatMap(List::stream).toList(), List.of(out.columns()));
    }

    @Test
    void aSampleIsDrawnFromTheWholeDataset() {
        Table t = Spark.sample(spark.range(0, 100_000, 1, 8).toDF("id"), 1000, 42, "ids");
        assertEquals(1000, t.rowCount());
        double mean = t.longColumn("id").mean(), max = t.longColumn("id").max();
        assertTrue(mean > 46_000 && mean < 54_000 && max > 98_000, "mean " + mean + ", max " + max); // uniform: 50,000 ± 900, max ~99,900
        assertEquals(t.longColumn("id").asList(), Spark.sample(spark.range(0, 100_000, 1, 8).toDF("id"), 1000, 42, "ids").longColumn("id").asList());
    }

    @Test
    void aQuerySparkCannotAnalyseIsTheUsersMistake() {
        Spark.fromTable(spark, Load.dataset("iris")).createOrReplaceTempView("iris");
        BadInput e = assertThrows(BadInput.class, () -> Spark.sql("SELECT sepal_lenght FROM iris"));
        assertTrue(e.getMessage().startsWith("Spark SQL: [UNRESOLVED_COLUMN.WITH_SUGGESTION]") && e.getMessage().contains("`sepal_length`")
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void exportedModelsPredictTheSameOnceRead(@TempDir Path dir) throws Exception {
        SparkModel model = (SparkModel) SparkTrainer.fit(Models.params("forest", Map.of("trees", "10")), cancer.train(), "diagnosis",
                FitOptions.defaults().seed(1)).model();
        model.write(dir.resolve("forest"));
        SparkModel again = SparkModel.read(dir.resolve("forest"));
        Prediction a = model.predict(cancer.test()), b = again.predict(cancer.test());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(model.features(), again.features());
        assertEquals(model.provenance().orElseThrow().seed(), again.provenance().orElseThrow().seed());
        assertTrue(SparkModel.isOne(dir.resolve("forest")));
    }

    @Test
    void crossValidationScoresEveryFoldAndRefitsTheBest() throws Exception {
        Tuning.Result r = SparkTuning.search(Models.params("tree", Map.of()), List.of(Tuning.Values.parse("max-depth=2,5")), cancer.train(),
                "diagnosis", TuneOptions.defaults().folds(3).seed(42));
        assertEquals(2, r.ranked().size());
        assertEquals(3, r.best().folds().length);
        assertTrue(r.best().mean() > 0.85, r.toTable().print());
        assertTrue(r.refit().model() instanceof SparkModel);
    }

    @Test
    void theStopSignalCancelsTheFitsJobs() throws Exception {
        long start = System.nanoTime();
        Dataset<Row> big = spark.range(0, 400_000, 1, 4).selectExpr("rand(1) AS a", "rand(2) AS b", "rand(3) AS c",
                "CAST(rand(4) > 0.5 AS INT) AS y");
        Fit fit = SparkTrainer.fit(Models.params("forest", Map.of("trees", "300", "max-depth", "15")), big, "y",
                FitOptions.defaults().stopWhen(() -> System.nanoTime() - start > 3_000_000_000L));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNull(fit.model());
        assertTrue(fit.history().ended().startsWith("interrupted"), fit.history().ended());
        assertTrue(seconds < 30, "stopped after " + seconds + " s");
        Thread.sleep(500);
        assertEquals(0, spark.sparkContext().statusTracker().getActiveJobIds().length);
    }
}
