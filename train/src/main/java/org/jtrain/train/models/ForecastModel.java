package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;
import org.jtrain.train.Trainer;
import org.jtrain.train.evaluate.Backtest;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Forecast;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A fitted forecast: the regressor on {@link TimeFeatures} (or none, for seasonal-naive) and the tail of the series it
 * was trained on, so that it can forecast the stretch that follows. A row t is forecast from what is known
 * {@code horizon} steps earlier: the tail and the table's own rows up to t - horizon, its calendar, its known columns.
 *
 * @param timeFeatures null for seasonal-naive
 * @param regressor   fitted on the features; null for seasonal-naive
 * @param timeOfDay   whether the training times had times of day (an hour feature)
 * @param seed        of the training run; a backtest refits with it
 */
record ForecastModel(String kind, Hyperparameters params, TimeFeatures timeFeatures, int horizon, int season, String target, Series tail,
                     Model regressor, boolean timeOfDay, long seed) implements Model, Evaluation.ScoresItself {

    /** Fewest rows a fit learns from, beyond the history its first row needs. */
    static final int MIN_ROWS = 30;

    /** How many steps back the baseline reads. */
    int baselineLag() {
        return new SeasonalNaive(season, horizon, tail.time()).lag();
    }

    /** How many rows of history a row needs to be forecast, by the model and by the baseline. */
    int lookback() {
        return Math.max(baselineLag(), timeFeatures == null ? 0 : timeFeatures.lookback());
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public List<String> features() {
        return timeFeatures == null ? List.of() : timeFeatures.names(timeOfDay);
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public Optional<double[]> importance() {
        return regressor == null ? Optional.empty() : regressor.importance();
    }

    /** The forecast of every row of {@code table}, in its order; NaN for a row with too little history before it. */
    @Override
    public Prediction predict(Table table) {
        Scored s = score(table);
        double[] out = new double[table.rowCount()];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < s.rows.length; i++) out[s.rows[i]] = s.forecast[i];
        return Prediction.numbers(out);
    }

    @Override
    public Evaluation evaluate(Table table, Evaluation.Options options) {
        if (options.backtest() > 0) return backtest(table, options.backtest());
        Scored s = score(table);
        return Forecast.of(kind, horizon, season, s.times, s.actual, s.forecast, s.baseline);
    }

    /** The forecasts of the rows of {@code table} with a full history, in time order, with their baseline. */
    private Scored score(Table table) {
        Series s = tail.then(Series.of(table, tail.time(), target, tail.knownNames()));
        int first = 0;
        while (s.rows()[first] < 0) first++;
        int from = Math.max(first, lookback()), n = s.size();
        if (from >= n) {
            throw new BadInput("'" + table.name() + "' has no row with the " + lookback() + " steps of history a forecast needs: it has "
                    + table.rowCount() + " rows, and the model knows none before them. Forecast the table that follows its training data.");
        }
        double[] forecast;
        if (regressor == null) {
            forecast = new double[n - from];
            for (int t = from; t < n; t++) forecast[t - from] = s.values()[t - baselineLag()];
        } else {
            forecast = regressor.predict(frame(timeFeatures.rows(s, from, n, timeOfDay), features())).values();
        }
        double[] baseline = new double[n - from];
        for (int t = from; t < n; t++) baseline[t - from] = s.values()[t - baselineLag()];
        return new Scored(Arrays.copyOfRange(s.rows(), from, n), Arrays.copyOfRange(s.times(), from, n), Arrays.copyOfRange(s.values(), from, n),
                forecast, baseline);
    }

    private record Scored(int[] rows, java.time.LocalDateTime[] times, double[] actual, double[] forecast, double[] baseline) {
    }

    /**
     * Rolling origin: {@code table}, the whole series, is cut into {@code folds} + 1 stretches of equal length; fold i is
     * fitted afresh (same hyperparameters and seed) on the first i stretches and forecasts the next.
     */
    Backtest backtest(Table table, int folds) {
        Series s = Series.of(table, tail.time(), target, tail.knownNames());
        int n = s.size(), length = n / (folds + 1), first = n - folds * length;
        if (length < 1 || first - lookback() < MIN_ROWS) {
            throw new BadInput("--backtest " + folds + " cuts '" + table.name() + "' (" + n + " rows) into " + (folds + 1) + " stretches of "
                    + length + " rows, so the first fold learns from " + first + " rows; with " + lookback() + " steps of history per row it needs at least "
                    + (lookback() + MIN_ROWS) + ". Use fewer folds or a longer series.");
        }
        List<Backtest.Fold> out = new ArrayList<>();
        for (int cut = first; cut < n; cut += length) {
            Table past = table.rows(Arrays.copyOfRange(s.rows(), 0, cut)).setName(table.name());
            Table next = table.rows(Arrays.copyOfRange(s.rows(), cut, cut + length)).setName(table.name());
            Fit refit = refit(past);
            if (refit.model() == null || refit.history().ended().startsWith("interrupted")) break; // the folds so far stand
            out.add(new Backtest.Fold(cut, (Forecast) ((ForecastModel) refit.model()).evaluate(next, Evaluation.Options.defaults())));
        }
        if (out.isEmpty()) throw new BadInput("The backtest was interrupted before its first fold was scored.");
        return new Backtest(out);
    }

    /** A fold's fit, stopped by an interrupt of this thread (the kernel's stop button). */
    private Fit refit(Table past) {
        try {
            return Trainer.fit(params, past, target, FitOptions.defaults().seed(seed));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feature rows as the table a regressor predicts from. */
    static Table frame(double[][] x, List<String> names) {
        Table t = Table.create("features");
        for (int j = 0; j < names.size(); j++) {
            int col = j;
            t.addColumns(DoubleColumn.create(names.get(j), Arrays.stream(x).mapToDouble(r -> r[col]).toArray()));
        }
        return t;
    }

    @Override
    public String toString() {
        String what = regressor == null ? "the value " + baselineLag() + " steps back"
                : regressor.kind() + " on " + features().size() + " features (" + String.join(", ", features()) + ")";
        return kind + " (" + what + ", " + horizon + " steps ahead; " + Params.toString(params) + ")";
    }
}
