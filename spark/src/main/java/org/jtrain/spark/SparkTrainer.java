package org.jtrain.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import org.jtrain.train.Encoded;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Metrics;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Provenance;
import org.jtrain.train.Run;
import org.jtrain.train.Task;
import org.jtrain.train.Trainer;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.ModelSpec;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Params;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Fits jtrain's models with MLlib on a Spark dataset, through the same training run as Smile's fits: the listeners see
 * Spark's stages and tasks as they finish, then the iterations MLlib recorded; the stop signal cancels the fit's jobs.
 * <pre>{@code Fit fit = SparkTrainer.fit(Forest.params().trees(50), flights, "delayed", FitOptions.defaults());}</pre>
 */
public final class SparkTrainer {

    private SparkTrainer() {
    }

    /** Fits on a Tablesaw table, converted to a dataset of the running session. */
    public static Fit fit(Hyperparameters params, Table table, String target, FitOptions options) throws Exception {
        Tables.column(table, target);
        return fit(params, Spark.fromTable(Spark.session(), table), table.name(), target, options);
    }

    /** Fits on every column of {@code data} but {@code target}, which must all hold numbers. */
    public static Fit fit(Hyperparameters params, Dataset<Row> data, String target, FitOptions options) throws Exception {
        return fit(params, data, "the dataset", target, options);
    }

    /** The same, naming the dataset {@code name} in messages and in the model's provenance. */
    public static Fit fit(Hyperparameters given, Dataset<Row> data, String name, String target, FitOptions options) throws Exception {
        MLlib.checkModel(given.model());
        Hyperparameters params = Params.smoke(given);
        Prepared d = prepare(params, data, name, target);
        Fit fit = Trainer.run(options, run -> {
            run.start(params.model() + " (Spark)", MLlib.iterations(params), 0);
            PipelineModel pipeline = jobs(d.data.sparkSession(), "%train " + params.model(), run::shouldStop, run::tasks,
                    () -> pipeline(params, d, options.seed()).fit(d.data));
            if (pipeline == null) return null;
            SparkModel model = new SparkModel(params, d.task, d.features, target, d.classes, pipeline, null);
            record(run, model, d, options.validation());
            return model;
        });
        if (fit.model() == null) return fit;
        Provenance p = new Provenance(name, (int) Math.min(Integer.MAX_VALUE, d.rows), "not hashed", options.seed(), fit.history().ended(),
                fit.history().last(), Instant.now());
        return new Fit(((SparkModel) fit.model()).withProvenance(p), fit.history(), false);
    }

    /** A dataset ready for MLlib: checked, its task decided, classes indexed into column {@value MLlib#LABEL}. */
    record Prepared(Dataset<Row> data, Task task, List<String> features, List<String> classes, long rows) {
    }

    static Prepared prepare(Hyperparameters params, Dataset<Row> data, String name, String target) {
        List<String> columns = List.of(data.columns());
        if (!columns.contains(target)) {
            throw new BadInput("No column '" + target + "' in " + name + ". Columns: " + String.join(", ", columns) + ".",
                    Suggest.closest(target, columns).orElse(null));
        }
        List<String> features = new ArrayList<>();
        for (StructField f : data.schema().fields()) {
            if (f.name().equals(target)) continue;
            if (!(f.dataType() instanceof NumericType) && !(f.dataType() instanceof BooleanType)) {
                throw new BadInput("Column '" + f.name() + "' of " + name + " holds " + f.dataType().simpleString() + "; MLlib's models "
                        + "take numbers. Drop it (data.drop(\"" + f.name() + "\")) or turn it into numbers before training.");
            }
            features.add(f.name());
        }
        if (features.isEmpty()) throw new BadInput(name + " has no column to learn from besides '" + target + "'.");
        Row counts = data.agg(functions.count(functions.lit(1)), functions.count(functions.col(target))).first();
        long rows = counts.getLong(0), missing = rows - counts.getLong(1);
        if (missing > 0) {
            throw new BadInput("The target '" + target + "' of " + name + " has no value in " + missing + " rows; drop them first "
                    + "(data.na().drop(new String[]{\"" + target + "\"})).");
        }
        Task task = task(params, data, target, name);
        Dataset<Row> cast = data;
        for (String f : features) cast = cast.withColumn(f, functions.col(f).cast(DataTypes.DoubleType));
        List<String> classes = List.of();
        if (task == Task.CLASSIFICATION) {
            StringIndexerModel indexer = new StringIndexer().setInputCol(target).setOutputCol(MLlib.LABEL)
                    .setStringOrderType("alphabetAsc").fit(cast);
            classes = List.of(indexer.labelsArray()[0]);
            if (classes.size() < 2) {
                throw new BadInput("The target '" + target + "' has " + classes.size() + " class (" + String.join(", ", classes)
                        + "); a classifier needs at least two. Is it the right column?");
            }
            cast = indexer.transform(cast);
        } else {
            cast = cast.withColumn(MLlib.LABEL, functions.col(target).cast(DataTypes.DoubleType));
        }
        return new Prepared(cast, task, List.copyOf(features), classes, rows);
    }

