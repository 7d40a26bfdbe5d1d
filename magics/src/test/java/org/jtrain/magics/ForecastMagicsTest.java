package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.evaluate.Backtest;
import org.jtrain.train.evaluate.Forecast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %data features, %train forecaster and seasonal-naive, %evaluate with and without --backtest, on births. */
class ForecastMagicsTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%data load births");
        kernel.evalRaw("%split births --by-time date --ratios 0.8,0.2 --prefix bt");
        kernel.evalRaw("%train forecaster bt_train --target births --known holiday --trees 100 --as fc");
    }

    @Test
    void featuresOfASeries() {
        String[] out = new String[1];
        Table t = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%data features births --target births --lags 7,364 --windows 28 --known holiday"),
                s -> out[0] = s);
        assertEquals(List.of("date", "births", "lag_7", "lag_364", "mean_28", "std_28", "day_of_week", "weekend", "month", "day_of_month",
                "day_of_year", "holiday"), t.columnNames());
        assertTrue(out[0].startsWith("births_features = 5115 rows × 12 columns"), out[0]);
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%data features births --target births --horizon 14"));
        assertTrue(e.lines().getFirst().startsWith("UsageError: --lags 7 is shorter than --horizon 14"), e.lines().toString());
    }

    @Test
    void evaluateScoresAgainstSeasonalNaive() {
        String[] out = new String[1];
        Table t = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%evaluate fc on bt_test --as ev"), s -> out[0] = s);
        assertEquals(List.of("MAE", "RMSE", "MAPE %", "sMAPE %"), t.stringColumn("metric").asList());
        assertTrue(out[0].startsWith("fc on bt_test (1096 rows): MAE "), out[0]);
        Forecast f = assertInstanceOf(Forecast.class, kernel.evalRaw("ev"));
        assertTrue(f.errors().mae() < f.baselineErrors().mae(), f.toString());
        kernel.evalRaw("%train seasonal-naive bt_train --target births --as naive");
        Table naive = (Table) kernel.evalRaw("%evaluate naive on bt_test");
        assertEquals(f.baselineErrors().mae(), naive.doubleColumn("seasonal-naive").get(0), 0.01);
    }

    @Test
    void backtestByMagic() {
        Table t = (Table) kernel.evalRaw("%evaluate fc on births --backtest 2 --as bt");
        assertEquals(2, t.rowCount());
        Backtest b = assertInstanceOf(Backtest.class, kernel.evalRaw("bt"));
        assertEquals(2, b.wins(), b.toString());
    }

    @Test
    void mistakesAreOneLine() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train forecaster bt_train --target births --regressor forrest"));
        assertTrue(e.lines().getFirst().startsWith("UsageError: --regressor must be one of [forest, boosting, linear, mlp]; got 'forrest'."), e.lines().toString());
        assertEquals("Did you mean 'forest'?", e.lines().getLast());
        kernel.evalRaw("%split births --ratios 0.8,0.2 --prefix rnd");
        UsageError gaps = assertThrows(UsageError.class, () -> kernel.evalRaw("%train seasonal-naive rnd_train --target births"));
        assertTrue(gaps.lines().getFirst().contains("split it by time: %split TABLE --by-time date"), gaps.lines().toString());
    }
}
