package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.models.Series;
import org.jtrain.train.plot.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * A rolling-origin backtest: the model refitted on a growing window of the past before each origin, and scored on
 * the stretch that follows it, fold after fold, against seasonal-naive on the same rows.
 *
 * @param folds in time order; their stretches follow one another without overlapping
 */
public record Backtest(List<Fold> folds) implements Evaluation {

    public Backtest {
        folds = List.copyOf(folds);
    }

    /** One origin: how many rows the model was fitted on (all before the stretch), and its forecast of the stretch. */
    public record Fold(int trainRows, Forecast forecast) {
    }

    /** The mean over folds of the model's MAE; {@link #baselineMae()} the baseline's. */
    public double mae() {
        return folds.stream().mapToDouble(f -> f.forecast().errors().mae()).average().orElse(Double.NaN);
    }

    public double baselineMae() {
        return folds.stream().mapToDouble(f -> f.forecast().baselineErrors().mae()).average().orElse(Double.NaN);
    }

    /** In how many folds the model's MAE is below the baseline's. */
    public long wins() {
        return folds.stream().filter(f -> f.forecast().errors().mae() < f.forecast().baselineErrors().mae()).count();
    }

    @Override
    public int rows() {
        return folds.stream().mapToInt(f -> f.forecast().rows()).sum();
    }

    @Override
    public Table toTable() {
        IntColumn fold = IntColumn.create("fold"), trained = IntColumn.create("train rows"), rows = IntColumn.create("rows");
        StringColumn from = StringColumn.create("from"), to = StringColumn.create("to");
        String model = folds.isEmpty() ? "model" : folds.getFirst().forecast().model();
        DoubleColumn mae = DoubleColumn.create(model + " MAE"), naive = DoubleColumn.create("seasonal-naive MAE");
        DoubleColumn smape = DoubleColumn.create(model + " sMAPE %"), naiveSmape = DoubleColumn.create("seasonal-naive sMAPE %");
        for (int i = 0; i < folds.size(); i++) {
            Forecast f = folds.get(i).forecast();
            fold.append(i + 1);
            trained.append(folds.get(i).trainRows());
            from.append(Series.label(f.times()[0]));
            to.append(Series.label(f.times()[f.rows() - 1]));
            rows.append(f.rows());
            mae.append(Forecast.round(f.errors().mae()));
            naive.append(Forecast.round(f.baselineErrors().mae()));
            smape.append(Forecast.round(f.errors().smape()));
            naiveSmape.append(Forecast.round(f.baselineErrors().smape()));
        }
        return Table.create("backtest", fold, trained, from, to, rows, mae, naive, smape, naiveSmape);
    }

    /** MAE per fold, model beside baseline; and over time, the mean absolute error of each season of every fold. */
    @Override
    public Figure chart(String title) {
        List<String> names = IntStream.rangeClosed(1, folds.size()).mapToObj(i -> "fold " + i).toList();
        Forecast first = folds.getFirst().forecast();
        int season = first.season();
        double[] error = folds.stream().flatMapToDouble(d -> errors(d.forecast().actual(), d.forecast().forecast())).toArray();
        double[] naive = folds.stream().flatMapToDouble(d -> errors(d.forecast().actual(), d.forecast().baseline())).toArray();
        double[] x = Forecast.means(IntStream.range(0, error.length).asDoubleStream().toArray(), season);
        return Figure.grid(title, 1, 2)
                .label(0, "MAE per fold", "fold", "MAE")
                .add(0, new Trace.Bar(first.model(), names, folds.stream().mapToDouble(d -> d.forecast().errors().mae()).toArray()))
                .add(0, new Trace.Bar("seasonal-naive", names, folds.stream().mapToDouble(d -> d.forecast().baselineErrors().mae()).toArray()))
                .label(1, "absolute error, the mean of each " + season + " steps", "steps from " + Series.label(first.times()[0]), "absolute error")
                .add(1, new Trace.XY(first.model(), Plots.thin(x), Plots.thin(Forecast.means(error, season)), Trace.Mode.LINES))
                .add(1, new Trace.XY("seasonal-naive", Plots.thin(x), Plots.thin(Forecast.means(naive, season)), Trace.Mode.LINES));
    }

    private static DoubleStream errors(double[] actual, double[] forecast) {
        return IntStream.range(0, actual.length).mapToDouble(i -> Math.abs(forecast[i] - actual[i]));
    }

    @Override
    public String toString() {
        return String.format("%d folds, mean MAE %.4g against seasonal-naive %.4g; lower in %d of %d folds", folds.size(), mae(), baselineMae(),
                wins(), folds.size());
    }
}
