package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;
import org.jtrain.train.plot.Plots;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well a model does on a table it was not trained on: the numbers behind {@code %evaluate}. Classes and numbers are
 * scored here; a model of another task (forecasts, recommendations, language, anomalies) {@link ScoresItself}.
 */
public interface Evaluation {

    /** The metrics as a table, for display and for comparing models. */
    Table toTable();

    /** The charts: confusion matrix and ROC/PR curves for classes; residuals and predicted against actual for numbers. */
    Figure chart(String title);

    /** How many rows were scored. */
    int rows();

    /**
     * What {@code %evaluate} can be asked beyond the model and the table: the k of precision@k, recall@k and NDCG@k;
     * the alert budget (rows flagged) of an anomaly detector, 0 for 1% of the rows; rolling-origin backtest folds of a
     * forecast, 0 for none.
     */
    record Options(int k, int budget, int backtest) {
        public static Options defaults() {
            return new Options(10, 0, 0);
        }
    }

    /** A model whose task has metrics of its own, so that it scores itself. */
    interface ScoresItself {
        Evaluation evaluate(Table table, Options options);
    }

    /** Scores {@code model} on {@code table}, which must have the model's features and target. */
    static Evaluation of(Model model, Table table) {
        return of(model, table, Options.defaults());
    }

    /** Scores {@code model} on {@code table} with the given options. */
    static Evaluation of(Model model, Table table, Options options) {
        if (model instanceof ScoresItself s) return s.evaluate(table, options);
        Encoded truth = Encoded.targets(table, model);
        Prediction p = model.predict(table);
        return model.task() == Task.CLASSIFICATION ? Classification.of(model.classes(), truth.labels(), p)
                : Regression.of(truth.values(), p.values());
    }

    /** A curve with its area: ROC (x = false positive rate, y = true positive rate) or PR (x = recall, y = precision). */
    record Curve(double[] x, double[] y, double area) {
    }

