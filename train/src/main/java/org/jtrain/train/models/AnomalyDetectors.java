package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Anomaly;
import org.jtrain.train.evaluate.Evaluation;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anomaly detectors: an isolation forest (Smile) and a reconstruction-error autoencoder (DJL). Both are unsupervised:
 * they fit on the numeric columns of every training row and never read the target, which only marks the known
 * anomalies for validation and {@code %evaluate}. Labels of rare events are few and late in practice (a fraud is
 * known weeks after), and 1% of anomalies among the training rows barely changes what "normal" looks like.
 */
final class AnomalyDetectors {

    private AnomalyDetectors() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                ModelSpec.onTables("isolation-forest", "An isolation forest (Smile): rows that random cuts isolate quickly are anomalies",
                        Task.ANOMALY, ModelSpec.Engine.SMILE, Isolation.class, AnomalyDetectors::isolationForest),
                ModelSpec.onTables("autoencoder", "An autoencoder (DJL): rows it rebuilds badly through a narrow layer are anomalies",
                        Task.ANOMALY, ModelSpec.Engine.DJL, Autoencoder.class, Reconstruction::fit));
    }

    /** Trees are grown one by one, each from its own seed, so that the forest repeats under a seed and can stop between trees. */
    private static Model isolationForest(Isolation p, Table train, String target, Table val, Run run) {
        List<String> columns = columns(train, target, p.columns());
        String anomaly = labels(train, target, val);
        double[][] x = Encoded.matrix(train, columns);
        if (x.length < 2) throw new BadInput("The isolation forest needs at least 2 training rows; '" + train.name() + "' has " + x.length + ".");
        if (p.extensionLevel() >= columns.size()) {
            throw new BadInput("--extension-level must be below the " + columns.size() + " columns scored (0 to " + (columns.size() - 1)
                    + "); got " + p.extensionLevel() + ".");
        }
        int sample = Math.min(p.sampleSize(), x.length - 1);
        // Smile takes the sample as a share of the rows, below 1
        var options = new IsolationForest.Options(1, 0, (double) sample / x.length, p.extensionLevel());
        long[] seeds = Seeds.random(run.seed(), "isolation-forest").longs(p.trees()).toArray();
        IsolationTree[] trees = new IsolationTree[p.trees()];
        int grown = 0;
        run.start("isolation-forest", 1, p.trees());
        while (grown < p.trees() && !run.shouldStop()) {
            MathEx.setSeed(seeds[grown]); // one tree per fit runs on this thread, so this seed is the one it draws from
            trees[grown] = IsolationForest.fit(x, options).trees()[0];
            run.batch(1, ++grown, p.trees());
        }
        if (grown == 0) return null;
        // normalized by the sample size, as in Liu et al., so that scores near 0.5 are ordinary and near 1 isolated at once
        IsolationForest forest = new IsolationForest(sample, columns.size(), p.extensionLevel(), Arrays.copyOf(trees, grown));
        AnomalyModel model = new AnomalyModel("isolation-forest", p, columns, target, anomaly,
                grown + (grown == 1 ? " tree" : " trees") + " of " + sample + " rows", forest::score, true);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mean_score", Arrays.stream(forest.score(x)).average().orElse(0));
        metrics.putAll(validation(model, val));
        run.epoch(1, metrics);
        return model;
    }

    /**
     * The columns a detector scores: those named (comma-separated), or every numeric or boolean column but the target.
     * Each must exist and hold numbers.
     */
    static List<String> columns(Table t, String target, String names) {
        List<String> numeric = t.columnNames().stream().filter(c -> !c.equals(target))
                .filter(c -> t.column(c) instanceof NumericColumn<?> || t.column(c) instanceof BooleanColumn).toList();
        if (names.isBlank()) {
            if (numeric.isEmpty()) {
                throw new BadInput("Table '" + t.name() + "' has no numeric columns besides the target '" + target + "' to score; columns: "
                        + String.join(", ", t.columnNames()) + ". Anomaly detectors read numbers: encode text first (%data clean "
                        + t.name() + " --encode onehot).");
            }
            return numeric;
        }
        List<String> chosen = Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        for (String c : chosen) {
            Tables.column(t, c);
            if (c.equals(target) || !numeric.contains(c)) {
                throw new BadInput("--columns: '" + c + "' of '" + t.name() + "' cannot be scored: " + (c.equals(target)
                        ? "it is the target, which the detector must not read" : "it is " + t.column(c).type().name().toLowerCase() + ", not numbers")
                        + ". Numeric columns: " + String.join(", ", numeric) + ".", Suggest.closest(c, numeric).orElse(null));
            }
        }
        return chosen;
    }

    /** The target's value that marks an anomaly, with the validation table's target checked too, before any fitting. */
    static String labels(Table train, String target, Table val) {
        String anomaly = AnomalyModel.anomalyValue(train, target);
        if (val != null) AnomalyModel.truth(val, target, anomaly);
        return anomaly;
    }

    /** How well the scores find the validation table's known anomalies, when it holds some and normal rows too. */
    static Map<String, Double> validation(AnomalyModel model, Table val) {
        if (val == null) return Map.of();
        Anomaly a = model.evaluate(val, Evaluation.Options.defaults());
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (a.pr() == null) return metrics;
        metrics.put("val_average_precision", a.averagePrecision());
        metrics.put("val_roc_auc", a.rocAuc());
        return metrics;
    }
}
