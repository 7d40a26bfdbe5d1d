package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Forecast;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Forecasting models: a seasonal-naive baseline and regressors on lag, rolling-window and calendar features. */
final class Forecasters {

    private Forecasters() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                ModelSpec.onTables("seasonal-naive", "Forecasts the value one season earlier: the baseline a forecast must beat",
                        Task.REGRESSION, ModelSpec.Engine.SMILE, SeasonalNaive.class, Forecasters::seasonalNaive),
                ModelSpec.onTables("forecaster", "A regressor (forest, boosting, linear or mlp) on lag, rolling-window and calendar features of a series, "
                        + "forecasting --horizon steps ahead", Task.REGRESSION, ModelSpec.Engine.SMILE, Forecaster.class, Forecasters::forecaster));
    }

    private static Model seasonalNaive(SeasonalNaive p, Table train, String target, Table val, Run run) {
        Series s = Series.of(train, p.time(), target, List.of());
        if (s.size() - p.lag() < 1) {
            throw new BadInput("'" + train.name() + "' has " + s.size() + " rows; seasonal-naive with --season " + p.season() + " and --horizon "
                    + p.horizon() + " reads " + p.lag() + " steps back, so it needs more. Use a shorter season or horizon, or a longer series.");
        }
        run.start("seasonal-naive", 1, 1);
        ForecastModel m = new ForecastModel("seasonal-naive", p, null, p.horizon(), p.season(), target, s.last(p.lag()), null, false, run.seed());
        run.batch(1, 1, 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] y = s.values();
        metrics.put("mae", Forecast.Errors.of(Arrays.copyOfRange(y, p.lag(), y.length), Arrays.copyOfRange(y, 0, y.length - p.lag())).mae());
        if (val != null) metrics.put("val_mae", ((Forecast) m.evaluate(val, Evaluation.Options.defaults())).errors().mae());
        run.epoch(1, metrics);
        return m;
    }

    /**
     * Builds the features of the training series (its first rows, without a full history, are left out), fits the
     * chosen regressor on them, reporting to {@code run}, and keeps the series' tail for forecasting what follows.
     */
    private static Model forecaster(Forecaster p, Table train, String target, Table val, Run run) throws Exception {
        TimeFeatures f = TimeFeatures.of(p);
        Series s = Series.of(train, p.time(), target, f.known());
        int lookback = f.lookback(), n = s.size();
        if (n - lookback < ForecastModel.MIN_ROWS) throw f.tooShort(train.name(), n, ForecastModel.MIN_ROWS);
        boolean timeOfDay = s.hasTimeOfDay();
        List<String> names = f.names(timeOfDay);
        Encoded x = encoded(f.rows(s, lookback, n, timeOfDay), Arrays.copyOfRange(s.values(), lookback, n), names, target);
        Encoded v = null;
        if (val != null) {
            Series joined = s.then(Series.of(val, s.time(), target, f.known()));
            int from = Math.max(lookback, joined.size() - val.rowCount());
            v = encoded(f.rows(joined, from, joined.size(), timeOfDay), Arrays.copyOfRange(joined.values(), from, joined.size()), names, target);
        }
        Model regressor = fit(p.regressorParams(), x, v, run);
        if (regressor == null) return null; // stopped before the regressor was whole
        int keep = Math.max(lookback, new SeasonalNaive(p.season(), p.horizon(), p.time()).lag()); // what the baseline reads, too
        return new ForecastModel("forecaster", p, f, p.horizon(), p.season(), target, s.last(keep), regressor, timeOfDay, run.seed());
    }

    private static <P extends Hyperparameters> Model fit(P params, Encoded train, Encoded val, Run run) throws Exception {
        return Models.spec(params).fitter().fit(params, train, val, run);
    }

    private static Encoded encoded(double[][] x, double[] y, List<String> names, String target) {
        return new Encoded(x, null, y, names, target, List.of(), Task.REGRESSION, new Encoded.Columns(names));
    }
}