    /** Classes for text and booleans, and for integers with few values; otherwise numbers. */
    private static Task task(Hyperparameters params, Dataset<Row> data, String target, String name) {
        DataType type = data.schema().apply(target).dataType();
        boolean integral = type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType);
        Task natural = !(type instanceof NumericType) ? Task.CLASSIFICATION
                : integral && data.select(target).distinct().limit(Tables.MAX_CLASSES + 1).count() <= Tables.MAX_CLASSES ? Task.CLASSIFICATION
                : Task.REGRESSION;
        ModelSpec<?> spec = Models.find(params.model()).orElseThrow();
        if (spec.task() == Task.CLASSIFICATION && natural == Task.REGRESSION) {
            throw new BadInput("'" + params.model() + "' is a classifier, but the target '" + target + "' of " + name
                    + " holds numbers. For numbers use a regression model: " + String.join(", ", Models.names(Task.REGRESSION).stream()
                    .filter(MLlib.MODELS::contains).toList()) + ".");
        }
        return spec.task() != null ? spec.task() : natural;
    }

    /** Assembler, scaler where the model needs one, and the estimator. */
    static Pipeline pipeline(Hyperparameters params, Prepared d, long seed) {
        List<PipelineStage> stages = new ArrayList<>();
        stages.add(new VectorAssembler().setInputCols(d.features.toArray(String[]::new)).setOutputCol(MLlib.FEATURES).setHandleInvalid("error"));
        Estimator<?> estimator = MLlib.estimator(params, d.task, d.features.size(), d.classes.size(), seed);
        if (MLlib.scaled(params)) {
            stages.add(new StandardScaler().setInputCol(MLlib.FEATURES).setOutputCol(MLlib.SCALED).setWithMean(true));
            estimator.set(estimator.getParam("featuresCol"), MLlib.SCALED);
        }
        stages.add(estimator);
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    /** The iterations MLlib recorded, as epochs, and the validation table's metrics on the last. */
    private static void record(Run run, SparkModel model, Prepared d, Table val) {
        double[] losses = losses(model, d);
        Map<String, Double> valMetrics = Map.of();
        if (val != null) {
            Encoded truth = Encoded.targets(val, model);
            valMetrics = Metrics.of(model.predict(val), truth, "val_");
        }
        for (int i = 0; i < losses.length; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", losses[i]);
            if (i == losses.length - 1) m.putAll(valMetrics);
            run.epoch(i + 1, m);
        }
        if (losses.length == 0) run.epoch(1, valMetrics);
    }

    /** The objective at each iteration, for the models that keep it; empty for one-step fits. */
    private static double[] losses(SparkModel model, Prepared d) {
        Transformer m = model.mllib();
        return switch (m) {
            case LogisticRegressionModel l when l.hasSummary() -> l.summary().objectiveHistory();
            case LinearRegressionModel l when l.hasSummary() && l.summary().totalIterations() > 0 -> l.summary().objectiveHistory();
            case MultilayerPerceptronClassificationModel p when p.hasSummary() -> p.summary().objectiveHistory();
            case GBTClassificationModel g -> g.evaluateEachIteration(features(model, d));
            case GBTRegressionModel g -> g.evaluateEachIteration(features(model, d), "squared");
            default -> new double[0];
        };
    }

    private static Dataset<Row> features(SparkModel model, Prepared d) {
        Transformer[] stages = model.pipeline().stages();
        return new PipelineModel(UUID.randomUUID().toString(), Arrays.copyOf(stages, stages.length - 1)).transform(d.data);
    }

    /** Scores a model on a dataset that holds its target: the reports and charts of a Smile model's evaluation. */
    public static Evaluation evaluate(SparkModel model, Dataset<Row> data) {
        model.checkColumns(data);
        List<String> columns = List.of(data.columns());
        if (!columns.contains(model.target())) {
            throw new BadInput("The dataset lacks the target '" + model.target() + "' to score against. Columns: " + String.join(", ", columns) + ".");
        }
        Dataset<Row> kept = data.filter(functions.col(model.target()).isNotNull());
        Prediction p = model.predict(kept);
        List<Row> truth = kept.select(model.target()).collectAsList();
        if (model.task() == Task.REGRESSION) {
            return Evaluation.Regression.of(truth.stream().mapToDouble(r -> ((Number) r.get(0)).doubleValue()).toArray(), p.values());
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < model.classes().size(); i++) index.put(model.classes().get(i), i);
        int[] labels = new int[truth.size()];
        for (int i = 0; i < labels.length; i++) {
            String c = String.valueOf(truth.get(i).get(0));
            Integer k = index.get(c);
            if (k == null) {
                throw new BadInput("Row " + i + " has class '" + c + "' in '" + model.target() + "', which the model never saw. Its classes: "
                        + String.join(", ", model.classes()) + ".");
            }
            labels[i] = k;
        }
        return Evaluation.Classification.of(model.classes(), labels, p);
    }

    /** Reports Spark's progress: stages finished, tasks done of those known. */
    @FunctionalInterface
    interface Tasks {
        void update(int stages, int done, int total);
    }

    /**
     * Runs {@code work} (which submits Spark jobs) on a thread of its own under a job group, reporting the group's
     * progress every 200 ms; once {@code stop} says so, cancels the group's jobs until {@code work} gives up, and returns
     * null. Spark's jobs listen to the group's cancellation, not to a Java interrupt.
     */
    static <T> T jobs(SparkSession spark, String description, BooleanSupplier stop, Tasks progress, Callable<T> work) throws Exception {
        SparkContext sc = spark.sparkContext();
        String group = "jtrain-" + UUID.randomUUID();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jtrain-spark-fit");
            t.setDaemon(true);
            t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            return t;
        });
        try {
            Future<T> result = thread.submit(() -> {
                sc.setJobGroup(group, description, true);
                try {
                    return work.call();
                } finally {
                    sc.clearJobGroup();
                }
            });
            boolean cancelled = false;
            while (true) {
                try {
                    T value = result.get(200, TimeUnit.MILLISECONDS);
                    settle(sc);
                    report(sc, group, progress);
                    return cancelled ? null : value;
                } catch (java.util.concurrent.TimeoutException e) {
                    report(sc, group, progress);
                    if (stop.getAsBoolean() || cancelled) {
                        cancelled = true;
                        sc.cancelJobGroup(group);
                    }
                } catch (ExecutionException e) {
                    if (cancelled) return null;
                    throw unwrap(e.getCause());
                }
            }
        } finally {
            thread.shutdown();
        }
    }

    /**
     * Waits (5 s at most) until Spark's listeners have taken in every event of the work: its status tracker is filled on
     * their thread, so read at once the last line could miss the final stage ("tasks 8/9" for a finished fit).
     */
    private static void settle(SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(5000);
        } catch (java.util.concurrent.TimeoutException e) {
            // the fit is done all the same; only its last progress line may fall short
        }
    }

    private static void report(SparkContext sc, String group, Tasks progress) {
        int stages = 0, done = 0, total = 0;
        for (int job : sc.statusTracker().getJobIdsForGroup(group)) {
            SparkJobInfo info = sc.statusTracker().getJobInfo(job).getOrElse(() -> null);
            if (info == null) continue;
            for (int stage : info.stageIds()) {
                SparkStageInfo s = sc.statusTracker().getStageInfo(stage).getOrElse(() -> null);
                if (s == null) continue;
                total += s.numTasks();
                done += s.numCompletedTasks();
                if (s.numTasks() > 0 && s.numCompletedTasks() == s.numTasks()) stages++;
            }
        }
        progress.update(stages, done, total);
    }

    /** A Spark failure caused by the data (a null feature) as the one line a user needs; anything else as it is. */
    static Exception unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("Encountered null while assembling a row") || m.contains("Encountered NaN while assembling a row")) {
                return new BadInput("A feature holds missing values (null or NaN); MLlib's models cannot take them. Drop those rows "
                        + "(data.na().drop()) or fill them (data.na().fill(0)) before training.");
            }
        }
        return t instanceof Exception e ? e : new RuntimeException(t);
    }
}