    /**
     * Per-class precision, recall, F1 and support, their macro and weighted averages, the confusion matrix
     * (rows: true class, columns: predicted), and for two classes with probabilities, ROC and PR curves.
     */
    record Classification(List<String> classes, int[][] confusion, double accuracy, double[] precision, double[] recall,
                          double[] f1, int[] support, Curve roc, Curve pr) implements Evaluation {

        public static Classification of(List<String> classes, int[] truth, Prediction p) {
            int k = classes.size();
            int[][] cm = new int[k][k];
            for (int i = 0; i < truth.length; i++) cm[truth[i]][p.labels()[i]]++;
            double[] precision = new double[k], recall = new double[k], f1 = new double[k];
            int[] support = new int[k];
            int right = 0;
            for (int c = 0; c < k; c++) {
                int tp = cm[c][c], predicted = 0;
                for (int r = 0; r < k; r++) predicted += cm[r][c];
                support[c] = Arrays.stream(cm[c]).sum();
                precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
                recall[c] = support[c] == 0 ? 0 : (double) tp / support[c];
                f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
                right += tp;
            }
            Curve roc = null, pr = null;
            if (k == 2 && p.probabilities() != null) {
                double[] score = Arrays.stream(p.probabilities()).mapToDouble(row -> row[1]).toArray();
                roc = roc(truth, score);
                pr = pr(truth, score);
            }
            return new Classification(classes, cm, (double) right / truth.length, precision, recall, f1, support, roc, pr);
        }

        public double macro(double[] perClass) {
            return Arrays.stream(perClass).average().orElse(0);
        }

        public double weighted(double[] perClass) {
            double total = Arrays.stream(support).sum(), sum = 0;
            for (int c = 0; c < perClass.length; c++) sum += perClass[c] * support[c];
            return total == 0 ? 0 : sum / total;
        }

        @Override
        public int rows() {
            return Arrays.stream(support).sum();
        }

        @Override
        public Table toTable() {
            StringColumn name = StringColumn.create("class");
            DoubleColumn p = DoubleColumn.create("precision"), r = DoubleColumn.create("recall"), f = DoubleColumn.create("f1");
            IntColumn s = IntColumn.create("support");
            for (int c = 0; c < classes.size(); c++) {
                name.append(classes.get(c));
                p.append(round(precision[c]));
                r.append(round(recall[c]));
                f.append(round(f1[c]));
                s.append(support[c]);
            }
            int total = Arrays.stream(support).sum();
            name.append("macro avg").append("weighted avg");
            p.append(round(macro(precision))).append(round(weighted(precision)));
            r.append(round(macro(recall))).append(round(weighted(recall)));
            f.append(round(macro(f1))).append(round(weighted(f1)));
            s.append(total).append(total);
            return Table.create("evaluation", name, p, r, f, s);
        }

        @Override
        public Figure chart(String title) {
            boolean curves = roc != null;
            Figure f = Figure.grid(title, 1, curves ? 3 : 1);
            double[][] z = Arrays.stream(confusion).map(row -> Arrays.stream(row).asDoubleStream().toArray()).toArray(double[][]::new);
            f.label(0, "confusion matrix", "predicted", "true").add(0, new Trace.Heatmap("count", z, classes, classes, classes.size() <= 20));
            if (curves) {
                f.label(1, String.format("ROC (AUC %.3f)", roc.area()), "false positive rate", "true positive rate")
                        .add(1, new Trace.XY("ROC", Plots.thin(roc.x()), Plots.thin(roc.y()), Trace.Mode.LINES))
                        .add(1, new Trace.XY("chance", new double[]{0, 1}, new double[]{0, 1}, Trace.Mode.LINES));
                f.label(2, String.format("precision-recall (AP %.3f)", pr.area()), "recall", "precision")
                        .add(2, new Trace.XY("PR", Plots.thin(pr.x()), Plots.thin(pr.y()), Trace.Mode.LINES));
            }
            return f;
        }

        @Override
        public String toString() {
            String s = String.format("accuracy %.4f, macro F1 %.4f", accuracy, macro(f1));
            if (roc != null) s += String.format(", ROC AUC %.4f, PR AUC %.4f", roc.area(), pr.area());
            return s;
        }

        /** The ROC curve of scores for truths 0/1, ties taken together; also what {@link Anomaly} draws. */
        static Curve roc(int[] truth, double[] score) {
            Integer[] order = order(score);
            int pos = (int) Arrays.stream(truth).filter(t -> t == 1).count(), neg = truth.length - pos;
            double[] x = new double[truth.length + 1], y = new double[truth.length + 1];
            int tp = 0, fp = 0, n = 1;
            for (int i = 0; i < order.length; i++) {
                if (truth[order[i]] == 1) tp++;
                else fp++;
                boolean tie = i + 1 < order.length && score[order[i + 1]] == score[order[i]];
                if (!tie) {
                    x[n] = neg == 0 ? 0 : (double) fp / neg;
                    y[n] = pos == 0 ? 0 : (double) tp / pos;
                    n++;
                }
            }
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            double area = 0;
            for (int i = 1; i < n; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
            return new Curve(x, y, area);
        }

        /** Precision against recall; its area is average precision (steps, not interpolation). */
        static Curve pr(int[] truth, double[] score) {
            Integer[] order = order(score);
            int pos = (int) Arrays.stream(truth).filter(t -> t == 1).count();
            double[] x = new double[truth.length + 1], y = new double[truth.length + 1];
            y[0] = 1;
            int tp = 0, n = 1;
            double area = 0;
            for (int i = 0; i < order.length; i++) {
                if (truth[order[i]] == 1) tp++;
                boolean tie = i + 1 < order.length && score[order[i + 1]] == score[order[i]];
                if (!tie) {
                    x[n] = pos == 0 ? 0 : (double) tp / pos;
                    y[n] = (double) tp / (i + 1);
                    area += (x[n] - x[n - 1]) * y[n];
                    n++;
                }
            }
            return new Curve(Arrays.copyOf(x, n), Arrays.copyOf(y, n), area);
        }

        private static Integer[] order(double[] score) {
            Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
            return order;
        }
    }

    /** MSE, RMSE, MAE and R², with the values behind the residual plots. */
    record Regression(double mse, double rmse, double mae, double r2, double[] actual, double[] predicted) implements Evaluation {

        public static Regression of(double[] actual, double[] predicted) {
            double mean = Arrays.stream(actual).average().orElse(0), se = 0, ae = 0, tot = 0;
            for (int i = 0; i < actual.length; i++) {
                double e = predicted[i] - actual[i];
                se += e * e;
                ae += Math.abs(e);
                tot += (actual[i] - mean) * (actual[i] - mean);
            }
            int n = actual.length;
            return new Regression(se / n, Math.sqrt(se / n), ae / n, tot == 0 ? 0 : 1 - se / tot, actual, predicted);
        }

        @Override
        public int rows() {
            return actual.length;
        }

        @Override
        public Table toTable() {
            return Table.create("evaluation", StringColumn.create("metric", "MSE", "RMSE", "MAE", "R²"),
                    DoubleColumn.create("value", round(mse), round(rmse), round(mae), round(r2)));
        }

        @Override
        public Figure chart(String title) {
            double[] actual = Plots.thin(this.actual), predicted = Plots.thin(this.predicted);
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

        @Override
        public String toString() {
            return String.format("MSE %.4g, RMSE %.4g, MAE %.4g, R² %.4f", mse, rmse, mae, r2);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
