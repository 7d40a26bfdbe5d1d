package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.Evaluation;

import java.util.Arrays;

/** The charts of an evaluation: confusion matrix and ROC/PR curves for classes; residuals and fit for numbers. */
final class EvaluationCharts {

    /** Scatter plots keep at most this many points, so that a figure stays small in the notebook. */
    static final int MAX_POINTS = 2000;

    private EvaluationCharts() {
    }

    static Figure of(Evaluation e, String title) {
        return switch (e) {
            case Evaluation.Classification c -> classification(c, title);
            case Evaluation.Regression r -> regression(r, title);
        };
    }

    private static Figure classification(Evaluation.Classification c, String title) {
        boolean curves = c.roc() != null;
        Figure f = Figure.grid(title, 1, curves ? 3 : 1);
        double[][] z = Arrays.stream(c.confusion()).map(row -> Arrays.stream(row).asDoubleStream().toArray()).toArray(double[][]::new);
        f.label(0, "confusion matrix", "predicted", "true")
                .add(0, new Trace.Heatmap("count", z, c.classes(), c.classes(), c.classes().size() <= 20));
        if (curves) {
            f.label(1, String.format("ROC (AUC %.3f)", c.roc().area()), "false positive rate", "true positive rate")
                    .add(1, new Trace.XY("ROC", thin(c.roc().x()), thin(c.roc().y()), Trace.Mode.LINES))
                    .add(1, new Trace.XY("chance", new double[]{0, 1}, new double[]{0, 1}, Trace.Mode.LINES));
            f.label(2, String.format("precision-recall (AP %.3f)", c.pr().area()), "recall", "precision")
                    .add(2, new Trace.XY("PR", thin(c.pr().x()), thin(c.pr().y()), Trace.Mode.LINES));
        }
        return f;
    }

    private static Figure regression(Evaluation.Regression r, String title) {
        double[] actual = thin(r.actual()), predicted = thin(r.predicted());
        double[] residual = new double[actual.length];
        for (int i = 0; i < actual.length; i++) residual[i] = actual[i] - predicted[i];
        double lo = Math.min(Arrays.stream(actual).min().orElse(0), Arrays.stream(predicted).min().orElse(0));
        double hi = Math.max(Arrays.stream(actual).max().orElse(1), Arrays.stream(predicted).max().orElse(1));
        double pmin = Arrays.stream(predicted).min().orElse(0), pmax = Arrays.stream(predicted).max().orElse(1);
        return Figure.grid(title, 1, 2)
                .label(0, "residuals", "predicted", "actual − predicted")
                .add(0, new Trace.XY("residual", predicted, residual, Trace.Mode.MARKERS))
                .add(0, new Trace.XY("zero", new double[]{pmin, pmax}, new double[]{0, 0}, Trace.Mode.LINES))
                .label(1, "predicted vs actual", "actual", "predicted")
                .add(1, new Trace.XY("rows", actual, predicted, Trace.Mode.MARKERS))
                .add(1, new Trace.XY("perfect", new double[]{lo, hi}, new double[]{lo, hi}, Trace.Mode.LINES));
    }

    /** Every k-th value so that at most {@link #MAX_POINTS} remain; same k for x and y keeps pairs together. */
    static double[] thin(double[] v) {
        if (v.length <= MAX_POINTS) return v;
        int step = (v.length + MAX_POINTS - 1) / MAX_POINTS;
        double[] out = new double[(v.length + step - 1) / step];
        for (int i = 0; i < out.length; i++) out[i] = v[i * step];
        return out;
    }
}
