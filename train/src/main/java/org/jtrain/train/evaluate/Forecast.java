package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.models.Series;
import org.jtrain.train.plot.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;

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

    /** The whole stretch, and its last 8 seasons up close, where the lines can be told apart. */
    @Override
    public Figure chart(String title) {
        int close = Math.min(rows(), 8 * season);
        Figure f = Figure.grid(title, 1, 2)
                .label(0, "forecast " + horizon + " steps ahead", "year", "value")
                .label(1, "the last " + close + " steps", "year", "value");
        draw(f, 0, 0, rows());
        draw(f, 1, rows() - close, rows());
        return f;
    }

    private void draw(Figure f, int panel, int from, int to) {
        double[] x = Arrays.stream(times, from, to).mapToDouble(Forecast::year).toArray();
        f.add(panel, new Trace.XY("actual", Plots.thin(x), Plots.thin(Arrays.copyOfRange(actual, from, to)), Trace.Mode.LINES));
        f.add(panel, new Trace.XY(model, Plots.thin(x), Plots.thin(Arrays.copyOfRange(forecast, from, to)), Trace.Mode.LINES));
        if (!isBaseline()) {
            f.add(panel, new Trace.XY("seasonal-naive", Plots.thin(x), Plots.thin(Arrays.copyOfRange(baseline, from, to)), Trace.Mode.LINES));
        }
    }

    @Override
    public String toString() {
        String span = rows() == 0 ? "" : " from " + Series.label(times[0]) + " to " + Series.label(times[rows() - 1]) + ", " + horizon + " steps ahead";
        if (isBaseline()) return errors + span + " (season " + season + ")";
        return errors + "; seasonal-naive (season " + season + ") " + baselineErrors + span + String.format(": MAE %.1f%% %s than seasonal-naive",
                Math.abs(maeGain()), maeGain() >= 0 ? "lower" : "higher");
    }

    /** A time as a number for a chart's x axis: the year and its fraction, e.g. 2014.5 for early July 2014. */
    static double year(LocalDateTime t) {
        LocalDateTime start = LocalDateTime.of(t.getYear(), 1, 1, 0, 0);
        double length = Duration.between(start, start.plusYears(1)).getSeconds();
        return t.getYear() + Duration.between(start, t).getSeconds() / length;
    }

    private static DoubleColumn column(String name, Errors e) {
        return DoubleColumn.create(name, round(e.mae()), round(e.rmse()), round(e.mape()), round(e.smape()));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
