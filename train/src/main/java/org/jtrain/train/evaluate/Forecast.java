package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.models.Series;
import org.jtrain.train.plot.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A forecast scored on a stretch of time: MAE, RMSE, MAPE and sMAPE of the model and of the seasonal-naive baseline on
 * the same rows, each forecast made {@code horizon} steps ahead; and the chart of forecast, baseline and actual values.
 *
 * @param model    the model's name, e.g. {@code forecaster}
 * @param season   the baseline's season, in steps
 * @param times    the rows' times, in order
 * @param forecast the model's forecasts; {@code baseline} the seasonal-naive ones
 */
public record Forecast(String model, int horizon, int season, LocalDateTime[] times, double[] actual, double[] forecast, double[] baseline,
                       Errors errors, Errors baselineErrors) implements Evaluation {

    /** Scores {@code forecast} and {@code baseline} against {@code actual}. */
    public static Forecast of(String model, int horizon, int season, LocalDateTime[] times, double[] actual, double[] forecast, double[] baseline) {
        return new Forecast(model, horizon, season, times, actual, forecast, baseline, Errors.of(actual, forecast), Errors.of(actual, baseline));
    }

    /**
     * Forecast errors. MAPE is the mean of |error| / |actual| in percent, over rows whose actual value is not 0; sMAPE
     * the mean of 2 |error| / (|actual| + |forecast|), in percent, which treats over- and under-forecasts alike.
     */
    public record Errors(double mae, double rmse, double mape, double smape) {

        public static Errors of(double[] actual, double[] forecast) {
            double ae = 0, se = 0, ape = 0, sape = 0;
            int nonzero = 0;
            for (int i = 0; i < actual.length; i++) {
                double e = Math.abs(forecast[i] - actual[i]);
                ae += e;
                se += e * e;
                if (actual[i] != 0) {
                    ape += e / Math.abs(actual[i]);
                    nonzero++;
                }
                double scale = Math.abs(actual[i]) + Math.abs(forecast[i]);
                sape += scale == 0 ? 0 : 2 * e / scale;
            }
            int n = Math.max(1, actual.length);
            return new Errors(ae / n, Math.sqrt(se / n), nonzero == 0 ? Double.NaN : 100 * ape / nonzero, 100 * sape / n);
        }

        @Override
        public String toString() {
            return String.format("MAE %.4g, RMSE %.4g, MAPE %.2f%%, sMAPE %.2f%%", mae, rmse, mape, smape);
        }
    }

    /** Whether the model is the baseline itself, so that there is one forecast to show. */
    public boolean isBaseline() {
        return model.equals("seasonal-naive");
    }

    /** How much lower the model's MAE is than the baseline's, in percent (negative: higher). */
    public double maeGain() {
        return 100 * (1 - errors.mae() / baselineErrors.mae());
    }

    @Override
    public int rows() {
        return actual.length;
    }

    @Override
    public Table toTable() {
        StringColumn metric = StringColumn.create("metric", "MAE", "RMSE", "MAPE %", "sMAPE %");
        Table t = Table.create("evaluation", metric, column(model, errors));
        return isBaseline() ? t : t.addColumns(column("seasonal-naive", baselineErrors));
    }

    /**
     * The whole stretch as the mean of each season (a week of days: the weekly swing would hide everything else), and
     * its last 8 seasons day by day. The x axis counts steps from the stretch's first day.
     */
    @Override
    public Figure chart(String title) {
        int n = rows(), close = Math.min(n, 8 * season), from = n - close;
        String start = n == 0 ? "" : Series.label(times[0]);
        Figure f = Figure.grid(title, 1, 2)
                .label(0, "forecast " + horizon + " steps ahead: the mean of each " + season + " steps", "steps from " + start, "value")
                .label(1, "the last " + close + " steps", "steps from " + start, "value");
        double[] x = IntStream.range(0, n).asDoubleStream().toArray();
        double[] bx = means(x, season);
        f.add(0, new Trace.XY("actual", Plots.thin(bx), Plots.thin(means(actual, season)), Trace.Mode.LINES))
                .add(0, new Trace.XY(model, Plots.thin(bx), Plots.thin(means(forecast, season)), Trace.Mode.LINES));
        double[] cx = Arrays.copyOfRange(x, from, n);
        f.add(1, new Trace.XY("actual", cx, Arrays.copyOfRange(actual, from, n), Trace.Mode.LINES_MARKERS))
                .add(1, new Trace.XY(model, cx, Arrays.copyOfRange(forecast, from, n), Trace.Mode.LINES_MARKERS));
        if (!isBaseline()) {
            f.add(0, new Trace.XY("seasonal-naive", Plots.thin(bx), Plots.thin(means(baseline, season)), Trace.Mode.LINES))
                    .add(1, new Trace.XY("seasonal-naive", cx, Arrays.copyOfRange(baseline, from, n), Trace.Mode.LINES_MARKERS));
        }
        return f;
    }

    /** The mean of each run of {@code size} values (the last run may be shorter). */
    static double[] means(double[] v, int size) {
        double[] out = new double[(v.length + size - 1) / size];
        for (int b = 0; b < out.length; b++) {
            int end = Math.min(v.length, (b + 1) * size);
            out[b] = Arrays.stream(v, b * size, end).average().orElse(Double.NaN);
        }
        return out;
    }

    @Override
    public String toString() {
        String span = rows() == 0 ? "" : " from " + Series.label(times[0]) + " to " + Series.label(times[rows() - 1]) + ", " + horizon + " steps ahead";
        if (isBaseline()) return errors + span + " (season " + season + ")";
        return errors + "; seasonal-naive (season " + season + ") " + baselineErrors + span + String.format(": MAE %.1f%% %s than seasonal-naive",
                Math.abs(maeGain()), maeGain() >= 0 ? "lower" : "higher");
    }

    private static DoubleColumn column(String name, Errors e) {
        return DoubleColumn.create(name, round(e.mae()), round(e.rmse()), round(e.mape()), round(e.smape()));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
