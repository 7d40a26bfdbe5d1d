package org.jtrain.spark;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.jtrain.data.BadInput;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Task;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.Params;
import org.jtrain.train.tune.TuneOptions;
import org.jtrain.train.tune.Tuning;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cross-validation on Spark, as MLlib's CrossValidator does it: the rows dealt into k folds by a seeded random column,
 * every (candidate, fold) fit submitted at once from a pool of threads, so that the cluster's executors run the fits
 * side by side, and each fold scored by MLlib's evaluators where the data lives. Unlike CrossValidator it keeps every
 * fold's score, so that {@code %tune} shows their spread as it does for Smile.
 */
public final class SparkTuning {

    private SparkTuning() {
    }

    /** Searches on a Tablesaw table, converted to a dataset of the running session. */
    public static Tuning.Result search(Hyperparameters base, List<Tuning.Values> space, Table table, String target, TuneOptions options)
            throws Exception {
        return search(base, space, Spark.fromTable(Spark.session(), table), table.name(), target, options);
    }

    public static Tuning.Result search(Hyperparameters base, List<Tuning.Values> space, Dataset<Row> data, String target, TuneOptions options)
            throws Exception {
        return search(base, space, data, "the dataset", target, options);
    }

    /** The same, naming the dataset {@code name} in messages and in the refit model's provenance. */
    public static Tuning.Result search(Hyperparameters given, List<Tuning.Values> space, Dataset<Row> data, String name, String target,
                                TuneOptions options) throws Exception {
        MLlib.checkModel(given.model());
        Hyperparameters base = Params.smoke(given);
        List<Map<String, String>> candidates = Tuning.candidates(base, space, options.random(), options.seed());
        List<Hyperparameters> tried = candidates.stream().map(c -> Params.smoke((Hyperparameters) Params.apply((Record) base, c))).toList();
        SparkTrainer.Prepared d = SparkTrainer.prepare(base, data, name, target);
        Tuning.Metric metric = options.metric() != null ? options.metric() : d.task() == Task.CLASSIFICATION ? Tuning.Metric.ACCURACY : Tuning.Metric.R2;
        if (metric.task() != d.task()) {
            throw new BadInput("--metric " + metric.label() + " is for " + metric.task() + ", but this is " + d.task() + ". Metrics for it: "
                    + String.join(", ", Arrays.stream(Tuning.Metric.values()).filter(m -> m.task() == d.task()).map(Tuning.Metric::label).toList()) + ".");
        }
        int k = options.folds();
        if (k < 2 || k > d.rows()) throw new BadInput("--cv must be between 2 and the number of rows (" + d.rows() + "); got " + k + ".");
        for (Hyperparameters h : tried) MLlib.estimator(h, d.task(), d.features().size(), d.classes().size(), options.seed()); // refusals now

        Dataset<Row> folded = d.data().withColumn("jtrain_fold", functions.floor(functions.rand(options.seed()).multiply(k)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        int total = tried.size() * k;
        double[][] scores = new double[tried.size()][k];
        boolean[][] finished = new boolean[tried.size()][k];
        AtomicInteger done = new AtomicInteger();
        int[] shown = {-1};
        options.progress().fitted(0, total);
        try {
            SparkTrainer.jobs(folded.sparkSession(), "%tune " + base.model(), options.stop(), (stages, tasks, all) -> {
                if (done.get() != shown[0]) options.progress().fitted(shown[0] = done.get(), total);
            }, () -> {
                // the cache filled once, first: fits started together would each compute its blocks, and Spark warns
                // on stderr ("Block rdd_705_0 already exists on this machine") when a second copy arrives
                folded.count();
                // threads made here inherit the job group, so a cancel reaches every fit
                ExecutorService pool = Executors.newFixedThreadPool(Math.min(total, parallelism(folded)));
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int c = 0; c < tried.size(); c++) {
                        for (int f = 0; f < k; f++) {
                            final int cc = c, ff = f;
                            futures.add(pool.submit(() -> {
                                Dataset<Row> train = folded.filter(functions.col("jtrain_fold").notEqual(ff));
                                Dataset<Row> test = folded.filter(functions.col("jtrain_fold").equalTo(ff));
                                PipelineModel m = SparkTrainer.pipeline(tried.get(cc), d, options.seed()).fit(train);
                                scores[cc][ff] = score(metric, m.transform(test), d.classes().size());
                                finished[cc][ff] = true;
                                done.incrementAndGet();
                                return null;
                            }));
                        }
                    }
                    for (Future<?> future : futures) future.get();
                } finally {
                    pool.shutdownNow();
                }
                return Boolean.TRUE;
            });
        } finally {
            folded.unpersist();
        }
        options.progress().fitted(done.get(), total);
        boolean stopped = done.get() < total;
        List<Tuning.Candidate> ranked = new ArrayList<>();
        for (int c = 0; c < tried.size(); c++) {
            boolean all = true;
            for (boolean b : finished[c]) all &= b;
            if (all) ranked.add(new Tuning.Candidate(Collections.unmodifiableMap(new LinkedHashMap<>(candidates.get(c))), scores[c]));
        }
        Comparator<Tuning.Candidate> byMean = Comparator.comparingDouble(Tuning.Candidate::mean);
        ranked.sort(metric.higherIsBetter() ? byMean.reversed() : byMean);
        Fit refit = null;
        if (!stopped && !ranked.isEmpty() && options.refit()) {
            Hyperparameters best = tried.get(candidates.indexOf(ranked.getFirst().params()));
            refit = SparkTrainer.fit(best, data, name, target, FitOptions.defaults().seed(options.seed()).stopWhen(options.stop()));
        }
        return new Tuning.Result(base.model(), metric, k, List.copyOf(ranked), candidates.size(), stopped, refit);
    }

    /** As many fits at once as the executors have cores (at least 2), as CrossValidator's parallelism would be set. */
    private static int parallelism(Dataset<Row> data) {
        return Math.max(2, data.sparkSession().sparkContext().defaultParallelism());
    }

    /** A fold's score by MLlib's evaluators; macro F1 is the mean of each class's F1. */
    static double score(Tuning.Metric metric, Dataset<Row> predictions, int classes) {
        return switch (metric) {
            case ACCURACY -> new MulticlassClassificationEvaluator().setLabelCol(MLlib.LABEL).setPredictionCol(MLlib.PREDICTION).setMetricName("accuracy").evaluate(predictions);
            case F1 -> {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += new MulticlassClassificationEvaluator().setLabelCol(MLlib.LABEL).setPredictionCol(MLlib.PREDICTION).setMetricName("fMeasureByLabel").setMetricLabel(c)
                            .evaluate(predictions);
                }
                yield sum / classes;
            }
            case R2, RMSE, MAE -> new RegressionEvaluator().setLabelCol(MLlib.LABEL).setPredictionCol(MLlib.PREDICTION).setMetricName(metric.label()).evaluate(predictions);
        };
    }
}
