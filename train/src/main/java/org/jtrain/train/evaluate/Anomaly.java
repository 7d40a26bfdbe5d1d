package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.train.plot.Plots;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well anomaly scores find rare positives. Accuracy misleads when positives are rare (flagging nothing is right for
 * every normal row), so the numbers are average precision (the area under the precision-recall curve; random scores get
 * the prevalence), ROC AUC, and precision and recall at an alert budget: the {@code budget} highest-scored rows are
 * flagged, as a team that can check that many alerts would.
 *
 * @param anomalies how many rows are anomalous
 * @param pr        precision against recall, null when the table holds no anomaly or nothing else
 * @param roc       true against false positive rate, null likewise
 * @param caught    anomalies among the flagged rows
 * @param threshold the score of the last row flagged: rows scored above it are flagged
 * @param scores    the rows' anomaly scores, higher for more anomalous
 * @param truth     the rows' labels, 1 for an anomaly
 */
public record Anomaly(int rows, int anomalies, Evaluation.Curve pr, Evaluation.Curve roc, int budget, int caught, double threshold,
                      double[] scores, int[] truth) implements Evaluation {

    /** Scores {@code scores} against {@code truth} (1 anomaly, 0 normal), flagging the {@code budget} highest; 0 flags 1% of the rows. */
    public static Anomaly of(int[] truth, double[] scores, int budget) {
        int n = truth.length, anomalies = (int) Arrays.stream(truth).filter(t -> t == 1).count();
        if (n == 0) throw new BadInput("The table has no rows to score.");
        if (budget > n) throw new BadInput("--budget must be at most the " + n + " rows of the table; got " + budget + ".");
        int flagged = budget == 0 ? Math.max(1, Math.round(n / 100f)) : budget;
        // highest score first, ties in row order, so that a budget always flags the same rows
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        int caught = 0;
        for (int i = 0; i < flagged; i++) caught += truth[order[i]];
        boolean both = anomalies > 0 && anomalies < n;
        return new Anomaly(n, anomalies, both ? Classification.pr(truth, scores) : null, both ? Classification.roc(truth, scores) : null,
                flagged, caught, scores[order[flagged - 1]], scores.clone(), truth.clone());
    }

    /** The share of rows that are anomalous: also the average precision of random scores. */
    public double prevalence() {
        return (double) anomalies / rows;
    }

    /** The area under the precision-recall curve (NaN when the table holds no anomaly or nothing else). */
    public double averagePrecision() {
        return pr == null ? Double.NaN : pr.area();
    }

    public double rocAuc() {
        return roc == null ? Double.NaN : roc.area();
    }

    /** Of the rows flagged, the share that are anomalies. */
    public double precision() {
        return (double) caught / budget;
    }

    /** Of the anomalies, the share flagged (NaN when there are none). */
    public double recall() {
        return anomalies == 0 ? Double.NaN : (double) caught / anomalies;
    }

    /** Accuracy when the budget's rows are flagged: the right flags plus the normal rows left alone. */
    public double accuracy() {
        int falseAlarms = budget - caught, missed = anomalies - caught;
        return (double) (rows - falseAlarms - missed) / rows;
    }

    /** Accuracy of a detector that flags nothing: every normal row is right. */
    public double accuracyFlaggingNothing() {
        return 1 - prevalence();
    }

    @Override
    public Table toTable() {
        StringColumn metric = StringColumn.create("metric", "rows", "anomalies", "prevalence", "average precision",
                "average precision of random scores", "ROC AUC", "alert budget (rows flagged)", "anomalies caught",
                "precision at the budget", "recall at the budget", "accuracy at the budget", "accuracy flagging nothing");
        DoubleColumn value = DoubleColumn.create("value", rows, anomalies, round(prevalence()), round(averagePrecision()),
                round(prevalence()), round(rocAuc()), budget, caught, round(precision()), round(recall()), round(accuracy()),
                round(accuracyFlaggingNothing()));
        return Table.create("evaluation", metric, value);
    }

    @Override
    public Figure chart(String title) {
        Figure f = Figure.grid(title, 1, 2);
        if (pr != null) {
            f.label(0, String.format("precision-recall (AP %.3f; random %.3f)", averagePrecision(), prevalence()), "recall", "precision")
                    .add(0, new Trace.XY("detector", Plots.thin(pr.x()), Plots.thin(pr.y()), Trace.Mode.LINES))
                    .add(0, new Trace.XY("random scores", new double[]{0, 1}, new double[]{prevalence(), prevalence()}, Trace.Mode.LINES))
                    .add(0, new Trace.XY("budget of " + budget, new double[]{recall()}, new double[]{precision()}, Trace.Mode.MARKERS));
        } else {
            f.label(0, "precision-recall: none, the table has " + (anomalies == 0 ? "no anomaly" : "only anomalies"), "recall", "precision");
        }
        f.label(1, "anomaly score by true label", "", "anomaly score");
        for (int label = 0; label <= 1; label++) {
            int l = label;
            double[] group = IntStream.range(0, rows).filter(i -> truth[i] == l).mapToDouble(i -> scores[i]).toArray();
            if (group.length > 0) f.add(1, Trace.Box.of(l == 1 ? "anomalous" : "normal", group));
        }
        return f;
    }

    @Override
    public String toString() {
        String s = String.format("prevalence %.4f (%d anomalies); ", prevalence(), anomalies);
        s += pr == null ? "average precision undefined (" + (anomalies == 0 ? "no anomaly" : "only anomalies") + " in the table)"
                : String.format("average precision %.4f (random scores: %.4f), ROC AUC %.4f", averagePrecision(), prevalence(), rocAuc());
        return s + String.format("; flagging the top %d: precision %.4f, recall %.4f, accuracy %.4f (flagging nothing: %.4f)",
                budget, precision(), recall(), accuracy(), accuracyFlaggingNothing());
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
    }
}
