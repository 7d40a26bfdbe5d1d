package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Anomaly;
import org.jtrain.train.evaluate.Evaluation;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fitted anomaly detector: an anomaly score for every row (higher is more unusual), read from the numeric
 * {@code features} only. The {@code target} marks the known anomalies; the detector never learned from it, and
 * {@code %evaluate} compares the scores with it.
 *
 * @param anomaly the target's value that marks an anomaly: 1 for numbers, true for booleans, the rarer of two texts
 * @param detail  what was fitted, for {@link #toString()}: the trees, or the layers
 */
public record AnomalyModel(String kind, Hyperparameters params, List<String> features, String target, String anomaly, String detail,
                           Scorer scorer, boolean concurrentPredictions) implements Model, Evaluation.ScoresItself {

    /** Anomaly scores of rows of features, one per row. */
    @FunctionalInterface
    public interface Scorer {
        double[] score(double[][] x);
    }

    @Override
    public Task task() {
        return Task.ANOMALY;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    /** The anomaly scores, as numbers. */
    @Override
    public Prediction predict(Table table) {
        return Prediction.numbers(scores(table));
    }

    /** Each row's anomaly score: higher is more unusual. */
    public double[] scores(Table table) {
        return scorer.score(Encoded.matrix(table, features));
    }

    /** The score above which a row is among the {@code budget} most unusual of {@code table}: flag rows scored at least this. */
    public double threshold(Table table, int budget) {
        double[] s = scores(table);
        if (budget < 1 || budget > s.length) throw new BadInput("The budget must be from 1 to the " + s.length + " rows of '" + table.name() + "'; got " + budget + ".");
        Arrays.sort(s);
        return s[s.length - budget];
    }

    /** Scores {@code table}, which must hold the target: average precision, ROC AUC, and precision and recall at the budget. */
    @Override
    public Anomaly evaluate(Table table, Evaluation.Options options) {
        int[] truth = truth(table, target, anomaly);
        return Anomaly.of(truth, scores(table), options.budget());
    }

    @Override
    public String toString() {
        return kind + " (anomaly, " + detail + "; scores " + String.join(", ", features) + " and never read '" + target + "'"
                + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }

    /**
     * The value of {@code target} that marks an anomaly in a training table: 1 (numbers 0/1), true (booleans), or the
     * rarer of two texts. Anything else is refused, naming a column that could be meant.
     */
    static String anomalyValue(Table t, String target) {
        Column<?> y = Tables.column(t, target);
        if (y instanceof BooleanColumn) return "true";
        if (y instanceof NumericColumn<?>) {
            truth(t, target, "1");
            return "1";
        }
        Map<String, Integer> counts = Tables.counts(y);
        if (counts.size() == 2 && y.countMissing() == 0) return counts.keySet().stream().toList().get(1);
        throw notLabels(t, y, counts.size() + " distinct values" + (counts.size() == 1 ? " (only '" + counts.keySet().iterator().next()
                + "', so which marks an anomaly cannot be told)" : ""));
    }

    /** 1 for each row of {@code t} whose target is {@code anomaly}, 0 for the others. */
    static int[] truth(Table t, String target, String anomaly) {
        Column<?> y = Tables.column(t, target);
        int[] out = new int[t.rowCount()];
        for (int r = 0; r < out.length; r++) {
            if (y.isMissing(r)) throw notLabels(t, y, y.countMissing() + " missing values");
            if (y instanceof NumericColumn<?> n) {
                double v = n.getDouble(r);
                if (v != 0 && v != 1) throw notLabels(t, y, "the value " + Params.plain(v) + " in row " + r);
                out[r] = (int) v;
            } else if (y instanceof BooleanColumn b) {
                out[r] = b.get(r) ? 1 : 0;
            } else {
                out[r] = y.getString(r).equals(anomaly) ? 1 : 0;
            }
        }
        if (!(y instanceof NumericColumn<?>) && !(y instanceof BooleanColumn) && Tables.counts(y).size() > 2) {
            throw notLabels(t, y, Tables.counts(y).size() + " distinct values");
        }
        return out;
    }

    private static BadInput notLabels(Table t, Column<?> y, String got) {
        // anomalies are rare: the 0/1 column with the fewest 1s is the likeliest meant
        String likely = t.columns().stream().filter(c -> c != y && c instanceof NumericColumn<?> && binary(c))
                .min(java.util.Comparator.comparingDouble(c -> ((NumericColumn<?>) c).sum())).map(Column::name).orElse(null);
        return new BadInput("The target '" + y.name() + "' of '" + t.name() + "' must mark the known anomalies: 0/1 (1 = anomaly), "
                + "true/false, or two texts (the rarer is the anomaly); it has " + got + ". The detector does not learn from it; "
                + "%evaluate compares its scores with it.", likely);
    }

    private static boolean binary(Column<?> c) {
        return c instanceof NumericColumn<?> n && c.countMissing() == 0 && c.size() > 0
                && Arrays.stream(n.asDoubleArray()).allMatch(v -> v == 0 || v == 1);
    }
}
