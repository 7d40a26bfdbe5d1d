package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Load;
import org.jtrain.data.Split;
import org.jtrain.data.SplitOptions;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Trainer;
import org.jtrain.train.evaluate.Backtest;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Forecast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forecasting on the bundled births series (daily, 2000-2014), under the default seed. */
class ForecastersTest {

    static Table births, train, test;

    @BeforeAll
    static void load() {
        births = Load.dataset("births");
        Split split = Split.of(births, SplitOptions.defaults().ratios(0.8, 0.2).byTime("date"));
        train = split.train();
        test = split.test(); // 2012-01-01 .. 2014-12-31
    }

    static Model fit(Hyperparameters p, Table on) throws Exception {
        return Trainer.fit(p, on, "births", FitOptions.defaults().seed(42)).model();
    }

    @Test
    void theForecastBeatsSeasonalNaiveOnHeldOutTime() throws Exception {
        Forecast f = (Forecast) Evaluation.of(fit(Forecaster.params().known("holiday"), train), test);
        // measured: boosting (300 trees) MAE 235.5, seasonal-naive MAE 448.1 (47% lower); sMAPE 2.21% against 4.18%.
        // Floors: at least 25% below the baseline's MAE, and under 300 births a day.
        assertEquals(test.rowCount(), f.rows(), "the model knows the 364 days before the test stretch, so every test day is forecast");
        assertEquals(448.1, f.baselineErrors().mae(), 0.1, "seasonal-naive is deterministic");
        assertTrue(f.errors().mae() < 0.75 * f.baselineErrors().mae(), f.toString());
        assertTrue(f.errors().mae() < 300, f.toString());
        assertTrue(f.errors().smape() < f.baselineErrors().smape(), f.toString());
        assertEquals(3, f.chart("births").panels().get(0).traces().size()); // actual, forecast, baseline
    }

    @Test
    void validationIsScoredOnTheStretchThatFollows() throws Exception {
        Fit fit = Trainer.fit(Forecaster.params().known("holiday").trees(100), train, "births", FitOptions.validation(test).seed(42));
        // measured: val_mae 259.3 on the 1,096 test days with 100 trees (seasonal-naive: 448.1); floor 300
        assertTrue(fit.history().last().get("val_mae") < 300, fit.history().toString());
    }

    @Test
    void aSmallNetworkForecastsToo() throws Exception {
        Table recent = births.inRange(births.rowCount() - 2000, births.rowCount()).setName("recent");
        Table past = recent.inRange(0, 1600).setName("past"), next = recent.inRange(1600, 2000).setName("next");
        Forecast f = (Forecast) Evaluation.of(fit(Forecaster.params().known("holiday").regressor(Regressor.MLP).epochs(30), past), next);
        // measured: mlp (64,32, 30 epochs) MAE 401.9 against seasonal-naive 512.6 on the last 400 days; floor: below the baseline
        assertTrue(f.errors().mae() < f.baselineErrors().mae(), f.toString());
    }

    @Test
    void anInterruptKeepsTheTreesFittedSoFar() throws Exception {
        Fit fit = Trainer.fit(Forecaster.params().known("holiday"), train, "births", FitOptions.defaults().seed(42).stopWhen(() -> true));
        assertTrue(fit.history().ended().startsWith("interrupted"), fit.history().ended());
        assertTrue(fit.model() != null && fit.model().predict(test).values().length == test.rowCount());
    }

    @Test
    void seasonalNaiveForecastsTheValueOneSeasonBack() throws Exception {
        Model naive = fit(SeasonalNaive.params(), train);
        double[] forecast = naive.predict(test).values();
        Map<LocalDate, Double> byDate = values(births);
        for (int r = 0; r < test.rowCount(); r += 97) {
            assertEquals(byDate.get(test.dateColumn("date").get(r).minusDays(7)), forecast[r], 1e-9);
        }
        // a horizon beyond the season reads as many seasons back as it takes: 8 days ahead, 14 days back
        assertEquals(14, SeasonalNaive.params().horizon(8).lag());
    }

    @Test
    void predictionsFollowTheTablesOwnRowOrder() throws Exception {
        Model naive = fit(SeasonalNaive.params(), train);
        Table shuffled = test.rows(java.util.stream.IntStream.range(0, test.rowCount()).map(r -> (r * 37) % test.rowCount()).toArray()); // another order
        double[] forecast = naive.predict(shuffled).values();
        Map<LocalDate, Double> byDate = values(births);
        for (int r = 0; r < shuffled.rowCount(); r++) {
            assertEquals(byDate.get(shuffled.dateColumn("date").get(r).minusDays(7)), forecast[r], 1e-9);
        }
    }

    @Test
    void aFeatureOfRowTReadsNothingLaterThanTMinusTheHorizon() {
        TimeFeatures f = TimeFeatures.of(Forecaster.params().horizon(7).lags("7,364").windows("7").known("holiday"));
        Table features = f.table(births, "births");
        assertEquals(births.rowCount() - 364, features.rowCount(), "rows without 364 days of history are left out");
        Map<LocalDate, Double> byDate = values(births);
        for (int r = 0; r < features.rowCount(); r += 53) {
            LocalDate t = features.dateColumn("date").get(r);
            assertEquals(byDate.get(t.minusDays(7)), features.doubleColumn("lag_7").get(r), 1e-9);
            assertEquals(byDate.get(t.minusDays(364)), features.doubleColumn("lag_364").get(r), 1e-9);
            double mean = 0;
            for (int d = 7; d < 14; d++) mean += byDate.get(t.minusDays(d)) / 7; // the window y(t-13) .. y(t-7)
            assertEquals(mean, features.doubleColumn("mean_7").get(r), 1e-6);
            assertEquals(t.getDayOfWeek().getValue(), features.doubleColumn("day_of_week").get(r));
        }
        // changing the last 7 days of the target changes no feature of the last day
        Table changed = births.copy().setName("births");
        for (int r = births.rowCount() - 7; r < births.rowCount(); r++) changed.intColumn("births").set(r, 0);
        Table again = f.table(changed, "births");
        int last = features.rowCount() - 1;
        for (String c : f.names(false)) assertEquals(features.doubleColumn(c).get(last), again.doubleColumn(c).get(last), c);
        assertEquals(1.0, features.doubleColumn("holiday").get(features.rowCount() - 7), "2014-12-25 is Christmas Day");
        assertEquals(List.of("lag_7", "lag_14"), TimeFeatures.of(Forecaster.params().lags("7,14,7").windows("").calendar(false)).names(false));
    }

    @Test
    void backtestFoldsAreOrderedInTimeAndDoNotOverlap() throws Exception {
        Model m = fit(Forecaster.params().regressor(Regressor.LINEAR).known("holiday"), train);
        Backtest b = (Backtest) Evaluation.of(m, births, new Evaluation.Options(10, 0, 3));
        assertEquals(3, b.folds().size());
        int stretch = births.rowCount() / 4;
        for (int i = 0; i < 3; i++) {
            Backtest.Fold fold = b.folds().get(i);
            assertEquals(births.rowCount() - (3 - i) * stretch, fold.trainRows(), "fitted on every row before its stretch");
            assertEquals(stretch, fold.forecast().rows());
            if (i > 0) {
                Forecast before = b.folds().get(i - 1).forecast();
                assertEquals(before.times()[before.rows() - 1].plusDays(1), fold.forecast().times()[0], "each stretch follows the last");
            }
        }
        // measured: linear regression's MAE is below seasonal-naive's in 3 of 3 folds (mean 351.5 against 475.7; 309 to 418 against 463 to 498)
        assertEquals(3, b.wins(), b.toString());
        assertEquals(3, b.toTable().rowCount());
    }

    @Test
    void hourlyAndMonthlySeriesWork() throws Exception {
        // an hourly series with a daily cycle: the hour is a calendar feature, and a season of 24 steps is a day
        java.time.LocalDateTime start = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);
        int n = 24 * 60;
        Table hourly = Table.create("hourly", tech.tablesaw.api.DateTimeColumn.create("at",
                        java.util.stream.IntStream.range(0, n).mapToObj(start::plusHours).toList()),
                tech.tablesaw.api.DoubleColumn.create("load", java.util.stream.IntStream.range(0, n)
                        .mapToDouble(i -> 100 + 20 * Math.sin(2 * Math.PI * (i % 24) / 24) + (i % 24 == 8 ? 30 : 0)).toArray()));
        Forecaster p = Forecaster.params().regressor(Regressor.LINEAR).lags("24,48").windows("24").season(24).horizon(24);
        Model m = Trainer.fit(p, hourly.inRange(0, n - 240).setName("past"), "load").model();
        assertTrue(m.features().contains("hour"), m.features().toString());
        Forecast f = (Forecast) Evaluation.of(m, hourly.inRange(n - 240, n).setName("next"));
        assertEquals(240, f.rows());
        assertTrue(f.errors().mae() < 1e-6, f.toString()); // the cycle repeats exactly: y(t) = y(t-24)
        // months are 28 to 31 days apart: no gap
        Table monthly = Table.create("monthly", tech.tablesaw.api.DateColumn.create("month",
                        java.util.stream.IntStream.range(0, 60).mapToObj(i -> LocalDate.of(2015, 1, 1).plusMonths(i)).toList()),
                tech.tablesaw.api.DoubleColumn.create("sales", java.util.stream.IntStream.range(0, 60).mapToDouble(i -> i % 12).toArray()));
        assertEquals(48, ((Forecast) Evaluation.of(Trainer.fit(SeasonalNaive.params().season(12).horizon(3), monthly, "sales").model(), monthly)).rows());
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        BadInput noDates = assertThrows(BadInput.class,
                () -> Trainer.fit(SeasonalNaive.params(), Load.dataset("diabetes").setName("diabetes"), "progression"));
        assertTrue(noDates.getMessage().startsWith("'diabetes' has no date column"), noDates.getMessage());

        BadInput tooLong = assertThrows(BadInput.class, () -> fit(Forecaster.params().lags("5000").windows("").horizon(5000), train));
        assertTrue(tooLong.getMessage().contains("look 5000 steps back"), tooLong.getMessage());

        BadInput future = assertThrows(BadInput.class, () -> Forecaster.params().horizon(14));
        assertTrue(future.getMessage().startsWith("--lags 7 is shorter than --horizon 14"), future.getMessage());

        BadInput regressor = assertThrows(BadInput.class, () -> Models.params("forecaster", Map.of("regressor", "forrest")));
        assertEquals("forest", regressor.suggestion().orElseThrow(), regressor.getMessage());

        Split random = Split.of(births, SplitOptions.defaults().ratios(0.8, 0.2));
        BadInput gaps = assertThrows(BadInput.class, () -> fit(SeasonalNaive.params(), random.train()));
        assertTrue(gaps.getMessage().contains("--by-time date"), gaps.getMessage());

        Model naive = fit(SeasonalNaive.params(), births.inRange(0, 1000).setName("early"));
        BadInput later = assertThrows(BadInput.class, () -> Evaluation.of(naive, test));
        assertTrue(later.getMessage().contains("the steps between are missing"), later.getMessage());
        for (BadInput e : new BadInput[]{noDates, tooLong, future, regressor, gaps, later}) assertEquals(1, e.getMessage().lines().count());
    }

    private static Map<LocalDate, Double> values(Table t) {
        Map<LocalDate, Double> out = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) out.put(t.dateColumn("date").get(r), (double) t.intColumn("births").get(r));
        return out;
    }
}
